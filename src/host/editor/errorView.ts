/**
 * What the person can do about each kind of failure (STYLE.md "Errors"). No vscode import.
 */
import { builtInProvider } from '../../core/index';
import type { ErrorAction, ErrorView } from '../../shared/viewModels';
import type { StoredError } from '../conversations/conversation';

/** The actions for an error code. `keyMissing` says whether the provider needs a key it does not have. */
export function actionsFor(error: StoredError, keyMissing: boolean): ErrorAction[] {
  switch (error.code) {
    case 'authentication':
      return ['set-key'];
    case 'payment-required':
      // the message says "add credits or lower max tokens": one button for each
      return error.provider && builtInProvider(error.provider)?.creditsPage ? ['add-credits', 'lower-max-tokens'] : ['lower-max-tokens'];
    case 'rate-limited':
      return ['retry', 'pick-model'];
    case 'context-too-long':
      return ['open-settings', 'pick-model'];
    case 'no-such-model':
      return ['pick-model'];
    case 'budget-exceeded':
      return ['open-budget'];
    case 'configuration':
      return keyMissing ? ['set-key'] : ['open-settings'];
    case 'empty-reply':
    case 'provider-error':
    case 'mid-stream':
    case 'timeout':
    case 'connection':
      return ['retry', 'pick-model'];
    case 'moderation':
    case 'bad-request':
      return ['pick-model'];
    default:
      return ['retry'];
  }
}

export function errorViewOf(error: StoredError, keyMissing: boolean): ErrorView {
  return {
    code: error.code,
    message: error.message,
    provider: error.provider,
    retryAfterMs: error.retryAfterMs,
    actions: actionsFor(error, keyMissing),
  };
}
