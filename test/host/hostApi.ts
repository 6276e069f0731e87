/**
 * What every in-host test file needs: the extension's API, waiting for a condition, and the fixture server's
 * OpenRouter key set for a describe block (cleared after it).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwitchboardApi } from '../../src/host/activateHost';

export const EXTENSION_ID = 'switchboard-dev.switchboard';

/** The extension's API (returned by activate() in the test host only). */
export async function switchboard(): Promise<SwitchboardApi> {
  const extension = vscode.extensions.getExtension<SwitchboardApi>(EXTENSION_ID);
  assert.ok(extension, 'the extension is not installed in this host');
  return extension.activate();
}

/** Polls `condition` until it holds (events arrive later); fails naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Sets an OpenRouter key before the enclosing describe's tests and clears it after them (the fixture server
 * accepts any key without "invalid" in it).
 */
export function useOpenRouterKey(key = 'sk-or-v1-test-host'): void {
  before(async () => {
    const api = await switchboard();
    await api.keys.setApiKey('openrouter', key);
    await api.keys.refresh(['openrouter']);
  });
  after(async () => {
    const api = await switchboard();
    await api.keys.clearApiKey('openrouter');
  });
}
