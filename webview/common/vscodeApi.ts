/**
 * The webview side of the message channel: `acquireVsCodeApi()` may be called once per page, so this
 * module calls it once and hands out a typed wrapper.
 */
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

function vscode(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

/** Sends one message to the extension host. */
export function post(message: WebviewToHost): void {
  vscode().postMessage(message);
}

/** State the webview keeps across being hidden (the unsent draft); the host owns everything else. */
export interface PersistedState {
  draft?: string;
}

export function getState(): PersistedState {
  const state = vscode().getState();
  return state && typeof state === 'object' ? (state as PersistedState) : {};
}

export function setState(state: PersistedState): void {
  vscode().setState(state);
}

/** Calls `handler` for every message the host posts; ignores anything without a string `type`. */
export function onHostMessage(handler: (message: HostToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const data: unknown = event.data;
    if (!data || typeof data !== 'object' || typeof (data as { type?: unknown }).type !== 'string') return;
    handler(data as HostToWebview);
  });
}
