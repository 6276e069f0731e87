/**
 * `npm run bench`: one run, against one local SSE server in a child process, of
 *   stream   client CPU (user+system) per chunk over a 200k-chunk OpenRouter-shaped stream: baseline, openai, core
 *   memory   peak RSS delta of the client while consuming that stream (first time, fresh process, after one short stream)
 *   ttft     time to first token over 200 sequential short streams on a warm connection
 *   compare  a 4-model core.compare's wall time over the slowest model alone
 *   load     cold require time of the minified core bundle in a fresh node, against a fresh node requiring nothing
 *   ledger   cost ledger append and loading 100k records (bench/ledgerBench.ts)
 * Prints a table with baselines, ratios and targets (informative: exit 0 either way) and writes bench/results.json.
 * Then the webview part (bench/webview/run.ts; `npm run bench -- webview` runs it alone).
 * Flags: `--profile` always CPU-profiles the core (it is profiled anyway when it misses the per-chunk target);
 * env BENCH_CHUNKS overrides the 200k chunk count (for a quick try).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { benchDirectory, forkWorker, startServerChild, type WorkerChild } from './childProcesses';
import type { ClientVariant, CompareMeasurement, MemoryMeasurement, StreamRun, TtftSamples, WarmUpMeasurement } from './clientWorker';
import { summariseProfile, type ProfileSummary } from './profileSummary';
import { ledgerResults, ledgerRows, measureLedger } from './ledgerBench';
import { median, percentile, round } from './statistics';
import { runWebviewBench } from './webview/run';

const root = path.resolve(benchDirectory, '..');
const chunkCount = Number(process.env.BENCH_CHUNKS ?? 200_000);
const streamRuns = 3;
const ttftStreams = 200;
const ttftWarmup = 20;
const pacedMs = [100, 200, 300, 400];
const compareRuns = 3;
const loadRuns = 5;
/** ms any one worker command may take */
const callTimeoutMs = 120_000;
const ttftBlock = 20;

const targets = {
  /** core CPU per chunk over baseline */
  coreVsBaseline: 1.25,
  /** openai CPU per chunk over core */
  openaiVsCore: 4,
  /** ms the core's TTFT p50 may add to the baseline's */
  ttftP50ExtraMs: 0.5,
  /** compare wall time over the slowest model alone */
  compareRatio: 1.05,
};

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function attempt<T>(label: string, work: () => Promise<T>): Promise<Outcome<T>> {
  process.stderr.write(`bench: ${label}...\n`);
  const started = performance.now();
  try {
    const value = await work();
    process.stderr.write(`bench: ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bench: ${label} failed: ${message}\n`);
    return { ok: false, error: message };
  }
}

async function buildCoreBundle(directory: string): Promise<{ path: string; bytes: number }> {
  const outfile = path.join(directory, 'core.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'src/core/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    minify: true,
    external: ['vscode'],
    outfile,
    logLevel: 'silent',
  });
  return { path: outfile, bytes: fs.statSync(outfile).size };
}

function timeFreshNode(script: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-e', script], { stdio: 'ignore', timeout: 30_000 });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`node -e failed (status ${result.status})`);
  return elapsed;
}

function measureLoad(bundlePath: string): { coreMs: number; baselineMs: number; coreRequireMs: number } {
  const requireScript = `require(${JSON.stringify(bundlePath)})`;
  const timedScript = `const s=performance.now();require(${JSON.stringify(bundlePath)});process.stdout.write(String(performance.now()-s))`;
  timeFreshNode(requireScript); // warms the file cache
  timeFreshNode('0');
  const core: number[] = [];
  const baseline: number[] = [];
  const inProcess: number[] = [];
  for (let run = 0; run < loadRuns; run++) {
    baseline.push(timeFreshNode('0'));
    core.push(timeFreshNode(requireScript));
    inProcess.push(Number(execFileSync(process.execPath, ['-e', timedScript], { encoding: 'utf8', timeout: 30_000 })));
  }
  return { coreMs: median(core), baselineMs: median(baseline), coreRequireMs: median(inProcess) };
}

/** What the stream measurement gives per client. */
interface StreamMeasurement {
  /** µs per chunk, one per measured run */
  usPerChunk: number[];
  wallMs: number[];
  /** bytes: peak RSS sampled during the first big consumption minus RSS before it */
  peakRssDeltaBytes: number;
  /** bytes: getrusage maxrss over the worker's whole life minus the same RSS before */
  peakRssDeltaAllRunsBytes: number;
}

