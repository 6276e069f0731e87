// Starts the loopback fixture server (test/support/fixtureServer/) in this process.
// The returned object is the fixture server itself (tests may cast it to its real type for `requests`, faults...).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './codeServer';

/** The part of the fixture server's contract the rig relies on. */
export interface FixtureHandle {
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void> | void;
}

const modulePath = path.join(repoRoot, 'test', 'support', 'fixtureServer', 'index.ts');

/** Starts the fixture server on a free 127.0.0.1 port (`options`: its FixtureServerOptions); fails with a clear message when it does not exist. */
export async function startFixture(options?: Record<string, unknown>): Promise<FixtureHandle> {
  if (!fs.existsSync(modulePath)) {
    throw new Error(`The fixture server ${path.relative(repoRoot, modulePath)} does not exist; nothing can answer provider requests.`);
  }
  // require (tsx compiles it) with a computed path: the rig does not depend on that module's exact types.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(modulePath) as { startFixtureServer?: (options?: unknown) => Promise<FixtureHandle> };
  if (typeof loaded.startFixtureServer !== 'function') throw new Error(`${modulePath} does not export startFixtureServer()`);
  const server = await loaded.startFixtureServer(options);
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(server.url)) throw new Error(`fixture server reported an unexpected url: ${server.url}`);
  return server;
}

/** True when the fixture server module exists in the tree. */
export function fixtureAvailable(): boolean {
  return fs.existsSync(modulePath);
}
