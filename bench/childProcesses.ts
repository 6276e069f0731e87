/** Spawning the bench's child processes: the server and the one-shot client workers. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Node flags that let a child run this folder's TypeScript directly. */
export const tsxFlags = ['--import', 'tsx'];

export const benchDirectory = __dirname;

/** A running bench server child; `stop()` ends it (it also ends by itself when our stdin pipe closes). */
export interface ServerChild {
  url: string;
  stop(): void;
}

/** Starts bench/benchServer.ts in a child process and resolves once it listens. */
export function startServerChild(prebuildChunks: number): Promise<ServerChild> {
  const child = spawn(process.execPath, [...tsxFlags, path.join(benchDirectory, 'benchServer.ts'), String(prebuildChunks)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error('bench server did not start within 30 s')), 30_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(error);
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`bench server exited early (code ${code})`)));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (part: string) => {
      output += part;
      const newline = output.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { port } = JSON.parse(output.slice(0, newline)) as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () => {
          child.stdin!.end();
          child.kill('SIGTERM');
        },
      });
    });
  });
}

/** Runs one node child to completion and returns the JSON it printed last on stdout. Killed after `timeoutMs`. */
export function runJsonChild<T>(nodeArguments: string[], timeoutMs: number, options: { cwd?: string } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, nodeArguments, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (part: string) => (stdout += part));
    child.stderr!.setEncoding('utf8').on('data', (part: string) => (stderr += part));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const lines = stdout.trim().split('\n');
      if (code !== 0) {
        reject(new Error(firstLines(stderr) || `exit code ${code}`));
        return;
      }
      try {
        resolve(JSON.parse(lines[lines.length - 1] ?? '') as T);
      } catch {
        reject(new Error(`no JSON result: ${firstLines(stdout + stderr)}`));
      }
    });
  });
}

/** The first line of a child's output: the error message without its stack. */
function firstLines(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