function needsCore(variant: ClientVariant): boolean {
  return variant === 'core' || variant === 'provider';
}

/**
 * Starts one worker per client and warms each up alone (the cold consumption, which gives the memory figure),
 * then takes the measured runs in rounds (baseline, openai, core, ... then again), so load on the machine that
 * comes and goes hits every client alike.
 */
async function measureStreams(variants: ClientVariant[], serverUrl: string, corePath: string | undefined): Promise<Partial<Record<ClientVariant, Outcome<StreamMeasurement>>>> {
  const outcomes: Partial<Record<ClientVariant, Outcome<StreamMeasurement>>> = {};
  const live = new Map<ClientVariant, { worker: WorkerChild; measurement: StreamMeasurement }>();
  for (const variant of variants) {
    if (needsCore(variant) && !corePath) {
      outcomes[variant] = { ok: false, error: 'no core bundle' };
      continue;
    }
    const worker = forkWorker({ variant, serverUrl, corePath, chunkCount }, root);
    const warm = await attempt(`stream ${variant}: warm-up (${chunkCount} chunks, cold)`, () => worker.call<WarmUpMeasurement>({ type: 'warm-up' }, callTimeoutMs));
    if (warm.ok) {
      live.set(variant, { worker, measurement: { usPerChunk: [], wallMs: [], peakRssDeltaBytes: warm.value.peakRssDeltaBytes, peakRssDeltaAllRunsBytes: 0 } });
    } else {
      outcomes[variant] = warm;
      worker.stop();
    }
  }
  for (let round = 1; round <= streamRuns; round++) {
    for (const [variant, { worker, measurement }] of live) {
      const run = await attempt(`stream ${variant}: run ${round}/${streamRuns}`, () => worker.call<StreamRun>({ type: 'stream' }, callTimeoutMs));
      if (run.ok) {
        measurement.usPerChunk.push(run.value.usPerChunk);
        measurement.wallMs.push(run.value.wallMs);
      } else {
        outcomes[variant] = run;
        worker.stop();
        live.delete(variant);
      }
    }
  }
  for (const [variant, { worker, measurement }] of live) {
    const memory = await attempt(`stream ${variant}: memory`, () => worker.call<MemoryMeasurement>({ type: 'memory' }, callTimeoutMs));
    measurement.peakRssDeltaAllRunsBytes = memory.ok ? memory.value : Number.NaN;
    outcomes[variant] = { ok: true, value: measurement };
    worker.stop();
  }
  return outcomes;
}

/** Warm-up streams per client, then blocks of short streams taken in rounds across clients (as for streams). */
async function measureTtfts(variants: ClientVariant[], serverUrl: string, corePath: string | undefined): Promise<Partial<Record<ClientVariant, Outcome<TtftSamples>>>> {
  const outcomes: Partial<Record<ClientVariant, Outcome<TtftSamples>>> = {};
  const live = new Map<ClientVariant, { worker: WorkerChild; samples: number[] }>();
  for (const variant of variants) {
    if (needsCore(variant) && !corePath) {
      outcomes[variant] = { ok: false, error: 'no core bundle' };
      continue;
    }
    const worker = forkWorker({ variant, serverUrl, corePath, chunkCount }, root);
    const warm = await attempt(`ttft ${variant}: ${ttftWarmup} warm-up streams`, () => worker.call<TtftSamples>({ type: 'ttft', streams: ttftWarmup }, callTimeoutMs));
    if (warm.ok) {
      live.set(variant, { worker, samples: [] });
    } else {
      outcomes[variant] = warm;
      worker.stop();
    }
  }
  const rounds = Math.ceil(ttftStreams / ttftBlock);
  process.stderr.write(`bench: ttft: ${rounds} rounds of ${ttftBlock} short streams per client\n`);
  for (let round = 0; round < rounds; round++) {
    for (const [variant, entry] of live) {
      try {
        entry.samples.push(...(await entry.worker.call<TtftSamples>({ type: 'ttft', streams: ttftBlock }, callTimeoutMs)));
      } catch (error) {
        outcomes[variant] = { ok: false, error: error instanceof Error ? error.message : String(error) };
        entry.worker.stop();
        live.delete(variant);
      }
    }
  }
  for (const [variant, { worker, samples }] of live) {
    outcomes[variant] = { ok: true, value: samples.slice(0, ttftStreams) };
    worker.stop();
  }
  return outcomes;
}

