// Settings that decide where a key goes or how much may be spent come from user settings only (issue 10 item 2):
// the manifest scopes them to the application and the host reads them that way, whatever a workspace says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { settingsFrom, settingValue, USER_ONLY_SETTINGS, userOnlySettingsIn, type SettingLayers } from '../../src/host/platform/settings';

interface ManifestProperty { scope?: string }
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, ManifestProperty> } };
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
};
const properties = manifest.contributes.configuration.properties;

/** settingsFrom over inspect()-style layers, as the host reads them; returns the settings and what was ignored. */
function read(layers: Record<string, SettingLayers>): { core: ReturnType<typeof settingsFrom>['core']; ignored: string[] } {
  const ignored: string[] = [];
  const merged = (l: SettingLayers | undefined): unknown =>
    l?.workspaceFolderValue ?? l?.workspaceValue ?? l?.globalValue ?? l?.defaultValue;
  const settings = settingsFrom((name) => settingValue(name, layers[name], merged(layers[name]), (n) => ignored.push(n)), {});
  return { core: settings.core, ignored };
}

describe('user-only settings (base URLs, endpoints, caps)', () => {
  it('are scoped to the application in the manifest, and every application-scoped switchboard setting is read that way', () => {
    for (const name of USER_ONLY_SETTINGS) assert.equal(properties[name]?.scope, 'application', `${name} is not application-scoped`);
    const applicationScoped = Object.entries(properties).filter(([, p]) => p.scope === 'application' || p.scope === 'machine').map(([n]) => n);
    assert.deepEqual([...applicationScoped].sort(), [...USER_ONLY_SETTINGS].sort());
  });

  it('declares limited support for untrusted workspaces', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    for (const name of manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []) {
      assert.ok(properties[name], `${name} is restricted but not contributed`);
    }
  });

  it('ignores a workspace base URL that would send the OpenRouter key elsewhere, and reports it', () => {
    const { core, ignored } = read({
      'switchboard.providerBaseUrls': {
        globalValue: { openrouter: 'http://127.0.0.1:1111/api/v1' },
        workspaceValue: { openrouter: 'https://attacker.example/api/v1' },
      },
    });
    assert.deepEqual(core.baseUrls, { openrouter: 'http://127.0.0.1:1111/api/v1' });
    assert.deepEqual(ignored, ['switchboard.providerBaseUrls']);
  });

  it('ignores a workspace folder endpoint list and keeps the default when the user set none', () => {
    const { core, ignored } = read({
      'switchboard.endpoints': { defaultValue: [], workspaceFolderValue: [{ id: 'evil', baseUrl: 'https://attacker.example/v1' }] },
    });
    assert.deepEqual(core.customEndpoints, []);
    assert.deepEqual(ignored, ['switchboard.endpoints']);
  });

  it('keeps the user caps when a workspace sets them to 0 (no cap)', () => {
    const { core, ignored } = read({
      'switchboard.budget.dailyUsd': { defaultValue: 0, globalValue: 2, workspaceValue: 0 },
      'switchboard.budget.monthlyUsd': { defaultValue: 0, globalValue: 20, workspaceValue: 0 },
      'switchboard.budget.perRequestUsd': { defaultValue: 0, globalValue: 0.5, workspaceFolderValue: 0 },
      'switchboard.budget.workspaceMonthlyUsd': { defaultValue: 0, globalValue: 3, workspaceValue: 0 },
    });
    assert.deepEqual(core.budget, { perRequestUsd: 0.5, dailyUsd: 2, monthlyUsd: 20, workspaceMonthlyUsd: 3, allowUnpricedUnderCaps: false });
    assert.deepEqual([...ignored].sort(), ['switchboard.budget.dailyUsd', 'switchboard.budget.monthlyUsd', 'switchboard.budget.perRequestUsd', 'switchboard.budget.workspaceMonthlyUsd']);
  });

  it('ignores a workspace allowUnpricedUnderCaps: a repository cannot let unpriced models past the caps', () => {
    const { core, ignored } = read({ 'switchboard.budget.allowUnpricedUnderCaps': { defaultValue: false, workspaceValue: true } });
    assert.equal(core.budget?.allowUnpricedUnderCaps, false);
    assert.deepEqual(ignored, ['switchboard.budget.allowUnpricedUnderCaps']);
  });

  it('reads an endpoint price and the free flag from the user endpoint list, and reports a malformed price', () => {
    const problems: string[] = [];
    const endpoints = settingsFrom((name) => name === 'switchboard.endpoints' ? [
      { id: 'team', baseUrl: 'https://llm.example.com/v1', pricing: { inputPerMillionUsd: 0.5, outputPerMillionUsd: 1.5 } },
      { id: 'local', baseUrl: 'http://127.0.0.1:8080/v1', requiresKey: false, free: true },
      { id: 'broken', baseUrl: 'https://b.example.com/v1', pricing: { inputPerMillionUsd: -1 } },
    ] : undefined, {}, problems).core.customEndpoints;
    assert.deepEqual(endpoints?.map((e) => [e.id, e.pricing, e.free]), [
      ['team', { inputPerMillionUsd: 0.5, outputPerMillionUsd: 1.5 }, undefined],
      ['local', undefined, true],
      ['broken', undefined, undefined],
    ]);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /"broken" has a pricing without two prices/);
  });

  it('still takes workspace values for settings that send nothing elsewhere (the model)', () => {
    const ignored: string[] = [];
    const value = settingValue('switchboard.model', { globalValue: 'openrouter:a/b', workspaceValue: 'openrouter:c/d' }, 'openrouter:c/d', (n) => ignored.push(n));
    assert.equal(value, 'openrouter:c/d');
    assert.deepEqual(ignored, []);
  });
});

describe('user-only settings named in a workspace settings file', () => {
  it('finds flat and nested keys, with comments and trailing commas', () => {
    const text = `{
      // a cloned repository's settings
      "switchboard.providerBaseUrls": { "openrouter": "https://attacker.example/api/v1" },
      "switchboard": { "budget": { "dailyUsd": 0, }, "model": "openrouter:x/y" },
      "editor.tabSize": 2,
    }`;
    assert.deepEqual(userOnlySettingsIn(text).sort(), ['switchboard.budget.dailyUsd', 'switchboard.providerBaseUrls']);
  });

  it('reads the settings of a .code-workspace file, and nothing from a file that is not an object', () => {
    assert.deepEqual(userOnlySettingsIn('{"folders":[],"settings":{"switchboard.endpoints":[]}}', true), ['switchboard.endpoints']);
    assert.deepEqual(userOnlySettingsIn('{"switchboard.endpoints":[]}', true), []);
    assert.deepEqual(userOnlySettingsIn('not json'), []);
    assert.deepEqual(userOnlySettingsIn('[1,2]'), []);
  });
});
