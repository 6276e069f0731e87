// Runs beside Switchboard installed from its .vsix (ExtensionMode.Production), loaded as any other extension is.
// Any installed extension can call getExtension(...).activate() and walk what it returns: nothing reachable from it
// may be callable (a function could read a key, send a request with one or change settings).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'switchboard-dev.switchboard';

/** Every function reachable from `root` through own properties (keys and symbols), getters' values and prototypes. */
function reachableFunctions(root: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, trail: string, depth: number): void => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value) || depth > 12) return;
    seen.add(value);
    if (typeof value === 'function') found.push(trail || '(exports)');
    for (const key of Reflect.ownKeys(value as object)) {
      let child: unknown;
      try {
        child = (value as Record<PropertyKey, unknown>)[key];
      } catch {
        continue;
      }
      visit(child, `${trail}.${String(key)}`, depth + 1);
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== Function.prototype && prototype !== Array.prototype) {
      visit(prototype, `${trail}.[[Prototype]]`, depth + 1);
    }
  };
  visit(root, '', 0);
  return found;
}

describe('installed extension: what other extensions can reach', () => {
  it('runs from its installed .vsix, not from the repository', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
    await extension.activate();
    assert.ok(extension.isActive);
    // installed: <extensions dir>/switchboard-dev.switchboard-<version>, not the repository (development)
    assert.match(extension.extensionPath, /[\\/]extensions[\\/]switchboard-dev\.switchboard-\d/, `loaded from ${extension.extensionPath}`);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('switchboard.setApiKey'), 'Switchboard did not activate (its commands are missing)');
  });

  it('exports nothing callable: no path to a key, a request or a setting', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const exported = await extension.activate();
    const functions = reachableFunctions(exported);
    assert.deepEqual(functions, [], `callable through the exports: ${functions.join(', ')}`);
    assert.deepEqual(reachableFunctions(extension.exports), []);
  });

  it('the walk finds a callable path when there is one (the check itself works)', () => {
    const leaky = { keys: new (class { getApiKey(): string { return 'k'; } })() };
    assert.ok(reachableFunctions(leaky).some((trail) => trail.includes('getApiKey')));
  });
});
