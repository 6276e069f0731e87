/**
 * Model output (untrusted) to HTML. markdown-it with raw HTML off; links become `data-href` anchors that the
 * host opens on click (http/https only, anything else is plain text); images never load (they become links);
 * fenced code is highlighted and gets Copy / Insert / Open buttons. DOMPurify runs last as defence in depth.
 */
import MarkdownIt from 'markdown-it';
import DOMPurify from 'dompurify';
import { highlightCode } from './highlight';
import { isSafeHttpUrl } from './safeUrl';
import { t } from './l10n';

type Token = ReturnType<MarkdownIt['parse']>[number];

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const escape = markdown.utils.escapeHtml;

/** markdown-it's environment of one parse and render. */
export interface RenderEnvironment {
  /** per-render stack so a refused link's close tag matches its open tag */
  links?: boolean[];
  /** link reference definitions by normalised label (markdown-it fills it while parsing; first definition wins) */
  references?: Record<string, unknown>;
  /** leave fenced code unhighlighted (a block still growing is highlighted once it is complete) */
  plainCode?: boolean;
}

markdown.renderer.rules.link_open = (tokens: Token[], index: number, _options, env: RenderEnvironment) => {
  const token = tokens[index];
  const href = token.attrGet('href');
  const safe = isSafeHttpUrl(href);
  (env.links ??= []).push(safe);
  if (!safe) return '<span class="refused-link">';
  const title = token.attrGet('title');
  const titleAttribute = ` title="${escape(title ? `${title} (${href})` : href)}"`;
  return `<a href="#" class="external-link" data-href="${escape(href)}"${titleAttribute}>`;
};

markdown.renderer.rules.link_close = (_tokens: Token[], _index: number, _options, env: RenderEnvironment) => {
  const safe = env.links?.pop();
  return safe ? '</a>' : '</span>';
};

markdown.renderer.rules.image = (tokens: Token[], index: number) => {
  const token = tokens[index];
  const source = token.attrGet('src');
  const alt = token.children ? token.children.map((child) => child.content).join('') : token.content;
  const label = alt ? t('image: {0}', alt) : t('image: untitled');
  if (!isSafeHttpUrl(source)) return `<span class="refused-image">${escape(label)}</span>`;
  return `<a href="#" class="external-link image-link" data-href="${escape(source)}" title="${escape(source)}">${escape(label)}</a>`;
};

markdown.renderer.rules.fence = (tokens: Token[], index: number, _options, env: RenderEnvironment) => {
  const token = tokens[index];
  const language = (token.info.trim().split(/\s+/)[0] ?? '').toLowerCase().replace(/[^a-z0-9+#_-]/g, '');
  const code = token.content;
  const body = (env.plainCode ? undefined : highlightCode(code, language)) ?? escape(code);
  const languageLabel = language ? `<span class="code-language">${escape(language)}</span>` : '';
  const button = (action: string, label: string, text: string) =>
    `<button type="button" class="code-action" data-code-action="${action}" aria-label="${escape(label)}" title="${escape(label)}">${escape(text)}</button>`;
  return (
    `<div class="code-block" data-language="${escape(language)}">` +
    `<div class="code-toolbar">${languageLabel}` +
    button('copy', t('Copy code'), t('Copy')) +
    button('insert', t('Insert code at cursor'), t('Insert')) +
    button('open', t('Open code in new editor'), t('Open')) +
    `</div><pre><code class="hljs${language ? ` language-${escape(language)}` : ''}">${body}</code></pre></div>`
  );
};

markdown.renderer.rules.code_block = (tokens: Token[], index: number) =>
  `<pre><code>${escape(tokens[index].content)}</code></pre>`;

// Tables: markdown-it writes alignment as a style attribute, which the CSP would refuse anyway.
markdown.renderer.rules.th_open = () => '<th>';
markdown.renderer.rules.td_open = () => '<td>';

const ALLOWED_TAGS = [
  'a', 'p', 'br', 'hr', 'em', 'strong', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'button',
];
const ALLOWED_ATTR = ['href', 'data-href', 'class', 'title', 'type', 'aria-label', 'data-code-action', 'data-language', 'start'];

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node: Element) => {
    if (node.hasAttribute('href') && node.getAttribute('href') !== '#') node.removeAttribute('href');
    if (node.hasAttribute('data-href') && !isSafeHttpUrl(node.getAttribute('data-href'))) node.removeAttribute('data-href');
    const action = node.getAttribute('data-code-action');
    if (action !== null && !['copy', 'insert', 'open'].includes(action)) node.removeAttribute('data-code-action');
  });
}

/** One parse of markdown source into block tokens (each top-level block token has its line `map`). */
export type MarkdownToken = Token;

/** Parses `source`; `environment.references` may be seeded with definitions found elsewhere in the document. */
export function parseMarkdown(source: string, environment: RenderEnvironment): Token[] {
  return markdown.parse(source, environment);
}

/**
 * Renders parsed tokens and sanitises the result straight into a DOM fragment (DOMPurify parses the HTML once
 * and hands back its nodes: no second parse through innerHTML).
 */
export function renderTokens(tokens: Token[], environment: RenderEnvironment): DocumentFragment {
  installHooks();
  const html = markdown.renderer.render(tokens, markdown.options, { ...environment, links: [] });
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
  });
}

/** Handlers for what a person can do inside rendered markdown. */
export interface MarkdownActions {
  openLink(href: string): void;
  codeAction(action: 'copy' | 'insert' | 'open', code: string, language: string | undefined): void;
}

/** Wires link clicks and code buttons inside `container` (event delegation: survives re-renders). */
export function attachMarkdownActions(container: HTMLElement, actions: MarkdownActions): void {
  container.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const link = target?.closest('a');
    if (link && container.contains(link)) {
      event.preventDefault();
      const href = link.getAttribute('data-href');
      if (isSafeHttpUrl(href)) actions.openLink(href);
      return;
    }
    const button = target?.closest('button[data-code-action]');
    if (button && container.contains(button)) {
      const action = button.getAttribute('data-code-action');
      const block = button.closest('.code-block');
      const code = block?.querySelector('pre > code')?.textContent ?? '';
      const language = block?.getAttribute('data-language') || undefined;
      if (action === 'copy' || action === 'insert' || action === 'open') actions.codeAction(action, code.replace(/\n$/, ''), language);
      if (action === 'copy') showCopied(button as HTMLElement);
    }
  });
}

/** ms the Copy button says "Copied" */
const COPIED_MS = 1500;

/** Feedback where the person looked: the button reads "Copied" for a moment (and says so to a screen reader). */
function showCopied(button: HTMLElement): void {
  button.textContent = t('Copied');
  button.setAttribute('aria-label', t('Code copied'));
  button.classList.add('copied');
  setTimeout(() => {
    button.textContent = t('Copy');
    button.setAttribute('aria-label', t('Copy code'));
    button.classList.remove('copied');
  }, COPIED_MS);
}
