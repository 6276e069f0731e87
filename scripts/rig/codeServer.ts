// Starts a real VS Code (code-server from the rig in .cache/rig) on 127.0.0.1 with fresh, isolated state.
//
//   const server = await startCodeServer({ mode: 'dev', settings: fixtureSettings(url) });
//   page.goto(server.workbenchUrl());          // dev mode: the extension is loaded from this repo
//   await server.stop();                       // also runs on exit / SIGINT / SIGTERM
//
// 'dev' loads the extension through the `extensionDevelopmentPath` payload, which a built workbench only honours
// with `--vscode-option enable-smoke-test-driver`; that driver hides notification toasts (read the Notifications
// Center instead). 'vsix' packages the extension (`npm run package`) and installs the .vsix: toasts are visible.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The repository root: the nearest folder above the working directory whose package.json is Switchboard's. */
export const repoRoot = findRepoRoot(process.cwd());

function findRepoRoot(start: string): string {
  // Not derived from __dirname: tsx gives ESM importers of this file a different one than CJS importers.
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'switchboard') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Run this from inside the Switchboard repository (no switchboard package.json above ${start}).`);
  }
}

/** Identifier of the extension under test (`publisher.name`). */
export const extensionId = 'switchboard-dev.switchboard';

/** What `scripts/rig/install.sh` writes to `.cache/rig/rig.json`. */
export interface RigInfo {
  /** Absolute path of the Node 24 binary that must run code-server. */
  node: string;
  /** Absolute path of code-server's `out/node/entry.js`. */
  codeServerEntry: string;
  codeServerVersion: string;
}

export type CodeServerMode = 'dev' | 'vsix';

export interface CodeServerOptions {
  /** 'dev': load the extension from the repo (smoke-test driver on); 'vsix': package and install it. */
  mode: CodeServerMode;
  /** Merged over the pitfall-avoiding defaults in `User/settings.json`. */
  settings?: Record<string, unknown>;
  /** Files to create in the workspace folder: relative path -> content. */
  workspaceFiles?: Record<string, string>;
  /** Extra environment for code-server (and so for the extension host). */
  env?: Record<string, string>;
  /** State folder; default a fresh `.e2e/run-<id>/`. An existing folder is reused (persistent profile). */
  stateDir?: string;
  /** Port on 127.0.0.1; default a free one. */
  port?: number;
  /** vsix mode: install this file instead of running `npm run package`. */
  vsixPath?: string;
  /** Print code-server's own output instead of only writing it to `<stateDir>/code-server.log`. */
  inheritOutput?: boolean;
  /**
   * vsix mode: also load this folder as a development extension (with the smoke-test driver), e.g. an empty probe
   * extension whose `extensionTestsPath` tests then run beside the installed, production-mode Switchboard.
   */
  developmentPath?: string;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  mode: CodeServerMode;
  stateDir: string;
  workspace: string;
  logFile: string;
  /** `<stateDir>/data/User/settings.json`: VS Code applies edits to it without a reload. */
  settingsFile: string;
  /** Merges `patch` into the user settings file; a key set to `undefined` is removed. */
  updateSettings(patch: Record<string, unknown>): void;
  /** Workbench URL opening the workspace; in dev mode the payload loads the extension from the repo. */
  workbenchUrl(extraPayload?: Array<[string, string]>): string;
  /** A path on this machine as the workbench addresses it (`vscode-remote://127.0.0.1:PORT/abs/path`). */
  remoteUri(absolutePath: string): string;
  /** Kills code-server (by PID and its process group); idempotent. `removeState` deletes the state folder too. */
  stop(options?: { removeState?: boolean }): Promise<void>;
  /** Settles when the code-server process has exited (for whatever reason). */
  exited: Promise<void>;
}

/** Settings that keep a fresh profile quiet and offline (see the pitfall list of the rig). */
export const baseSettings: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  // The state folders live inside this repository: don't offer to open it.
  'git.openRepositoryInParentFolders': 'never',
};

/** Switchboard settings that send every provider (and the `replay` endpoint) to the fixture server at `fixtureUrl`. */
export function fixtureSettings(fixtureUrl: string): Record<string, unknown> {
  return {
    'switchboard.providerBaseUrls': {
      openrouter: `${fixtureUrl}/openrouter/api/v1`,
      openai: `${fixtureUrl}/openai/v1`,
      anthropic: `${fixtureUrl}/anthropic/v1`,
      gemini: `${fixtureUrl}/gemini/v1beta`,
    },
    'switchboard.endpoints': [
      { id: 'replay', label: 'Recorded responses (replay)', baseUrl: `${fixtureUrl}/replay/v1`, requiresKey: false },
    ],
  };
}

/** Reads `.cache/rig/rig.json`, running `scripts/rig/install.sh` first when the rig is missing. */
export function ensureRig(): RigInfo {
  const rigFile = path.join(process.env.SWITCHBOARD_RIG_CACHE ?? path.join(repoRoot, '.cache', 'rig'), 'rig.json');
  const read = (): RigInfo | undefined => {
    if (!fs.existsSync(rigFile)) return undefined;
    const rig = JSON.parse(fs.readFileSync(rigFile, 'utf8')) as RigInfo;
    return fs.existsSync(rig.node) && fs.existsSync(rig.codeServerEntry) ? rig : undefined;
  };
  const existing = read();
  if (existing) return existing;
  console.log('[rig] code-server rig missing: running scripts/rig/install.sh');
  const result = spawnSync('bash', [path.join(repoRoot, 'scripts', 'rig', 'install.sh')], { stdio: 'inherit' });
  const installed = result.status === 0 ? read() : undefined;
  if (!installed) throw new Error('The code-server rig could not be installed: see the output of scripts/rig/install.sh above.');
  return installed;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** True when something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, signal); } catch { /* group gone */ }
  try { process.kill(child.pid, signal); } catch { /* process gone */ }
}

