import { parseOpenRouterModels } from '../catalog/openRouterModels';
import type { ChatProvider, ChatRequest, KeyCheck } from './chatProvider';
import type { ProviderFactoryOptions } from './providerOptions';
import { createOpenAiStyleProvider, type OpenAiDialect } from './openAiCompatibleProvider';
import { getJson, isRecord, joinUrl } from './providerHttp';

/** Attribution used when settings give none. */
export const DEFAULT_ATTRIBUTION = { referer: 'https://github.com/switchboard-dev/switchboard', title: 'Switchboard' };

/**
 * OpenRouter: the OpenAI-compatible provider plus attribution headers, the OpenRouter-only body fields
 * (`models`, `provider`, `reasoning`, `usage: {include: true}`), billed cost from `usage.cost`, `GET /key`.
 * Nothing OpenRouter-only is sent by any other factory.
 */
export function createOpenRouterProvider(options: ProviderFactoryOptions): ChatProvider {
  const attribution = options.attribution ?? DEFAULT_ATTRIBUTION;
  const dialect: OpenAiDialect = {
    chatHeaders: () => ({
      'HTTP-Referer': attribution.referer,
      'X-OpenRouter-Title': attribution.title,
      'X-Title': attribution.title,
      'X-OpenRouter-Categories': 'ide-extension',
    }),
    chatBody: (request: ChatRequest) => {
      const body: Record<string, unknown> = { usage: { include: true } };
      const extra = request.openRouter;
      if (extra?.models && extra.models.length > 0) {
        body.models = extra.models;
      }
      if (extra?.provider && Object.keys(extra.provider).length > 0) {
        body.provider = extra.provider;
      }
      if (extra?.reasoning && Object.keys(extra.reasoning).length > 0) {
        body.reasoning = extra.reasoning;
      }
      return body;
    },
    isQueuedComment: (text) => text.toUpperCase().includes('OPENROUTER PROCESSING'),
    async listModels(context, signal) {
      // The model list is public; the key is sent when there is one (it does not change the list).
      const apiKey = (await context.options.getApiKey())?.trim();
      const body = await getJson(context.options.transport, context.source, joinUrl(context.options.descriptor.baseUrl, 'models'), context.authHeaders(apiKey || undefined), signal);
      return parseOpenRouterModels(body, context.options.descriptor.id);
    },
    async checkKey(context, apiKey, signal): Promise<KeyCheck> {
      const body = await getJson(context.options.transport, context.source, joinUrl(context.options.descriptor.baseUrl, 'key'), context.authHeaders(apiKey), signal);
      return summariseKey(body);
    },
  };
  return createOpenAiStyleProvider(options, dialect);
}

/** `GET /key` -> "label …, $4.20 of $10.00 left" (never the key). */
export function summariseKey(body: unknown): KeyCheck {
  const data = isRecord(body) && isRecord(body.data) ? body.data : isRecord(body) ? body : {};
  const label = typeof data.label === 'string' && data.label !== '' ? `key ${data.label}` : 'key accepted';
  const limit = typeof data.limit === 'number' ? data.limit : undefined;
  const remaining = typeof data.limit_remaining === 'number' ? data.limit_remaining : limit !== undefined && typeof data.usage === 'number' ? limit - data.usage : undefined;
  const usage = typeof data.usage === 'number' ? data.usage : undefined;
  const parts = [label];
  if (remaining !== undefined && limit !== undefined) {
    parts.push(`${dollars(remaining)} of ${dollars(limit)} left`);
  } else if (usage !== undefined) {
    parts.push(`no limit, ${dollars(usage)} used`);
  }
  if (data.is_free_tier === true) {
    parts.push('free tier');
  }
  return {
    ok: true,
    summary: parts.join(', '),
    remainingMicroUsd: remaining !== undefined ? Math.round(remaining * 1_000_000) : undefined,
  };
}

function dollars(usd: number): string {
  return `$${usd.toFixed(2)}`;
}

