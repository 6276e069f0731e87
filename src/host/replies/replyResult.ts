/**
 * What every view does with a finished request: copy it onto the stored reply, turn a throw into a failed result,
 * log one line. Shared by the chat and the compare panel. No vscode import.
 */
import { randomUUID } from 'node:crypto';
import { SwitchboardError, type ChatResult } from '../../core/index';
import { formatCost, formatDuration, formatTokens } from '../../shared/format';
import type { StoredMessage } from '../conversations/conversation';

/** A fresh id for a conversation, a message or a request: 20 characters, safe as a file name. */
export function newId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 20);
}

/** Copies what a finished request produced onto the stored reply . */
export function applyResult(message: StoredMessage, result: ChatResult): void {
  message.text = result.text;
  message.reasoning = result.reasoning ? result.reasoning : undefined;
  message.status = result.status === 'ok' ? 'done' : result.status === 'aborted' ? 'stopped' : 'failed';
  message.meta = {
    requestedModel: result.requestedModel,
    servedModel: result.servedModel,
    upstreamModel: result.upstreamModel,
    upstreamProvider: result.upstreamProvider,
    fallbackFrom: result.fallbackFrom.length > 0 ? result.fallbackFrom.map((attempt) => attempt.model) : undefined,
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
    reasoningTokens: result.usage.reasoningTokens,
    cost: result.cost,
    startedAt: result.timings.startedAt,
    ttftMs: result.timings.ttftMs,
    totalMs: result.timings.totalMs,
    tokensPerSecond: result.timings.tokensPerSecond,
    finishReason: result.rawFinishReason ?? result.finishReason,
    generationId: result.generationId,
  };
  message.error = result.status === 'error' && result.error
    ? { code: result.error.code, message: result.error.message, provider: result.error.provider, retryAfterMs: result.error.retryAfterMs }
    : undefined;
}

/** A ChatResult for a request that threw before it could resolve (a setup problem, not a provider failure). */
export function failedResult(model: string, text: string, error: unknown): ChatResult {
  const switchboardError = error instanceof SwitchboardError
    ? error
    : new SwitchboardError({ code: 'configuration', message: error instanceof Error ? error.message : String(error), cause: error });
  return {
    status: 'error', text, reasoning: '', requestedModel: model, servedModel: model, fallbackFrom: [],
    usage: {}, cost: { kind: 'unknown' }, error: switchboardError,
    timings: { startedAt: Date.now(), totalMs: 0 },
  };
}

/** One log line per request: model, status, timings, tokens, cost (the logger redacts). */
export function requestLogLine(result: ChatResult): string {
  const served = result.servedModel === result.requestedModel ? result.servedModel : `${result.requestedModel} -> ${result.servedModel}`;
  const parts = [
    `chat ${served}`,
    result.status === 'error' ? `error ${result.error?.code ?? ''}${result.error?.status ? ` (HTTP ${result.error.status})` : ''}` : result.status,
    `in ${formatTokens(result.usage.inputTokens)} out ${formatTokens(result.usage.outputTokens)} tokens`,
    formatCost(result.cost),
    `ttft ${formatDuration(result.timings.ttftMs)}`,
    `total ${formatDuration(result.timings.totalMs)}`,
  ];
  if ((result.timings.queuedMs ?? 0) >= 1) parts.push(`queued ${formatDuration(result.timings.queuedMs)}`);
  if (result.timings.tokensPerSecond !== undefined) parts.push(`${result.timings.tokensPerSecond.toFixed(1)} tok/s`);
  if (result.upstreamProvider) parts.push(`via ${result.upstreamProvider}`);
  if (result.fallbackFrom.length > 0) parts.push(`after ${result.fallbackFrom.map((attempt) => `${attempt.model} (${attempt.error.code})`).join(', ')}`);
  // the message is a field of its own (it used to be ": message", which read as an empty field before it)
  if (result.error) parts.push(result.error.message);
  return parts.join(' | ');
}
