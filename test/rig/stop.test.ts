// `npm run demo` as a person runs it: the top process is npm. SIGTERM to it (what a process manager or a closed
// terminal sends) must stop code-server, its children and the replay server, and free the port.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort, portInUse, repoRoot } from '../../scripts/rig/codeServer';

/** pid -> parent pid for every process now running (Linux /proc). */
function parentTable(): Map<number, number> {
  const table = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // `pid (comm) state ppid ...`; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), Number(fields[1]));
    } catch { /* exited while we looked */ }
  }
  return table;
}

/** Every process below `root`, at this moment. */
function descendants(root: number): number[] {
  const table = parentTable();
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, ppid] of table) {
      if (ppid === parent && !found.includes(pid)) { found.push(pid); queue.push(pid); }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm run demo stops cleanly', function () {
  let npm: ChildProcess | undefined;
  let output = '';
  let recorded: number[] = [];

  afterEach(() => {
    // Whatever the outcome, leave nothing behind (the test has already judged what survived).
    for (const pid of recorded) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    if (npm?.pid !== undefined && npm.exitCode === null) { try { process.kill(npm.pid, 'SIGKILL'); } catch { /* gone */ } }
  });

  it('stops code-server and the replay server and frees the port on SIGTERM to the npm process', async function () {
    const port = await freePort();
    npm = spawn('npm', ['run', 'demo', '--', '--port', String(port)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => npm!.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
    npm.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    npm.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });

    await until(() => output.includes(`http://127.0.0.1:${port}/`) || npm!.exitCode !== null, 200_000, 'the workbench URL');
    assert.ok(npm.exitCode === null, `npm run demo exited before printing its URL:\n${output}`);
    const fixtureUrl = /fixture server \(recorded responses\) on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    assert.ok(fixtureUrl, `no replay server URL in the output:\n${output}`);
    const fixturePort = Number(new URL(fixtureUrl).port);
    assert.ok(await portInUse(port), 'code-server is not listening');
    assert.ok(await portInUse(fixturePort), 'the replay server is not listening');
    recorded = descendants(npm.pid!);
    // npm -> tsx -> node (start.ts, with the replay server) -> code-server (Node 24) -> its children
    assert.ok(recorded.length >= 3, `expected npm's children, found ${recorded.length}`);

    npm.kill('SIGTERM');
    await until(() => recorded.every((pid) => !alive(pid)), 15_000, `processes to exit: ${recorded.filter(alive).join(', ')}`)
      .catch((error: Error) => assert.fail(`${error.message}\n${recorded.filter(alive).map((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')).join('\n')}`));
    await exited;
    assert.equal(await portInUse(port), false, `port ${port} is still in use`);
    assert.equal(await portInUse(fixturePort), false, `the replay server's port ${fixturePort} is still in use`);
  });
});
