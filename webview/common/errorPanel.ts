/** An error shown inline where it happened, with what to do about it as buttons. */
import type { ErrorAction, ErrorView } from '../../src/shared/viewModels';
import { element } from './dom';
import { actionButton } from './elements';
import { t } from './l10n';

const ACTION_LABELS: Record<ErrorAction, { label: string; icon: string }> = {
  'set-key': { label: t('Set API key'), icon: 'key' },
  'add-credits': { label: t('Add credits'), icon: 'credit-card' },
  'open-settings': { label: t('Open settings'), icon: 'settings-gear' },
  'open-budget': { label: 'Budget settings', icon: 'settings-gear' },
  'lower-max-tokens': { label: t('Lower max tokens'), icon: 'settings-gear' },
  retry: { label: t('Retry'), icon: 'refresh' },
  'pick-model': { label: t('Pick another model'), icon: 'arrow-swap' },
};

/**
 * Renders the message, then one button per action. With `retryAfterMs` the Retry button counts down
 * ("wait 12 s") and is disabled until the wait is over.
 */
export function renderErrorPanel(error: ErrorView, onAction: (action: ErrorAction) => void): HTMLElement {
  const actions = element('div', { class: 'error-actions' });
  for (const action of error.actions) {
    const known = ACTION_LABELS[action] ?? { label: action, icon: 'play' };
    const button = actionButton(known.label, () => onAction(action), { icon: known.icon, secondary: action !== 'retry', action: `error-${action}` });
    if (action === 'retry' && error.retryAfterMs !== undefined && error.retryAfterMs > 0) startCountdown(button, known.label, error.retryAfterMs);
    actions.append(button);
  }
  return element('div', { class: 'error-panel', role: 'alert' },
    element('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }),
    element('div', { class: 'error-body' },
      element('strong', { class: 'error-title' }, t('Error: ')),
      element('span', { class: 'error-message' }, error.message),
      error.actions.length > 0 ? actions : undefined));
}

function startCountdown(button: HTMLElement, label: string, waitMs: number): void {
  const until = Date.now() + waitMs;
  const control = button as HTMLElement & { disabled: boolean };
  const tick = () => {
    const seconds = Math.ceil((until - Date.now()) / 1000);
    if (seconds <= 0 || !button.isConnected && seconds < Math.ceil(waitMs / 1000)) {
      control.disabled = false;
      button.textContent = label;
      window.clearInterval(timer);
      return;
    }
    control.disabled = true;
    button.textContent = t('{0} (wait {1} s)', label, seconds);
  };
  const timer = window.setInterval(tick, 1000);
  tick();
}
