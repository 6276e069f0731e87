import type { ChatResult, CompareOptions, CompareRun } from '../api';
import type { BudgetReservation } from '../budget/budgetLedger';
import { SwitchboardError } from '../errors/switchboardError';
import { quickEstimate, sendChat, type SendContext } from './send';
import { refuseUnpricedUnderCaps } from '../budget/unpricedModels';
import { MAX_COMPARE_COLUMNS } from '../../shared/compare/limits';

/**
 * One prompt to several models at once. Budget for every column is reserved before any starts, all or none:
 * when the columns together would pass a cap, compare throws the 'budget-exceeded' SwitchboardError and nothing
 * is sent. Each column has its own AbortController (cancel one, or all through `cancelAll` or the signal); a
 * failure stays in its column. Columns never fall back to other models: each column is the model asked for.
 */
export function startCompare(context: SendContext, options: CompareOptions): CompareRun {
  const models = options.models;
  if (models.length === 0 || models.length > MAX_COMPARE_COLUMNS) {
    throw new SwitchboardError({ code: 'configuration', message: `Compare takes 1 to ${MAX_COMPARE_COLUMNS} models; ${models.length} were given.` });
  }
  const estimates = models.map((model) => quickEstimate(context, model, options.messages, options.maxTokens));
  refuseUnpricedUnderCaps(context.settings(), models.map((model, column) => ({ model, priced: estimates[column].priced })));
  const reservations: BudgetReservation[] = context.budget.reserveAll(estimates.map((estimate) => estimate.maxMicroUsd), 'compare');

  const controllers = models.map(() => new AbortController());
  const onRunAbort = (): void => controllers.forEach((controller) => controller.abort());
  if (options.signal?.aborted) onRunAbort();
  else options.signal?.addEventListener('abort', onRunAbort, { once: true });

  const columns = models.map((model, column) => ({
    model,
    result: sendChat(context, {
      model,
      messages: options.messages,
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      fallback: [],
      signal: controllers[column].signal,
      onPart: options.onPart ? (part) => options.onPart!(column, part) : undefined,
    }, reservations[column]),
    cancel: () => controllers[column].abort(),
  }));
  const done: Promise<ChatResult[]> = Promise.all(columns.map((column) => column.result)).finally(() => {
    options.signal?.removeEventListener('abort', onRunAbort);
  });
  return { columns, done, cancelAll: onRunAbort };
}
