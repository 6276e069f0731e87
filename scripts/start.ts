// npm start / npm run demo: try the extension by hand.
//   npm start       builds, then `code --extensionDevelopmentPath=<repo>` when a `code` CLI exists; otherwise packages
//                   a .vsix, installs it into code-server (from the rig) with a persistent profile under .e2e/start/
//                   and prints the URL to open. Ctrl+C stops it.
//   npm run demo    the same, plus the fixture server: every provider's base URL and the "Recorded responses
//                   (replay)" endpoint point at it and the default model is a replay one, so no key is needed.
//                   Replies stream at DEMO_EVENT_DELAY_MS per chunk, so tokens/s and Stop can be seen.
//   npm run demo -- --no-key   the demo without the replay endpoint: the getting-started panel shows (any key you
//                   then set, e.g. "demo", works against the recordings).
// Options: --code-server (use code-server even when `code` exists), --port N (default 7770 start, 7771 demo,
// 7772 demo --no-key; SecretStorage lives in the browser per origin, so a stable port keeps keys across restarts).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fixtureSettings, repoRoot, startCodeServer } from './rig/codeServer';
import { startFixture, type FixtureHandle } from './rig/fixture';

const argv = process.argv.slice(2);
const demo = argv.includes('--demo');
const noKey = demo && argv.includes('--no-key');
const forceCodeServer = argv.includes('--code-server');
const portIndex = argv.indexOf('--port');
const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : Number(process.env.SWITCHBOARD_PORT ?? (demo ? (noKey ? 7772 : 7771) : 7770));
const label = demo ? (noKey ? 'demo-no-key' : 'demo') : 'start';
/** ms between streamed chunks in the demo: about 25 tokens/s (one token per chunk), a small hosted model's pace. */
const DEMO_EVENT_DELAY_MS = 40;
/** The demo's first model: a reply with code blocks, priced from the catalog. */
const DEMO_MODEL = 'replay/openai-gpt-4o-mini-code';

/** `switchboard.model` set to the first model the replay endpoint lists. */
async function replayModelSetting(fixtureUrl: string): Promise<Record<string, unknown>> {
  try {
    const response = await fetch(`${fixtureUrl}/replay/v1/models`);
    const body = await response.json() as { data?: Array<{ id?: unknown }> };
    const ids = (body.data ?? []).map((model) => model.id).filter((id): id is string => typeof id === 'string');
    const chosen = ids.includes(DEMO_MODEL) ? DEMO_MODEL : ids[0];
    if (chosen !== undefined) return { 'switchboard.model': `replay:${chosen}` };
  } catch { /* reported below */ }
  console.log(`[${label}] the replay endpoint listed no models; keeping the default model`);
  return {};
}

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port must be a port number, got ${argv[portIndex + 1]}`);
  const build = spawnSync('node', ['esbuild.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed; nothing was started:\n${build.stdout}${build.stderr}`);

  let fixture: FixtureHandle | undefined;
  let settings: Record<string, unknown> = {};
  if (demo) {
    fixture = await startFixture({ delivery: { eventDelayMs: DEMO_EVENT_DELAY_MS } });
    settings = noKey
      // No usable provider (the profile may keep an earlier demo's endpoint and model, so both are reset).
      ? { ...fixtureSettings(fixture.url), 'switchboard.endpoints': [], 'switchboard.model': 'openrouter:openai/gpt-4o-mini' }
      : { ...fixtureSettings(fixture.url), ...(await replayModelSetting(fixture.url)) };
    console.log(`[${label}] fixture server (recorded responses) on ${fixture.url}`);
  }

  const codeCli = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  if (codeCli && !forceCodeServer) {
    const args = [`--extensionDevelopmentPath=${repoRoot}`];
    if (demo) {
      // A separate desktop profile with the demo settings, so the person's own profile is untouched.
      const userDataDir = path.join(repoRoot, '.e2e', 'demo-desktop');
      const settingsFile = path.join(userDataDir, 'User', 'settings.json');
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
      args.push(`--user-data-dir=${userDataDir}`, '--wait');
      console.log(`[${label}] close that VS Code window (or press Ctrl+C) to stop the fixture server`);
    }
    console.log(`[${label}] ${codeCli} ${args.join(' ')}`);
    const child = spawn(codeCli, args, { stdio: 'inherit' });
    child.on('exit', (code) => {
      void Promise.resolve(fixture?.close()).finally(() => process.exit(code ?? 0));
    });
    return;
  }

  if (!codeCli) console.log(`[${label}] no \`code\` CLI on PATH: serving VS Code from code-server instead`);
  const server = await startCodeServer({
    mode: 'vsix',
    stateDir: path.join(repoRoot, '.e2e', label),
    port,
    settings,
    workspaceFiles: {},
  });
  console.log('');
  console.log(`  Switchboard is running in VS Code (code-server, installed from the .vsix). Open:`);
  console.log(`    ${server.workbenchUrl()}`);
  console.log(`  Profile: ${path.relative(repoRoot, server.stateDir)}/ (kept between runs)   Log: ${path.relative(repoRoot, server.logFile)}`);
  if (demo && !noKey) {
    console.log('  No key needed: the default model answers from recordings ("Recorded responses (replay)").');
    console.log('  Faults: Select Model, type "fault" (replay:fault/402 out of credits, fault/429, slow/long-reply to press Stop).');
  }
  if (noKey) console.log('  No provider is set up: the chat view shows the getting-started panel.');
  console.log('  Press Ctrl+C to stop.');
  console.log('');
  // Ctrl+C, SIGTERM (npm forwards it to this process: the npm script `exec`s tsx, which relays it) or a closed
  // terminal stop code-server's whole process group and the fixture server, so the port is free afterwards.
  // (scripts/rig/codeServer.ts also kills the group on these signals and on exit; this adds the fixture server.)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void server.stop().then(() => fixture?.close()).finally(() => process.exit(0));
    });
  }
  await server.exited;
  console.log(`[${label}] code-server exited; see ${server.logFile}`);
  await fixture?.close();
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(`[${label}] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
