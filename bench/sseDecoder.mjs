// Bench: Switchboard's own SSE decoder (src/core/sse/serverSentEvents.ts) vs eventsource-parser, same input,
// same process, alternating runs. Input: 200k OpenRouter-shaped chunks (`data: {...chat.completion.chunk...}`),
// a usage chunk and [DONE], delivered (a) in 16 KiB reads like a socket and (b) one read per event.
// Run: node bench/sseDecoder.mjs   (bundles the TypeScript decoder with esbuild into a temp file first)
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createParser } from 'eventsource-parser';

const require = createRequire(import.meta.url);
const CHUNKS = 200_000;
const RUNS = 3;

const directory = mkdtempSync(join(tmpdir(), 'sse-bench-'));
const outfile = join(directory, 'serverSentEvents.cjs');
await build({ entryPoints: [new URL('../src/core/sse/serverSentEvents.ts', import.meta.url).pathname], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent' });
const { decodeServerSentEvents } = require(outfile);
rmSync(directory, { recursive: true, force: true });

/** The eventsource-parser candidate behind the same async-generator signature. */
async function* decodeWithEventSourceParser(body) {
  const decoder = new TextDecoder('utf-8');
  const out = [];
  const parser = createParser({
    onEvent: (event) => out.push({ type: 'event', event: event.event, data: event.data, id: event.id }),
    onComment: (text) => out.push({ type: 'comment', text }),
  });
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  parser.feed(decoder.decode());
  parser.reset({ consume: true });
  yield* out;
}

function makeBody() {
  const lines = [': OPENROUTER PROCESSING\n\n'];
  const words = ['The', ' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', '.'];
  for (let index = 0; index < CHUNKS; index += 1) {
    lines.push(`data: {"id":"gen-1754441342-hIkMo7SMi0ZecQw3oR4d","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion.chunk","created":1754441342,"choices":[{"index":0,"delta":{"role":"assistant","content":"${words[index % words.length]}"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_07871e2ad8"}\n\n`);
  }
  lines.push('data: {"id":"gen-1754441342-hIkMo7SMi0ZecQw3oR4d","choices":[],"usage":{"prompt_tokens":17,"completion_tokens":200000,"total_tokens":200017,"cost":2.0001}}\n\n');
  lines.push('data: [DONE]\n\n');
  return { lines, bytes: new TextEncoder().encode(lines.join('')) };
}

function socketReads(bytes, size) {
  const reads = [];
  for (let offset = 0; offset < bytes.length; offset += size) {
    reads.push(bytes.subarray(offset, offset + size));
  }
  return reads;
}

async function* iterate(reads) {
  for (const read of reads) {
    yield read;
  }
}

async function measure(decode, reads) {
  const start = process.cpuUsage();
  const wall = process.hrtime.bigint();
  let events = 0;
  let dataBytes = 0;
  for await (const item of decode(iterate(reads))) {
    if (item.type === 'event') {
      events += 1;
      dataBytes += item.data.length;
    }
  }
  const cpu = process.cpuUsage(start);
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: Number(process.hrtime.bigint() - wall) / 1e6, events, dataBytes };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { lines, bytes } = makeBody();
const shapes = {
  '16 KiB reads': socketReads(bytes, 16 * 1024),
  'one read per event': lines.map((line) => new TextEncoder().encode(line)),
};
const candidates = { switchboard: decodeServerSentEvents, 'eventsource-parser': decodeWithEventSourceParser };
console.log(`SSE decoder bench: ${CHUNKS} chunks, ${(bytes.length / 1e6).toFixed(1)} MB, median of ${RUNS} runs (CPU ms, user+system)`);
for (const [shape, reads] of Object.entries(shapes)) {
  const results = {};
  for (const name of Object.keys(candidates)) {
    results[name] = [];
    await measure(candidates[name], reads); // warm-up
  }
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, decode] of Object.entries(candidates)) {
      results[name].push(await measure(decode, reads));
    }
  }
  const [first, second] = Object.keys(candidates);
  const a = median(results[first].map((r) => r.cpuMs));
  const b = median(results[second].map((r) => r.cpuMs));
  if (results[first][0].events !== results[second][0].events || results[first][0].dataBytes !== results[second][0].dataBytes) {
    throw new Error(`decoders disagree: ${JSON.stringify(results[first][0])} vs ${JSON.stringify(results[second][0])}`);
  }
  console.log(`${shape.padEnd(20)} ${first}: ${a.toFixed(1)} ms (${((a * 1000) / CHUNKS).toFixed(2)} µs/chunk)   ${second}: ${b.toFixed(1)} ms (${((b * 1000) / CHUNKS).toFixed(2)} µs/chunk)   ${second}/${first} = ${(b / a).toFixed(2)}x`);
}
