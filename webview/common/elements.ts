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
