/** Spawning the bench's child processes: the server and the client workers. */
import { fork, spawn } from 'node:child_process';
import path from 'node:path';
import type { WorkerCommand, WorkerReply, WorkerSetup } from './clientWorker';

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

/** A client worker process (bench/clientWorker.ts) taking one command at a time. */
export interface WorkerChild {
  /** sends one command and resolves with its reply's value; rejects with the worker's error or after timeoutMs */
  call<T>(command: WorkerCommand, timeoutMs: number): Promise<T>;
  stop(): void;
}

/** Forks a client worker for `setup`; extra node flags (e.g. none today) go before the tsx loader. */
export function forkWorker(setup: WorkerSetup, cwd: string): WorkerChild {
  const child = fork(path.join(benchDirectory, 'clientWorker.ts'), [JSON.stringify(setup)], {
    cwd,
    execArgv: ['--expose-gc', ...tsxFlags],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (part: string) => (stderr += part));
  let exited: string | undefined;
  const waiting: ((reply: WorkerReply) => void)[] = [];
  child.on('message', (reply: WorkerReply) => waiting.shift()?.(reply));
  child.on('exit', (code) => {
    exited = `worker exited (code ${code})${stderr ? `: ${firstLines(stderr)}` : ''}`;
    for (const resolve of waiting.splice(0)) resolve({ ok: false, error: exited });
  });
  return {
    call<T>(command: WorkerCommand, timeoutMs: number): Promise<T> {
      if (exited) return Promise.reject(new Error(exited));
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${command.type}: no reply within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.push((reply) => {
          clearTimeout(timer);
          if (reply.ok) resolve(reply.value as T);
          else reject(new Error(reply.error));
        });
        child.send(command);
      });
    },
    stop() {
      if (child.connected) child.disconnect();
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    },
  };
}

/** The first line of a child's output: the error message without its stack. */
function firstLines(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
