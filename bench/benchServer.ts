/**
 * The bench's loopback SSE server, run in a CHILD process so its CPU is not counted against the client.
 * Speaks the OpenAI/OpenRouter chat-completions wire format at any `.../chat/completions` path; the requested
 * model picks the stream (a `provider/` prefix is ignored):
 *   `bulk-N`     N content chunks, written as fast as the socket takes them (64 KiB writes, honouring backpressure)
 *   `short`      5 content chunks written at once (time to first token)
 *   `paced-MS`   20 content chunks spread evenly over MS milliseconds (compare)
 * Prints one JSON line `{"port":N}` on stdout, then serves until SIGTERM, until stdin closes (the parent went away)
 * or for at most 10 minutes, whichever comes first.
 */
import http from 'node:http';
import { streamBody, streamLines } from './streamBody';

const writeSize = 64 * 1024;
const pacedChunkCount = 20;
const shortChunkCount = 5;
const lifetimeMs = 10 * 60 * 1000;

const bodies = new Map<number, Buffer>();

function bodyFor(count: number): Buffer {
  let body = bodies.get(count);
  if (!body) {
    body = streamBody(count);
    bodies.set(count, body);
  }
  return body;
}

function startStream(response: http.ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-generation-id': 'gen-1754441342-hIkMo7SMi0ZecQw3oR4d',
  });
}

function writeBulk(response: http.ServerResponse, body: Buffer): void {
  let offset = 0;
  const pump = (): void => {
    while (offset < body.length) {
      const end = Math.min(offset + writeSize, body.length);
      const more = response.write(body.subarray(offset, end));
      offset = end;
      if (!more) {
        response.once('drain', pump);
        return;
      }
    }
    response.end();
  };
  response.on('close', () => {
    offset = body.length;
  });
  pump();
}

function writePaced(response: http.ServerResponse, totalMs: number): void {
  const { head, content, tail } = streamLines(pacedChunkCount);
  const stepMs = totalMs / pacedChunkCount;
  const started = performance.now();
  let index = 0;
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  response.write(head.join(''));
  const next = (): void => {
    if (closed) return;
    if (index === content.length) {
      response.end(tail.join(''));
      return;
    }
    response.write(content[index]!);
    index++;
    // schedule against the start time so timer drift does not accumulate
    setTimeout(next, Math.max(0, started + index * stepMs - performance.now()));
  };
  setTimeout(next, stepMs);
}

function handleChat(request: http.IncomingMessage, response: http.ServerResponse, text: string): void {
  let model = '';
  try {
    model = String((JSON.parse(text) as { model?: unknown }).model ?? '');
  } catch {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 400, message: 'bench server: body is not JSON' } }));
    return;
  }
  const name = model.slice(model.lastIndexOf('/') + 1);
  const bulk = /^bulk-(\d+)$/.exec(name);
  const paced = /^paced-(\d+)$/.exec(name);
  if (bulk) {
    startStream(response);
    writeBulk(response, bodyFor(Number(bulk[1])));
  } else if (paced) {
    startStream(response);
    writePaced(response, Number(paced[1]));
  } else if (name === 'short') {
    startStream(response);
    const { head, content, tail } = streamLines(shortChunkCount);
    // the first token goes out with the headers, the rest right after it
    response.write(head.join('') + content[0]!);
    response.end(content.slice(1).join('') + tail.join(''));
  } else {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 404, message: `bench server: no stream for model "${model}"` } }));
  }
}

const server = http.createServer((request, response) => {
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => {
    const url = request.url ?? '';
    if (request.method === 'POST' && url.endsWith('/chat/completions')) {
      handleChat(request, response, Buffer.concat(parts).toString('utf8'));
    } else if (request.method === 'GET' && url.endsWith('/models')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: [{ id: 'bench/short', object: 'model' }] }));
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 404, message: `bench server: no route ${request.method} ${url}` } }));
    }
  });
});

function stop(): void {
  server.close();
  server.closeAllConnections();
  process.exit(0);
}

// pre-build the bulk body named on the command line so the first measured request does not pay for it
const prebuild = Number(process.argv[2] ?? 0);
if (prebuild > 0) bodyFor(prebuild);

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
setTimeout(stop, lifetimeMs).unref();
