import type { CoreSettings } from '../api';
import { SwitchboardError } from '../errors/switchboardError';
import { parseModelId } from '../providers/registry';
import { capToMicroUsd } from './budgetLedger';

/**
 * A cap holds only for a model whose price is known: an unpriced model's estimate and reservation are 0, so any
 * number of its requests would pass any cap. When a cap is set, such a request is refused before it is sent
 * (code 'budget-exceeded', the message naming the fix) unless settings allow unpriced models under caps; then it
 * is sent with nothing reserved and its cost counts once the provider bills it.
 */
export function refuseUnpricedUnderCaps(settings: CoreSettings, models: readonly { model: string; priced: boolean }[]): void {
  const caps = settings.budget;
  const capsSet = [caps?.perRequestUsd, caps?.dailyUsd, caps?.monthlyUsd, caps?.workspaceMonthlyUsd].some((usd) => capToMicroUsd(usd) !== undefined);
  if (!capsSet || caps?.allowUnpricedUnderCaps === true) return;
  const unpriced = models.find((candidate) => !candidate.priced);
  if (!unpriced) return;
  throw new SwitchboardError({ code: 'budget-exceeded', message: unpricedMessage(unpriced.model, settings), isRetryable: false });
}

function unpricedMessage(model: string, settings: CoreSettings): string {
  const providerId = parseModelId(model)?.providerId;
  const endpoint = settings.customEndpoints?.find((candidate) => candidate?.id === providerId);
  const allow = 'or set switchboard.budget.allowUnpricedUnderCaps to send unpriced models anyway (nothing is reserved; what they bill still counts)';
  if (endpoint) {
    return `A budget cap is set and ${model} has no price, so the cap cannot hold for it. Give the endpoint "${endpoint.id}" a price in switchboard.endpoints `
      + `("pricing": {"inputPerMillionUsd": ..., "outputPerMillionUsd": ...}, or "free": true for a local server), ${allow}.`;
  }
  return `A budget cap is set and ${model} has no published price, so the cap cannot hold for it. Pick a priced model or refresh the model list, ${allow}.`;
}
