/**
 * The line under a reply: who answered, tokens, timings, speed and what it cost (billed / estimated / unknown).
 * Compact (the sidebar chat): one line of model · tokens (short form) · total time · cost, the model name cut first
 * so the counts, the cost and its kind stay whole (in a reply 300 px wide or less the total time gives way too);
 * every detail in its tooltip and accessible name, and Enter, Space or a click shows the whole line.
 */
import type { MessageMeta } from '../../src/shared/viewModels';
import { element } from './dom';
import { formatReplyCost, formatDuration, formatTokens } from '../../src/shared/format';
import { t } from './l10n';
import { splitModelName } from './modelNames';

function modelLabel(id: string): string {
  const colon = id.indexOf(':');
  return colon >= 0 ? id.slice(colon + 1) : id;
}

/** What the meta line shows besides the figures. */
export interface MetaLineOptions {
  /** the served model (default true; a compare column names it in its header) */
  showModel?: boolean;
  /** `via <upstream provider>` (default true; a compare column says "served by X via Y" in its header) */
  showProvider?: boolean;
  /** the reply's status: a failed reply with nothing generated shows "no charge" rather than "~$0.00 est." */
  status?: string;
  /** the cost (default true; a blind compare column hides it until the reveal, and its meta carries none) */
  showCost?: boolean;
  /** one line with the main figures, the rest on hover, focus or Enter (default false: every item, wrapping) */
  compact?: boolean;
}

/** what the compact line keeps; the other items show when it is expanded */
const COMPACT_ITEMS = new Set(['model', 'tokens', 'total', 'cost']);

/** Renders `meta` as a list of labelled items; every figure says what it is. */
export function renderMetaLine(meta: MessageMeta, options: MetaLineOptions = {}): HTMLElement {
  const items: HTMLElement[] = [];
  const item = (name: string, text: string, title?: string) =>
    element('span', { class: `meta-item meta-${name}${options.compact && !COMPACT_ITEMS.has(name) ? ' meta-secondary' : ''}`, 'data-item': name, title }, text);
  if (options.showModel !== false) {
    const name = meta.servedModelName ?? modelLabel(meta.servedModel);
    // the compact line names the model without its vendor ("GPT-4o"); the tooltip has the full name and the id
    items.push(options.compact
      ? item('model', splitModelName(name).model, `${name} (${meta.servedModel})`)
      : item('model', name, meta.servedModel));
  }
  if (meta.upstreamProvider && options.showProvider !== false) items.push(item('provider', t('via {0}', meta.upstreamProvider)));
  if (meta.fallbackFrom && meta.fallbackFrom.length > 0) {
    items.push(item('fallback', t('fallback from {0}', meta.fallbackFrom.map(modelLabel).join(', ')), meta.fallbackFrom.join(', ')));
  }
  const tokens = t('{0} in / {1} out tokens', formatTokens(meta.inputTokens), formatTokens(meta.outputTokens));
  if (options.compact) {
    // collapsed, the counts take their short form ("1.2k→456 tok") so they are never cut; expanded, the long one
    items.push(element('span', { class: 'meta-item meta-tokens', 'data-item': 'tokens', 'data-full': tokens },
      element('span', { class: 'meta-short', 'aria-hidden': 'true' }, meta.inputTokens === undefined && meta.outputTokens === undefined
        ? t('tokens unknown')
        : t('{0}→{1} tok', formatTokens(meta.inputTokens), formatTokens(meta.outputTokens))),
      element('span', { class: 'meta-long' }, tokens)));
  } else {
    items.push(item('tokens', tokens));
  }
  if (meta.ttftMs !== undefined) items.push(item('ttft', t('first token {0}', formatDuration(meta.ttftMs)), t('time to first token')));
  if (meta.totalMs !== undefined) items.push(item('total', t('total {0}', formatDuration(meta.totalMs))));
  if (meta.tokensPerSecond !== undefined) items.push(item('speed', t('{0} tok/s', meta.tokensPerSecond.toFixed(1))));
  if (meta.finishReason) items.push(item('finish', t('finish: {0}', meta.finishReason)));
  if (options.showCost !== false) {
    const cost = item('cost', formatReplyCost(meta.cost, { failed: options.status === 'failed', outputTokens: meta.outputTokens }, t),
      meta.cost.kind === 'unknown' ? t('the provider reported no usage for this request') : undefined);
    cost.dataset.costKind = meta.cost.kind;
    items.push(cost);
  }
  // separators keep the items apart for screen readers and copy-paste
  const children = items.flatMap((node, index) => (index === 0 ? [node] : [separator(node), node]));
  const line = element('div', { class: 'meta-line' }, ...children);
  if (options.compact) compactLine(line, items);
  return line;
}

function separator(item: HTMLElement): HTMLElement {
  // named after the item it precedes, so the item's narrow-width rule hides it too
  const node = element('span', { class: 'meta-separator', 'aria-hidden': 'true', 'data-before': item.dataset.item }, ' · ');
  // a secondary item's separator hides with it
  if (item.classList.contains('meta-secondary')) node.classList.add('meta-secondary');
  return node;
}

/**
 * Makes `line` a one-line toggle: focusable, named by the whole text (what its tooltip says too), expanded by Enter,
 * Space or a click to show every item.
 */
function compactLine(line: HTMLElement, items: readonly HTMLElement[]): void {
  // the model item's tooltip is its full name and id; the tokens item carries its long form; any other item's
  // tooltip explains it
  const full = items.map((item) => (item.classList.contains('meta-model') ? item.title
    : item.dataset.full ?? (item.title && item.title !== item.textContent ? `${item.textContent} (${item.title})` : item.textContent))).join(' · ');
  line.classList.add('compact');
  Object.assign(line, { tabIndex: 0, title: full });
  line.setAttribute('role', 'button');
  line.setAttribute('aria-label', t('Reply details: {0}', full));
  line.setAttribute('aria-expanded', 'false');
  const toggle = () => line.setAttribute('aria-expanded', String(line.getAttribute('aria-expanded') !== 'true'));
  line.addEventListener('click', toggle);
  line.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    toggle();
  });
}
