/** The `openai` npm SDK (v6, over Node's built-in fetch), streaming chat completions. */
import OpenAI from 'openai';
import { benchMessages, type BenchClient } from './benchClient';

export function createOpenAiClient(baseUrl: string): BenchClient {
  const client = new OpenAI({ baseURL: baseUrl, apiKey: 'x', maxRetries: 0 });
  return {
    name: 'openai SDK',
    async stream(model, onText) {
      const stream = await client.chat.completions.create({ model, messages: benchMessages, stream: true });
      let text = '';
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta?.content;
        if (content) {
          text += content;
          onText?.(content);
        }
      }
      return text;
    },
    async close() {
      // the SDK keeps no handle of its own to close
    },
  };
}