/** Consumes the big stream through the core from source (tsx), profiling only the measured runs. */
async function profileCore(serverUrl: string): Promise<ProfileSummary & { file: string }> {
  // the source through tsx, not the minified bundle, so the profile names real files and functions
  const worker = forkWorker({ variant: 'core', serverUrl, corePath: path.join(root, 'src/core/index.ts'), chunkCount }, root);
  try {
    await worker.call({ type: 'warm-up' }, callTimeoutMs);
    await worker.call({ type: 'profile-start' }, callTimeoutMs);
    for (let run = 0; run < 2; run++) await worker.call({ type: 'stream' }, callTimeoutMs);
    const file = path.join(os.tmpdir(), 'switchboard-bench-core.cpuprofile');
    await worker.call({ type: 'profile-stop', path: file }, callTimeoutMs);
    return { ...summariseProfile(file, root, 15), file };
  } finally {
    worker.stop();
  }
}

/** HEAD's short hash, plus `+uncommitted src/core` when the measured core differs from it (others may be editing). */
function gitCommit(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const changes = execFileSync('git', ['status', '--porcelain', '--', 'src/core', 'src/shared'], { cwd: root, encoding: 'utf8' }).trim();
    return changes ? `${head}+uncommitted src/core` : head;
  } catch {
    return undefined;
  }
}

const megabyte = 1024 * 1024;

function verdict(pass: boolean | undefined): string {
  return pass === undefined ? 'n/a' : pass ? 'PASS' : 'MISS';
}

