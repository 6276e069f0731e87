import type * as vscode from 'vscode';
import type { KeyValueStore } from '../../core/index';

/** The core's KeyValueStore over `context.globalState` (durable across sessions, per machine). */
export function createGlobalStateStore(memento: vscode.Memento): KeyValueStore {
  return {
    get: <T>(key: string) => memento.get<T>(key),
    set: async (key, value) => { await memento.update(key, value); },
  };
}
