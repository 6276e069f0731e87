/** The vscode-elements components the webviews use, imported one by one to keep the bundles small. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { element } from './dom';

/** A `vscode-button` with a label (and optional codicon); `data-action` names it for tests and styling. */
export function actionButton(label: string, onClick: () => void, options: { icon?: string; secondary?: boolean; action?: string; ariaLabel?: string } = {}): HTMLElement {
  const button = element('vscode-button', {
    icon: options.icon,
    secondary: options.secondary,
    'data-action': options.action,
    'aria-label': options.ariaLabel ?? label,
    title: options.ariaLabel ?? label,
  }, label);
  button.addEventListener('click', () => {
    if ((button as HTMLElement & { disabled?: boolean }).disabled) return;
    onClick();
  });
  return button;
}

/**
 * A `vscode-collapsible` a screen reader can operate: the component's header (in its shadow root) is a focusable div
 * that says neither that it is a button nor whether it is open, and only Enter toggles it; this adds the role,
 * `aria-expanded` and Space.
 */
export function collapsible(heading: string, content: HTMLElement, attributes: Record<string, string> = {}): HTMLElement {
  const node = element('vscode-collapsible', { heading, ...attributes }, content) as HTMLElement & { open: boolean; updateComplete: Promise<unknown> };
  const describe = (): void => {
    const header = node.shadowRoot?.querySelector('.collapsible-header');
    header?.setAttribute('role', 'button');
    header?.setAttribute('aria-expanded', String(node.open));
  };
  void node.updateComplete.then(describe);
  node.addEventListener('vsc-collapsible-toggle', () => void node.updateComplete.then(describe));
  node.addEventListener('keydown', (event) => {
    if (event.key !== ' ' || !(event.composedPath()[0] as Element | undefined)?.classList?.contains('collapsible-header')) return;
    event.preventDefault();
    node.open = !node.open;
    void node.updateComplete.then(describe);
  });
  return node;
}