let handlersInstalled = false;
function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => { for (const child of running) killGroup(child, 'SIGKILL'); });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const child of running) killGroup(child, 'SIGTERM');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Packages the extension with `npm run package` and returns the .vsix path. */
export function packageExtension(): string {
  const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  console.log('[rig] packaging the extension (npm run package)');
  const vsix = path.join(repoRoot, `switchboard-${version}.vsix`);
  fs.rmSync(vsix, { force: true });
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !fs.existsSync(vsix)) throw new Error(`npm run package failed:\n${output}`);
  const done = /DONE\s+(Packaged: .*)/.exec(output);
  console.log(`[rig] ${done?.[1] ?? `packaged ${path.basename(vsix)}`}`);
  return vsix;
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Starts code-server; resolves once `/healthz` answers. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const rig = ensureRig();
  const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  const stateDir = path.resolve(options.stateDir ?? path.join(repoRoot, '.e2e', `run-${runId}`));
  const dataDir = path.join(stateDir, 'data');
  const extensionsDir = path.join(stateDir, 'extensions');
  const workspace = path.join(stateDir, 'workspace');
  const xdg = path.join(stateDir, 'xdg');
  const configFile = path.join(stateDir, 'config.yaml');
  const logFile = path.join(stateDir, 'code-server.log');
  for (const dir of [dataDir, extensionsDir, workspace, `${xdg}/data`, `${xdg}/config`, `${xdg}/cache`]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const settingsFile = path.join(dataDir, 'User', 'settings.json');
  const previous = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown> : {};
  writeJson(settingsFile, { ...previous, ...baseSettings, ...options.settings });
  for (const [relative, content] of Object.entries(options.workspaceFiles ?? { 'README.txt': 'Switchboard test workspace\n' })) {
    const file = path.join(workspace, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }

  const port = options.port ?? await freePort();
  if (options.port !== undefined && await portInUse(port)) {
    throw new Error(`Port ${port} on 127.0.0.1 is already in use; stop what is using it or choose another port.`);
  }
  // Always pass --config: without it code-server writes ~/.config/code-server/config.yaml.
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_DATA_HOME: `${xdg}/data`,
    XDG_CONFIG_HOME: `${xdg}/config`,
    XDG_CACHE_HOME: `${xdg}/cache`,
    ...options.env,
  };
  // Our own tooling env must not leak into code-server's Node 24 (e.g. tsx's loader flags).
  delete env.NODE_OPTIONS;
  const common = ['--config', configFile, '--user-data-dir', dataDir, '--extensions-dir', extensionsDir];

  if (options.mode === 'vsix') {
    const vsix = options.vsixPath ?? packageExtension();
    const install = spawnSync(rig.node, [rig.codeServerEntry, ...common, '--force', '--install-extension', vsix], { env, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`Installing ${vsix} into code-server failed:\n${install.stdout}\n${install.stderr}`);
  }

  const args = [
    rig.codeServerEntry, ...common,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...(options.mode === 'dev' || options.developmentPath ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    workspace,
  ];
  const log = fs.openSync(logFile, 'a');
  const child = spawn(rig.node, args, {
    env,
    detached: true, // own process group, so stop() also ends the extension host and other children
    stdio: ['ignore', options.inheritOutput ? 'inherit' : log, options.inheritOutput ? 'inherit' : log],
  });
  fs.closeSync(log);
  running.add(child);
  installExitHandlers();
  const exited = new Promise<void>((resolve) => child.once('exit', () => { running.delete(child); resolve(); }));

  const stop = async (stopOptions: { removeState?: boolean } = {}): Promise<void> => {
    if (running.has(child)) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // stragglers left in the group
    }
    if (stopOptions.removeState) fs.rmSync(stateDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!running.has(child)) {
      throw new Error(`code-server exited during start-up; its log (${logFile}):\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    const healthy = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within 60 s; log: ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  const remoteUri = (absolutePath: string): string => `vscode-remote://127.0.0.1:${port}${absolutePath}`;
  const workbenchUrl = (extraPayload: Array<[string, string]> = []): string => {
    const payload: Array<[string, string]> = [
      ...(options.mode === 'dev' || options.developmentPath
        ? [['extensionDevelopmentPath', remoteUri(options.developmentPath ?? repoRoot)] as [string, string]]
        : []),
      ...extraPayload,
    ];
    const query = `folder=${encodeURIComponent(workspace)}`;
    return payload.length ? `${url}/?${query}&payload=${encodeURIComponent(JSON.stringify(payload))}` : `${url}/?${query}`;
  };
  const updateSettings = (patch: Record<string, unknown>): void => {
    const current = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete current[key];
      else current[key] = value;
    }
    writeJson(settingsFile, current);
  };
  return {
    url, port, mode: options.mode, stateDir, workspace, logFile, settingsFile,
    updateSettings, workbenchUrl, remoteUri, stop, exited,
  };
}
