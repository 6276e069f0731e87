/**
 * A client under measurement in its own process (so each client's heap, JIT and RSS are its own), driven by run.ts
 * over IPC: `fork('bench/clientWorker.ts', [JSON.stringify(setup)], { execArgv: ['--expose-gc', '--import', 'tsx'] })`,
 * then one command at a time (see `WorkerCommand`), each answered by one `WorkerReply`. Keeping the process alive
 * between commands lets run.ts interleave the clients' runs, so a burst of load on the machine hits all of them.
 * The worker exits when run.ts disconnects.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import { createBaselineClient } from './baselineClient';
import type { BenchClient } from './benchClient';
import { benchMessages } from './benchClient';
import { createBenchCore, createCoreClient, createProviderClient, loadCoreModule } from './coreClient';
import { createOpenAiClient } from './openAiClient';
import { expectedTextLength } from './streamBody';

export type ClientVariant = 'baseline' | 'openai' | 'core' | 'provider';

/** What a worker is: which client, which server, where the core is (bundle, or src/core/index.ts through tsx). */
export interface WorkerSetup {
  variant: ClientVariant;
  serverUrl: string;
  corePath?: string;
  /** content chunks in the big stream */
  chunkCount: number;
}

export type WorkerCommand =
  /** one short stream, then the first (cold) consumption of the big stream, which gives the memory figure */
  | { type: 'warm-up' }
  /** one measured consumption of the big stream */
  | { type: 'stream' }
  /** `streams` sequential short streams */
  | { type: 'ttft'; streams: number }
  /** core only: the slowest paced model alone vs all of them in one core.compare, `runs` times each */
  | { type: 'compare'; pacedMs: number[]; runs: number }
  /** peak RSS over everything so far */
  | { type: 'memory' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; path: string };

export type WorkerReply = { ok: true; value: unknown } | { ok: false; error: string };

/** Reply to `warm-up`. */
export interface WarmUpMeasurement {
  /** bytes of RSS before the first big consumption (after loading, one short stream and a GC) */
  rssBeforeBytes: number;
  /** bytes: peak RSS sampled every 2 ms during the first big consumption, minus rssBeforeBytes */
  peakRssDeltaBytes: number;
}

/** Reply to `stream`. */
export interface StreamRun {
  /** µs of client CPU (user+system) per content chunk */
  usPerChunk: number;
  wallMs: number;
  /** non-empty text deltas seen */
  deltas: number;
}

/** Reply to `ttft`: ms from the call to the first non-empty text delta, per stream. */
export type TtftSamples = number[];

/** Reply to `compare`: wall times in ms, per run. */
export interface CompareMeasurement {
  slowestAloneMs: number[];
  compareMs: number[];
}

/** Reply to `memory`: bytes of peak RSS (getrusage maxrss) over the whole life minus the RSS before the big stream. */
export type MemoryMeasurement = number;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function makeClient(setup: WorkerSetup): BenchClient {
  const { variant, serverUrl, corePath } = setup;
  switch (variant) {
    case 'baseline':
      return createBaselineClient(`${serverUrl}/v1`);
    case 'openai':
      return createOpenAiClient(`${serverUrl}/v1`);
    case 'core':
    case 'provider': {
      if (!corePath) throw new Error('no core bundle');
      const module = loadCoreModule(corePath);
      return variant === 'core' ? createCoreClient(module, `${serverUrl}/api/v1`) : createProviderClient(module, `${serverUrl}/api/v1`);
    }
  }
}

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
}

function startWorker(setup: WorkerSetup): (command: WorkerCommand) => Promise<unknown> {
  const client = makeClient(setup);
  const model = `bulk-${setup.chunkCount}`;
  const expected = expectedTextLength(setup.chunkCount);
  let rssBeforeBytes = 0;
  let deltas = 0;
  let session: Session | undefined;
  const onText = (): void => {
    deltas++;
  };
  const consume = async (): Promise<void> => {
    deltas = 0;
    const text = await client.stream(model, onText);
    if (text.length !== expected) throw new Error(`${client.name}: got ${text.length} characters, expected ${expected}`);
  };

  return async (command) => {
    switch (command.type) {
      case 'warm-up': {
        // one short stream first, so one-time costs (lazy modules, the HTTP parser's WebAssembly, the first
        // connection) are not counted as the big stream's memory
        await client.stream('short');
        gc();
        rssBeforeBytes = process.memoryUsage.rss();
        let peakBytes = rssBeforeBytes;
        const sampler = setInterval(() => {
          peakBytes = Math.max(peakBytes, process.memoryUsage.rss());
        }, 2);
        try {
          await consume();
        } finally {
          clearInterval(sampler);
        }
        peakBytes = Math.max(peakBytes, process.memoryUsage.rss());
        return { rssBeforeBytes, peakRssDeltaBytes: peakBytes - rssBeforeBytes } satisfies WarmUpMeasurement;
      }
      case 'stream': {
        gc();
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await consume();
        const wallMs = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        return { usPerChunk: (cpu.user + cpu.system) / setup.chunkCount, wallMs, deltas } satisfies StreamRun;
      }
      case 'ttft': {
        const samples: TtftSamples = [];
        for (let index = 0; index < command.streams; index++) {
          let first: number | undefined;
          const started = performance.now();
          await client.stream('short', () => {
            first ??= performance.now();
          });
          if (first === undefined) throw new Error(`${client.name}: a short stream produced no text`);
          samples.push(first - started);
        }
        return samples;
      }
      case 'compare':
        return measureCompare(setup, command.pacedMs, command.runs);
      case 'memory':
        return (process.resourceUsage().maxRSS * 1024 - rssBeforeBytes) satisfies MemoryMeasurement;
      case 'profile-start':
        session = new Session();
        session.connect();
        await post(session, 'Profiler.enable');
        await post(session, 'Profiler.start');
        return true;
      case 'profile-stop': {
        if (!session) throw new Error('profile-stop without profile-start');
        const { profile } = (await post(session, 'Profiler.stop')) as { profile: unknown };
        session.disconnect();
        fs.writeFileSync(command.path, JSON.stringify(profile));
        return command.path;
      }
    }
  };
}

async function measureCompare(setup: WorkerSetup, pacedMs: number[], runs: number): Promise<CompareMeasurement> {
  if (!setup.corePath) throw new Error('no core bundle');
  const core = createBenchCore(loadCoreModule(setup.corePath), `${setup.serverUrl}/api/v1`);
  const models = pacedMs.map((ms) => `openrouter:bench/paced-${ms}`);
  const slowest = `openrouter:bench/paced-${Math.max(...pacedMs)}`;
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
  for (let run = 0; run < runs; run++) {
    slowestAloneMs.push(await alone());
    compareMs.push(await together());
  }
  core.dispose();
  return { slowestAloneMs, compareMs };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (process.send) {
  let handle: ((command: WorkerCommand) => Promise<unknown>) | undefined;
  let setupError: string | undefined;
  try {
    handle = startWorker(JSON.parse(process.argv[2] ?? '') as WorkerSetup);
  } catch (error) {
    setupError = message(error);
  }
  process.on('message', (command: WorkerCommand) => {
    const reply = (answer: WorkerReply): void => {
      process.send!(answer);
    };
    if (!handle) {
      reply({ ok: false, error: setupError ?? 'not set up' });
      return;
    }
    handle(command).then(
      (value) => reply({ ok: true, value }),
      (error: unknown) => reply({ ok: false, error: message(error) }),
    );
  });
  // keep-alive sockets and core timers must not keep a worker alive once run.ts lets go of it
  process.on('disconnect', () => process.exit(0));
}
