/**
 * Runs the fixture server until SIGTERM/SIGINT: `npx tsx test/support/fixtureServerCli.ts [--port N]`.
 * Prints one JSON line `{"url":"http://127.0.0.1:PORT","port":PORT}` on stdout when it listens.
 */
import { startFixtureServer } from './fixtureServer';

async function main(): Promise<void> {
  const portIndex = process.argv.indexOf('--port');
  const port = portIndex !== -1 ? Number(process.argv[portIndex + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`fixture server: --port must be an integer 0-65535, got ${process.argv[portIndex + 1]}\n`);
    process.exit(2);
  }
  const server = await startFixtureServer({ port });
  process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
  const stop = (): void => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fixture server failed to start: ${String(error)}\n`);
  process.exit(1);
});
