/**
 * Keeps the keyboard focus across a re-render. A view that rebuilds its controls from the host's snapshot would
 * otherwise drop the focus to the page whenever the host answers a key press (a period chosen, a winner picked),
 * and a keyboard or screen-reader user would have to find their place again.
 */

/** Attributes that say which control an element is, and in which row, column or message. */
const IDENTITY = ['data-column', 'data-message-id', 'data-conversation-id', 'data-attachment-id', 'data-conversation',
  'data-action', 'data-code-action', 'data-range', 'data-stack', 'data-export', 'data-cap', 'id'];

/**
 * Selectors for `node` inside `container`, most precise first: the identifying attributes of it and its ancestors
 * (outermost first), then the same without the innermost part, and so on (its message, its column).
 */
function identify(node: HTMLElement, container: HTMLElement): string[] {
  const parts: string[] = [];
  for (let at: HTMLElement | null = node; at && at !== container; at = at.parentElement) {
    const attributes = IDENTITY.filter((name) => at!.hasAttribute(name)).map((name) => `[${name}="${CSS.escape(at!.getAttribute(name)!)}"]`);
    if (attributes.length > 0) parts.unshift(`${at.localName}${attributes.join('')}`);
    else if (at === node) return [];
  }
  return parts.map((_, index) => parts.slice(0, parts.length - index).join(' '));
}

/**
 * Runs `rebuild`, which may replace elements inside `container`; when the focused element was one of them, the
 * focus moves to its replacement (the same control of the same row, column or message), or when that control is
 * gone (Retry while the reply regenerates) to the nearest focusable thing it was in (the message).
 */
export function keepingFocus(container: HTMLElement, rebuild: () => void): void {
  const active = document.activeElement;
  const selectors = active instanceof HTMLElement && container.contains(active) ? identify(active, container) : [];
  rebuild();
  if (selectors.length === 0 || active!.isConnected) return;
  const candidates = selectors.map((selector) => container.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(selector));
  // a vscode-elements component is not focusable until it rendered: it counts as its own replacement all the same
  const replacement = candidates.find((candidate) => candidate && (candidate.tabIndex >= 0 || candidate.hasAttribute('tabindex') || candidate.updateComplete));
  replacement?.focus();
  // a vscode-elements component becomes focusable (its tabindex) only once it rendered, a microtask later
  if (replacement && document.activeElement !== replacement) {
    void replacement.updateComplete?.then(() => {
      if (document.activeElement === document.body || document.activeElement === null) replacement.focus();
    });
  }
}
