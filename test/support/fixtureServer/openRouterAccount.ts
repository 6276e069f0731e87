/**
 * OpenRouter's account routes for the loopback fixture server, mounted under `/openrouter/api/v1` by one hook in
 * index.ts (`server.account` steers them):
 *   GET /key              `{data:{label, limit, limit_remaining, usage…, byok_usage…, is_free_tier, …}}`; a missing
 *                         Authorization or a key containing `invalid` gets 401 with the real recorded body
 *                         (openrouter-error-401-missing-auth-header.json). `account.key('unauthorized' | {slowMs})`.
 *   GET /generation?id=   404 (not ready) for the first `notReady` asks of an id, then 200 with a generation record;
 *                         `account.generation({ notReady, never, byok, totalCostUsd, upstreamCostUsd })`.
 * Both bodies are SYNTHETIC: no real `/key` or `/generation` recording exists in /work/shared/fixtures/real. They
 * follow the field list and example of OpenRouter's OpenAPI spec (`GET /key` and `GenerationResponse`, see
 * /work/shared/PLATFORM-FACTS.md §3.1-3.2), with the ids, model, provider and cost of the chat recording
 * openrouter-chat-stream-usage.sse (gen-1754441342-hIkMo7SMi0ZecQw3oR4d, openai/gpt-4o via OpenAI, $0.0001025).
 */
import type { ServerResponse } from 'node:http';
import { readRecording } from './wire';

/** How `/generation` answers (every id alike). */
export interface GenerationScript {
  /** 404 answers per id before the 200; default 0 */
  notReady?: number;
  /** always 404 (a generation OpenRouter never finds) */
  never?: boolean;
  /** the generation used the person's own provider key */
  byok?: boolean;
  /** USD; default 0.0001025 (the chat recording's usage.cost) */
  totalCostUsd?: number;
  /** USD charged by the upstream provider; default 0.0004 with byok, else null */
  upstreamCostUsd?: number;
}

/** How `/key` answers: normally, 401, or after a delay. */
export type KeyScript = 'ok' | 'unauthorized' | { slowMs: number };

export interface OpenRouterAccountRoutes {
  generation(script: GenerationScript): void;
  key(script: KeyScript): void;
  /** `/generation` asks received per id */
  readonly generationAsks: Map<string, number>;
  /** the hook: answers `rest` (the path after `/openrouter/api/v1`) when it is one of these routes */
  handle(request: { method: string; url: string; headers: Record<string, string> }, rest: string, response: ServerResponse): boolean;
}

export function createOpenRouterAccountRoutes(): OpenRouterAccountRoutes {
  let generationScript: GenerationScript = {};
  let keyScript: KeyScript = 'ok';
  const generationAsks = new Map<string, number>();
  return {
    generationAsks,
    generation(script) {
      generationScript = script;
    },
    key(script) {
      keyScript = script;
    },
    handle(request, rest, response) {
      if (request.method !== 'GET' || (rest !== '/key' && rest !== '/generation')) return false;
      const authorization = request.headers.authorization ?? '';
      if (authorization === '' || authorization.includes('invalid') || (rest === '/key' && keyScript === 'unauthorized')) {
        send(response, 401, readRecording('openrouter-error-401-missing-auth-header.json'));
        return true;
      }
      if (rest === '/key') {
        const delay = typeof keyScript === 'object' ? keyScript.slowMs : 0;
        setTimeout(() => send(response, 200, keyBody()), delay).unref();
        return true;
      }
      const id = new URL(request.url, 'http://127.0.0.1').searchParams.get('id') ?? '';
      const asks = (generationAsks.get(id) ?? 0) + 1;
      generationAsks.set(id, asks);
      if (id === '' || generationScript.never || asks <= (generationScript.notReady ?? 0)) {
        send(response, 404, { error: { code: 404, message: `Generation ${id} not found` } });
        return true;
      }
      send(response, 200, generationBody(id, generationScript));
      return true;
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
  response.end(bytes);
}

function keyBody(): unknown {
  return {
    data: {
      label: 'sk-or-v1-fix...ture', limit: 10, limit_remaining: 4.2, limit_reset: 'monthly', include_byok_in_limit: false,
      usage: 5.8, usage_daily: 0.1, usage_weekly: 0.7, usage_monthly: 5.8,
      byok_usage: 0.25, byok_usage_daily: 0, byok_usage_weekly: 0.05, byok_usage_monthly: 0.25,
      is_free_tier: false, is_management_key: false, is_provisioning_key: false, creator_user_id: null,
      rate_limit: { requests: -1, interval: '10s', note: 'This field is deprecated and safe to ignore.' },
      expires_at: null,
    },
  };
}

function generationBody(id: string, script: GenerationScript): unknown {
  const byok = script.byok === true;
  return {
    data: {
      id, upstream_id: 'chatcmpl-BzOyzq5wVnF0B8sFpvN6GAHJYfcwI', model: 'openai/gpt-4o', provider_name: 'OpenAI', router: null,
      api_type: 'completions', created_at: '2025-08-06T00:49:02.312Z', app_id: null, origin: 'https://github.com/switchboard-dev/switchboard',
      http_referer: 'https://github.com/switchboard-dev/switchboard', user_agent: null, external_user: null, preset_id: null,
      data_region: 'global', workspace_id: null,
      streamed: true, cancelled: true, latency: 1187, generation_time: 402, moderation_latency: null,
      finish_reason: null, native_finish_reason: null, service_tier: null,
      tokens_prompt: 17, tokens_completion: 6, native_tokens_prompt: 17, native_tokens_completion: 6,
      native_tokens_reasoning: 0, native_tokens_cached: 0, native_tokens_completion_images: 0,
      num_media_prompt: 0, num_input_audio_prompt: 0, num_media_completion: 0, num_search_results: 0, num_fetches: 0, web_search_engine: null,
      total_cost: script.totalCostUsd ?? 0.0001025, usage: script.totalCostUsd ?? 0.0001025,
      upstream_inference_cost: script.upstreamCostUsd ?? (byok ? 0.0004 : null), cache_discount: null, is_byok: byok,
      provider_responses: [{ id: 'chatcmpl-BzOyzq5wVnF0B8sFpvN6GAHJYfcwI', endpoint_id: 'openai-gpt-4o', model_permaslug: 'openai/gpt-4o', provider_name: 'OpenAI', latency: 1187, is_byok: byok, status: 200 }],
    },
  };
}
