/**
 * The fixture server and a real undici transport for one describe block: started before its tests, closed after
 * them. Read them through the returned object inside the tests.
 */
import { createUndiciTransport } from '../../src/core/transport/undiciTransport';
import type { Transport } from '../../src/core/transport/transport';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer';

export interface FixtureHooks {
  readonly server: FixtureServer;
  readonly transport: Transport;
}

export function useFixtureServer(): FixtureHooks {
  let server: FixtureServer | undefined;
  let transport: Transport | undefined;
  before(async () => {
    server = await startFixtureServer();
    transport = createUndiciTransport();
  });
  after(async () => {
    await transport?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the fixture server is not started: use it inside a test or a hook');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get transport() {
      return started(transport);
    },
  };
}
