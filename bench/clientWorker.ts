/**
 * One measurement in a fresh client process (so each client's heap, JIT and RSS are its own). Run by run.ts as
 * `node --expose-gc --import tsx bench/clientWorker.ts '<WorkerTask JSON>'`; prints one JSON line with the result.
 */
import { createBaselineClient } from './baselineClient';
import type { BenchClient } from './benchClient';
import { benchMessages } from './benchClient';
import { createBenchCore, createCoreClient, createProviderClient, loadCoreModule } from './coreClient';
import { createOpenAiClient } from './openAiClient';
import { expectedTextLength } from './streamBody';

export type ClientVariant = 'baseline' | 'openai' | 'core' | 'provider';

export type WorkerTask =
  | { mode: 'stream'; variant: ClientVariant; serverUrl: string; corePath?: string; chunkCount: number; runs: number }
  | { mode: 'ttft'; variant: ClientVariant; serverUrl: string; corePath?: string; streams: number; warmup: number }
  | { mode: 'compare'; serverUrl: string; corePath: string; pacedMs: number[]; runs: number };

/** Result of a `stream` task: µs of client CPU (user+system) per chunk per measured run, and memory. */
export interface StreamMeasurement {
  usPerChunk: number[];
  wallMs: number[];
  /** bytes of RSS before the first (cold) consumption, after loading and a GC */
  rssBeforeBytes: number;
  /** bytes: the process's peak RSS (getrusage maxrss) after the cold consumption, minus rssBeforeBytes */
  peakRssDeltaBytes: number;
  /** bytes: peak RSS over all runs minus rssBeforeBytes */
  peakRssDeltaAllRunsBytes: number;
  deltas: number;
}

export interface TtftMeasurement {
  /** ms from the call to the first non-empty text delta, per stream */
  ttftMs: number[];
}

export interface CompareMeasurement {
  /** ms wall time of the slowest model alone, per run */
  slowestAloneMs: number[];
  /** ms wall time of the whole compare run, per run */
  compareMs: number[];
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function makeClient(variant: ClientVariant, serverUrl: string, corePath: string | undefined): BenchClient {
  switch (variant) {
    case 'baseline':
      return createBaselineClient(`${serverUrl}/v1`);
    case 'openai':
      return createOpenAiClient(`${serverUrl}/v1`);
    case 'core':
      if (!corePath) throw new Error('no core bundle');
      return createCoreClient(loadCoreModule(corePath), `${serverUrl}/api/v1`);
    case 'provider':
      if (!corePath) throw new Error('no core bundle');
      return createProviderClient(loadCoreModule(corePath), `${serverUrl}/api/v1`);
  }
}

async function measureStream(task: Extract<WorkerTask, { mode: 'stream' }>): Promise<StreamMeasurement> {
  const client = makeClient(task.variant, task.serverUrl, task.corePath);
  const model = `bulk-${task.chunkCount}`;
  const expected = expectedTextLength(task.chunkCount);
  let deltas = 0;
  const onText = (): void => {
    deltas++;
  };
  const check = (text: string): void => {
    if (text.length !== expected) throw new Error(`${client.name}: got ${text.length} characters, expected ${expected}`);
  };
  gc();
  const rssBeforeBytes = process.memoryUsage.rss();
  check(await client.stream(model, onText)); // the warm-up run, which also gives the cold memory figure
  const peakRssDeltaBytes = process.resourceUsage().maxRSS * 1024 - rssBeforeBytes;
  const usPerChunk: number[] = [];
  const wallMs: number[] = [];
  for (let run = 0; run < task.runs; run++) {
    gc();
    deltas = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const text = await client.stream(model, onText);
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    check(text);
    usPerChunk.push((cpu.user + cpu.system) / task.chunkCount);
    wallMs.push(elapsed);
  }
  const peakRssDeltaAllRunsBytes = process.resourceUsage().maxRSS * 1024 - rssBeforeBytes;
  await client.close();
  return { usPerChunk, wallMs, rssBeforeBytes, peakRssDeltaBytes, peakRssDeltaAllRunsBytes, deltas };
}

async function measureTtft(task: Extract<WorkerTask, { mode: 'ttft' }>): Promise<TtftMeasurement> {
  const client = makeClient(task.variant, task.serverUrl, task.corePath);
  const ttftMs: number[] = [];
  for (let index = 0; index < task.warmup + task.streams; index++) {
    let first: number | undefined;
    const started = performance.now();
    await client.stream('short', () => {
      first ??= performance.now();
    });
    if (first === undefined) throw new Error(`${client.name}: a short stream produced no text`);
    if (index >= task.warmup) ttftMs.push(first - started);
  }
  await client.close();
  return { ttftMs };
}

async function measureCompare(task: Extract<WorkerTask, { mode: 'compare' }>): Promise<CompareMeasurement> {
  const core = createBenchCore(loadCoreModule(task.corePath), `${task.serverUrl}/api/v1`);
  const models = task.pacedMs.map((ms) => `openrouter:bench/paced-${ms}`);
  const slowest = `openrouter:bench/paced-${Math.max(...task.pacedMs)}`;
  const alone = async (): Promise<number> => {
    const started = performance.now();
    const result = await core.send({ model: slowest, messages: benchMessages, fallback: [] });
    if (result.status !== 'ok') throw new Error(`core send: ${result.status}: ${result.error?.message ?? ''}`);
    return performance.now() - started;
  };
  const together = async (): Promise<number> => {
    const started = performance.now();
    const results = await core.compare({ models, messages: benchMessages }).done;
    const failed = results.find((result) => result.status !== 'ok');
    if (failed) throw new Error(`core compare: ${failed.servedModel}: ${failed.status}: ${failed.error?.message ?? ''}`);
    return performance.now() - started;
  };
  await alone();
  await together();
  const slowestAloneMs: number[] = [];
  const compareMs: number[] = [];
  for (let run = 0; run < task.runs; run++) {
    slowestAloneMs.push(await alone());
    compareMs.push(await together());
  }
  core.dispose();
  return { slowestAloneMs, compareMs };
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '') as WorkerTask;
  const result =
    task.mode === 'stream' ? await measureStream(task) : task.mode === 'ttft' ? await measureTtft(task) : await measureCompare(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  // keep-alive sockets and core timers must not keep a finished worker alive
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