function show(value: number | undefined, decimals: number, unit = ''): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(decimals)}${unit}`;
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  console.log(line(rows[0]!));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
}

async function main(): Promise<void> {
  const started = performance.now();
  const forceProfile = process.argv.includes('--profile');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'));
  const bundle = await attempt('building src/core/index.ts with esbuild', () => buildCoreBundle(directory));
  const server = await startServerChild(chunkCount);
  const notes: string[] = [];
  try {
    const corePath = bundle.ok ? bundle.value.path : undefined;
    const streams = await measureStreams(['baseline', 'openai', 'core', 'provider'], server.url, corePath);
    const baselineStream = streams.baseline!;
    const openaiStream = streams.openai!;
    const coreStream = streams.core!;
    const providerStream = streams.provider!;

    const ttfts = await measureTtfts(['baseline', 'core', 'openai'], server.url, corePath);
    const baselineTtft = ttfts.baseline!;
    const coreTtft = ttfts.core!;
    const openaiTtft = ttfts.openai!;

    const compare: Outcome<CompareMeasurement> = corePath
      ? await attempt(`compare (${pacedMs.join('/')} ms paced streams, warm-up + ${compareRuns} runs)`, async () => {
          const worker = forkWorker({ variant: 'core', serverUrl: server.url, corePath, chunkCount }, root);
          try {
            return await worker.call<CompareMeasurement>({ type: 'compare', pacedMs, runs: compareRuns }, callTimeoutMs);
          } finally {
            worker.stop();
          }
        })
      : { ok: false, error: 'no core bundle' };

    const load = corePath ? await attempt('cold load', async () => measureLoad(corePath)) : ({ ok: false, error: 'no core bundle' } as const);
    const ledger = await attempt('cost ledger (append, load 100k records)', async () => measureLedger());

    // ---- figures
    const usPerChunk = (outcome: Outcome<StreamMeasurement>): number | undefined => (outcome.ok ? median(outcome.value.usPerChunk) : undefined);
    const peakMb = (outcome: Outcome<StreamMeasurement>): number | undefined => (outcome.ok ? outcome.value.peakRssDeltaBytes / megabyte : undefined);
    const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : a / b);
    const p = (outcome: Outcome<TtftSamples>, at: number): number | undefined => (outcome.ok ? percentile(outcome.value, at) : undefined);
    const r = (value: number | undefined, decimals: number): number | null => (value === undefined || Number.isNaN(value) ? null : round(value, decimals));

    const baselineUs = usPerChunk(baselineStream);
    const openaiUs = usPerChunk(openaiStream);
    const coreUs = usPerChunk(coreStream);
    const coreVsBaseline = ratio(coreUs, baselineUs);
    const providerUs = usPerChunk(providerStream);
    const openaiVsCore = ratio(openaiUs, coreUs);
    const baselineP50 = p(baselineTtft, 50);
    const baselineP99 = p(baselineTtft, 99);
    const coreP50 = p(coreTtft, 50);
    const coreP99 = p(coreTtft, 99);
    const slowestAlone = compare.ok ? median(compare.value.slowestAloneMs) : undefined;
    const compareWall = compare.ok ? median(compare.value.compareMs) : undefined;
    const compareRatio = ratio(compareWall, slowestAlone);
    const memoryBaseline = peakMb(baselineStream);
    const memoryCore = peakMb(coreStream);
    const memoryOpenai = peakMb(openaiStream);

    const pass = {
      stream: coreVsBaseline === undefined ? undefined : coreVsBaseline <= targets.coreVsBaseline,
      openai: openaiVsCore === undefined ? undefined : openaiVsCore >= targets.openaiVsCore,
      ttft: coreP50 === undefined || baselineP50 === undefined ? undefined : coreP50 <= baselineP50 + targets.ttftP50ExtraMs,
      compare: compareRatio === undefined ? undefined : compareRatio <= targets.compareRatio,
    };

    let profile: Outcome<ProfileSummary> | undefined;
    if (corePath && (forceProfile || pass.stream === false)) {
      profile = await attempt('profiling the core stream (inspector CPU profile of 2 runs, source through tsx)', () => profileCore(server.url));
    }

    for (const [label, outcome] of Object.entries({ baselineStream, openaiStream, coreStream, providerStream, baselineTtft, coreTtft, openaiTtft, compare, load, bundle })) {
      if (!outcome.ok) notes.push(`${label}: ${outcome.error}`);
    }

    const results = {
      measuredAt: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      cpu: `${os.cpus()[0]?.model ?? 'unknown'} x${os.cpus().length}`,
      chunkCount,
      stream: {
        baselineUsPerChunk: r(baselineUs, 3),
        openaiUsPerChunk: r(openaiUs, 3),
        coreUsPerChunk: r(coreUs, 3),
        coreVsBaseline: r(coreVsBaseline, 3),
        openaiVsCore: r(openaiVsCore, 3),
        providerUsPerChunk: r(providerUs, 3),
        providerVsBaseline: r(ratio(providerUs, baselineUs), 3),
        runs: {
          baseline: baselineStream.ok ? baselineStream.value.usPerChunk.map((value) => round(value, 3)) : null,
          openai: openaiStream.ok ? openaiStream.value.usPerChunk.map((value) => round(value, 3)) : null,
          core: coreStream.ok ? coreStream.value.usPerChunk.map((value) => round(value, 3)) : null,
          provider: providerStream.ok ? providerStream.value.usPerChunk.map((value) => round(value, 3)) : null,
        },
      },
      ttft: {
        baselineP50Ms: r(baselineP50, 3),
        baselineP99Ms: r(baselineP99, 3),
        coreP50Ms: r(coreP50, 3),
        coreP99Ms: r(coreP99, 3),
        openaiP50Ms: r(p(openaiTtft, 50), 3),
        openaiP99Ms: r(p(openaiTtft, 99), 3),
      },
      compare: {
        ratioVsSlowest: r(compareRatio, 3),
        slowestAloneMs: r(slowestAlone, 1),
        compareMs: r(compareWall, 1),
        pacedMs,
      },
      load: {
        coreMs: load.ok ? r(load.value.coreMs, 1) : null,
        baselineMs: load.ok ? r(load.value.baselineMs, 1) : null,
        coreVsBaseline: load.ok ? r(load.value.coreMs / load.value.baselineMs, 3) : null,
        coreRequireMs: load.ok ? r(load.value.coreRequireMs, 2) : null,
        bundleBytes: bundle.ok ? bundle.value.bytes : null,
      },
      memory: {
        baselinePeakRssDeltaMb: r(memoryBaseline, 1),
        corePeakRssDeltaMb: r(memoryCore, 1),
        providerPeakRssDeltaMb: r(peakMb(providerStream), 1),
        openaiPeakRssDeltaMb: r(memoryOpenai, 1),
        coreVsBaseline: r(ratio(memoryCore, memoryBaseline), 3),
        /** MiB: lifetime peak (getrusage maxrss) after all runs minus the same RSS before */
        allRunsPeakRssDeltaMb: {
          baseline: baselineStream.ok ? r(baselineStream.value.peakRssDeltaAllRunsBytes / megabyte, 1) : null,
          openai: openaiStream.ok ? r(openaiStream.value.peakRssDeltaAllRunsBytes / megabyte, 1) : null,
          core: coreStream.ok ? r(coreStream.value.peakRssDeltaAllRunsBytes / megabyte, 1) : null,
          provider: providerStream.ok ? r(providerStream.value.peakRssDeltaAllRunsBytes / megabyte, 1) : null,
        },
      },
      ledger: ledgerResults(ledger.ok ? ledger.value : undefined),
      targets: {
        coreVsBaselineMax: targets.coreVsBaseline,
        openaiVsCoreMin: targets.openaiVsCore,
        ttftP50ExtraMsMax: targets.ttftP50ExtraMs,
        compareRatioMax: targets.compareRatio,
        pass,
      },
      profile: profile ? (profile.ok ? profile.value : { error: profile.error }) : undefined,
      notes,
      benchSeconds: 0,
    };

    // ---- table
    const loadValue = load.ok ? load.value : undefined;
    const rows: string[][] = [
      ['figure', 'core', 'baseline', 'ratio', 'openai SDK', 'target', 'verdict'],
      ['CPU per chunk (µs)', show(coreUs, 3), show(baselineUs, 3), show(coreVsBaseline, 2, 'x'), show(openaiUs, 3), `<= ${targets.coreVsBaseline}x baseline`, verdict(pass.stream)],
      ['  provider alone (no send())', show(providerUs, 3), show(baselineUs, 3), show(ratio(providerUs, baselineUs), 2, 'x'), '', '', ''],
      ['openai SDK / core CPU', show(openaiVsCore, 2, 'x'), '', '', '', `>= ${targets.openaiVsCore}x`, verdict(pass.openai)],
      ['TTFT p50 (ms)', show(coreP50, 3), show(baselineP50, 3), show(ratio(coreP50, baselineP50), 2, 'x'), show(p(openaiTtft, 50), 3), `<= baseline + ${targets.ttftP50ExtraMs} ms`, verdict(pass.ttft)],
      ['TTFT p99 (ms)', show(coreP99, 3), show(baselineP99, 3), show(ratio(coreP99, baselineP99), 2, 'x'), show(p(openaiTtft, 99), 3), '', ''],
      ['compare 4 models (ms)', show(compareWall, 1), `${show(slowestAlone, 1)} (slowest alone)`, show(compareRatio, 3, 'x'), '', `<= ${targets.compareRatio}x`, verdict(pass.compare)],
      ['cold load, fresh node (ms)', show(loadValue?.coreMs, 1), `${show(loadValue?.baselineMs, 1)} (empty)`, show(ratio(loadValue?.coreMs, loadValue?.baselineMs), 2, 'x'), '', '', ''],
      ['require() of bundle (ms)', show(loadValue?.coreRequireMs, 2), '', '', '', '', ''],
      ['bundle size (KiB)', bundle.ok ? (bundle.value.bytes / 1024).toFixed(1) : 'n/a', '', '', '', '', ''],
      ['peak RSS delta (MiB)', show(memoryCore, 1), show(memoryBaseline, 1), show(ratio(memoryCore, memoryBaseline), 2, 'x'), show(memoryOpenai, 1), '', ''],
      ...ledgerRows(ledger.ok ? ledger.value : undefined, show, verdict),
    ];
    console.log(`\nSwitchboard bench: ${chunkCount} chunks, node ${process.version}, ${results.cpu}, commit ${results.commit ?? '?'}`);
    printTable(rows);
    if (profile?.ok) {
      console.log(`\nCore CPU profile (${profile.value.totalMs} ms sampled; self time by function, then by file):`);
      for (const spot of profile.value.functions) console.log(`  ${spot.percent.toFixed(1).padStart(5)}%  ${spot.selfMs.toFixed(1).padStart(8)} ms  ${spot.where}`);
      console.log('  by file:');
      for (const spot of profile.value.files.slice(0, 8)) console.log(`  ${spot.percent.toFixed(1).padStart(5)}%  ${spot.selfMs.toFixed(1).padStart(8)} ms  ${spot.where}`);
    }
    if (notes.length) console.log(`\nnot measured:\n  ${notes.join('\n  ')}`);
    results.benchSeconds = round((performance.now() - started) / 1000, 1);
    fs.writeFileSync(path.join(benchDirectory, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nwrote bench/results.json (${results.benchSeconds} s); targets are informative, exit code 0 either way`);
  } finally {
    server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

// `npm run bench -- webview` runs only the webview part (bench/webview/run.ts)
(process.argv.includes('webview') ? Promise.resolve() : main()).then(runWebviewBench).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
