/**
 * First-use costs paid before any reply streams: markdown-it compiles its rule chains, DOMPurify sets itself up and
 * highlight.js compiles each language's grammar (10-40 ms once per language) the first time they run. Left to the
 * first reply, they land inside one streaming frame (six compare columns closing their first code block at once).
 */
import { compileGrammar, languageNames } from './highlight';
import { parseMarkdown, renderTokens } from './markdown';

/** ms of idle time a grammar compile waits for: only a long idle period (no frame due) fits one */
const WARM_UP_IDLE_MS = 25;
/** ms to wait before looking for a long idle period again (rather than spin through every short one) */
const WARM_UP_RETRY_MS = 250;

/** a little of everything a reply holds: heading, list, link, inline code, a TypeScript block (the most common) */
const SAMPLE = '# Title\n\nSome *text* with `code` and a [link](https://example.com).\n\n- one\n- two\n\n```ts\nconst a = 1;\n```\n';

/**
 * Renders a sample reply in the next task (while the host answers `webview/ready`, before anything is on screen),
 * then compiles the other grammars one per long idle period; a page that never has one compiles them on first use.
 */
export function warmUpRendering(): void {
  const grammars = languageNames.filter((language) => language !== 'typescript');
  const next = (deadline: IdleDeadline) => {
    const language = grammars[0];
    if (language === undefined) return;
    if (deadline.timeRemaining() < WARM_UP_IDLE_MS) {
      setTimeout(() => requestIdleCallback(next), WARM_UP_RETRY_MS);
      return;
    }
    grammars.shift();
    compileGrammar(language);
    requestIdleCallback(next);
  };
  setTimeout(() => {
    renderTokens(parseMarkdown(SAMPLE, {}), {});
    requestIdleCallback(next);
  }, 0);
}
