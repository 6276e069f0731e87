/**
 * The baseline: `node:http` with a keep-alive agent and a minimal hand-written SSE parser (single-line `data:`
 * fields, `[DONE]`, comments skipped). No error handling beyond the status code: the floor any client pays.
 */
import http from 'node:http';
import { benchMessages, type BenchClient } from './benchClient';

interface ChunkShape {
  choices?: { delta?: { content?: string | null } }[];
}

export function createBaselineClient(baseUrl: string): BenchClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const target = new URL(`${baseUrl}/chat/completions`);
  return {
    name: 'node:http + hand-written SSE',
    stream(model, onText) {
      const body = JSON.stringify({ model, messages: benchMessages, stream: true });
      return new Promise<string>((resolve, reject) => {
        const request = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer x', 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            if (response.statusCode !== 200) {
              response.resume();
              reject(new Error(`baseline: HTTP ${response.statusCode}`));
              return;
            }
            response.setEncoding('utf8');
            let pending = '';
            let text = '';
            response.on('data', (part: string) => {
              pending += part;
              let start = 0;
              let newline = pending.indexOf('\n', start);
              while (newline !== -1) {
                const line = pending.slice(start, newline);
                start = newline + 1;
                newline = pending.indexOf('\n', start);
                if (!line.startsWith('data: ')) continue;
                const data = line.slice(6);
                if (data === '[DONE]') continue;
                const content = (JSON.parse(data) as ChunkShape).choices?.[0]?.delta?.content;
                if (content) {
                  text += content;
                  onText?.(content);
                }
              }
              pending = pending.slice(start);
            });
            response.on('end', () => resolve(text));
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    },
    async close() {
      agent.destroy();
    },
  };
}
