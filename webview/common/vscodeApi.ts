/**
 * The webview side of the message channel: `acquireVsCodeApi()` may be called once per page, so this
 * module calls it once and hands out a typed wrapper.
 */

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

/** A view's two directions: what it sends (`ToHost`) and what it receives (`FromHost`), from its protocol file. */
export interface Channel<ToHost, FromHost> {
  /** Sends one message to the extension host. */
  post(message: ToHost): void;
  /** Calls `handler` for every message the host posts; ignores anything without a string `type`. */
  onHostMessage(handler: (message: FromHost) => void): void;
}

/** The channel of one view, typed by its protocol. */
export function channel<ToHost, FromHost>(): Channel<ToHost, FromHost> {
  return {
    post: (message) => vscode().postMessage(message),
    onHostMessage: (handler) => onHostMessage((message) => handler(message as FromHost)),
  };
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

function onHostMessage(handler: (message: { type: string }) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const data: unknown = event.data;
    if (!data || typeof data !== 'object' || typeof (data as { type?: unknown }).type !== 'string') return;
    handler(data as { type: string });
  });
}
