// The replay route (`/replay/v1`): an OpenAI-compatible endpoint, "Recorded responses (replay)" in the demo, that
// answers each of its models with one OpenAI-format recording (OpenRouter's or OpenAI's own; Anthropic and Gemini
// recordings are replayed by their own routes, in their own wire format). GET /models lists each model with the
// price the extension's bundled OpenRouter catalog gives the model it was recorded from, so estimates, caps and
// costs work in the demo without a key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_MODELS } from './faults';
import { openAiChatModel } from './openAiCompatible';

export interface ReplayModel {
  /** recording file (OpenAI chunk format) */
  recording: string;
  name: string;
  /** OpenRouter id whose catalog price the model carries; undefined = no price in the catalog (cost from usage) */
  priceFrom?: string;
  /** a local model: free */
  free?: boolean;
}

/** The replay endpoint's models. */
export const REPLAY_MODELS: Record<string, ReplayModel> = {
  'replay/openrouter-gpt-4o': { recording: 'openrouter-chat-stream-usage.sse', name: 'Replay: OpenRouter gpt-4o', priceFrom: 'openai/gpt-4o' },
  'replay/openrouter-claude-haiku-4.5': { recording: 'openrouter-chat-stream-claude-haiku.sse', name: 'Replay: OpenRouter Claude Haiku 4.5' },
  'replay/openrouter-claude-sonnet-4.5-reasoning': { recording: 'openrouter-chat-stream-reasoning-claude.sse', name: 'Replay: OpenRouter Claude Sonnet 4.5 (reasoning)' },
  'replay/openai-gpt-4o-mini': { recording: 'openai-chat-stream-text-usage.sse', name: 'Replay: OpenAI gpt-4o-mini', priceFrom: 'openai/gpt-4o-mini' },
  'replay/openai-gpt-4o-mini-code': { recording: 'openai-chat-stream-code-blocks.synthetic.sse', name: 'Replay: gpt-4o-mini, a reply with code blocks (synthetic)', priceFrom: 'openai/gpt-4o-mini' },
  'replay/ollama-qwen3': { recording: 'ollama-openai-compat-stream-usage.sse', name: 'Replay: Ollama qwen3 (local, free)', free: true },
};

/** Price of the fault models (OpenRouter's gpt-4o, as the OpenRouter route lists them). */
const FAULT_PRICE = { prompt: '0.0000025', completion: '0.00001' };

let catalogPrices: Map<string, unknown> | undefined;

function catalogPrice(openRouterId: string): unknown {
  if (!catalogPrices) {
    const snapshot = join(__dirname, '..', '..', '..', 'src', 'core', 'catalog', 'openRouterSnapshot.json');
    const parsed = JSON.parse(readFileSync(snapshot, 'utf8')) as { data: Array<{ id: string; pricing?: unknown }> };
    catalogPrices = new Map(parsed.data.map((model) => [model.id, model.pricing]));
  }
  return catalogPrices.get(openRouterId);
}

export const replayChatModel = openAiChatModel;

export function replayModelsBody(): unknown {
  const listed = Object.entries(REPLAY_MODELS).map(([id, model]) => ({
    id, name: model.name,
    pricing: model.free ? { prompt: '0', completion: '0' } : model.priceFrom ? catalogPrice(model.priceFrom) : undefined,
  }));
  const faults = FAULT_MODELS.map((id) => ({ id, name: `Fault: ${id}`, pricing: FAULT_PRICE }));
  return { object: 'list', data: [...listed, ...faults].map((model) => ({ ...model, object: 'model', created: 1754441342, owned_by: 'fixture' })) };
}
