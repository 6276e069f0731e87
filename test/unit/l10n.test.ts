// Every string the extension shows has an Italian translation with the same placeholders: the manifest's %keys%
// (package.nls.json / package.nls.it.json), the host's vscode.l10n.t() messages and the webviews' t() strings
// (l10n/bundle.l10n.it.json, keyed by the English source string as VS Code does).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { extractStrings, HOST_CALL, placeholders, WEBVIEW_CALL } from './l10nStrings';

const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

/** Every `%key%` string anywhere in the manifest. */
function manifestKeys(value: unknown): string[] {
  if (typeof value === 'string') return /^%([\w.-]+)%$/.exec(value)?.slice(1) ?? [];
  if (Array.isArray(value)) return value.flatMap(manifestKeys);
  if (value && typeof value === 'object') return Object.values(value).flatMap(manifestKeys);
  return [];
}

function samePlaceholders(english: Record<string, unknown>, italian: Record<string, unknown>, keys: Iterable<string>): string[] {
  return [...keys].filter((key) => typeof italian[key] === 'string'
    && placeholders(key in english ? String(english[key]) : key).join() !== placeholders(String(italian[key])).join());
}

describe('localisation', () => {
  const manifest = readJson('package.json');
  const nls = readJson('package.nls.json');
  const nlsItalian = readJson('package.nls.it.json');
  const bundle = readJson('l10n/bundle.l10n.it.json');
  const host = extractStrings('src', HOST_CALL);
  const webviewOwn = extractStrings('webview', WEBVIEW_CALL);
  const shared = extractStrings('src/shared', WEBVIEW_CALL);
  const webview = { calls: [...webviewOwn.calls, ...shared.calls], nonLiteral: [...webviewOwn.nonLiteral, ...shared.nonLiteral] };

  it('points VS Code at the l10n folder', () => {
    assert.equal(manifest.l10n, './l10n');
  });

  it('defines every %key% of package.json in package.nls.json, and the manifest keeps no English for nls to miss', () => {
    const used = manifestKeys(manifest);
    assert.ok(used.length > 40, `only ${used.length} %keys% in package.json`);
    assert.deepEqual(used.filter((key) => !(key in nls)), []);
    assert.deepEqual(Object.keys(nls).filter((key) => !used.includes(key)), [], 'package.nls.json keys no longer used');
    const contributes = manifest.contributes as {
      commands: Array<{ title: string }>;
      walkthroughs: Array<{ title: string; steps: Array<{ title: string; description: string }> }>;
      configuration: { properties: Record<string, { markdownDescription?: string }> };
    };
    const literalTitles = [
      ...contributes.commands.map((command) => command.title),
      ...contributes.walkthroughs.flatMap((walkthrough) =>
        [walkthrough.title, ...walkthrough.steps.flatMap((step) => [step.title, step.description])]),
      ...Object.values(contributes.configuration.properties).map((property) => property.markdownDescription),
    ].filter((text) => typeof text === 'string' && !/^%[\w.-]+%$/.test(text));
    assert.deepEqual(literalTitles, []);
  });

  it('translates every key of package.nls.json into Italian with the same placeholders', () => {
    assert.deepEqual(Object.keys(nls).filter((key) => typeof nlsItalian[key] !== 'string' || !nlsItalian[key]), []);
    assert.deepEqual(Object.keys(nlsItalian).filter((key) => !(key in nls)), [], 'Italian keys with no English');
    assert.deepEqual(samePlaceholders(nls, nlsItalian, Object.keys(nls)), []);
  });

  it('finds the host and webview strings, each passed as a literal', () => {
    assert.ok(host.calls.length > 60, `only ${host.calls.length} l10n.t( calls found in src/`);
    assert.ok(webview.calls.length > 60, `only ${webview.calls.length} t( calls found in webview/`);
    assert.deepEqual([...host.nonLiteral, ...webview.nonLiteral], [], 'a translated string must be a literal: the bundle is keyed by it');
  });

  it('has an Italian entry for every l10n.t( and t( string, with the same {n} placeholders', () => {
    const calls = [...host.calls, ...webview.calls];
    const missing = calls.filter((call) => typeof bundle[call.message] !== 'string' || !bundle[call.message]);
    assert.deepEqual(missing.map((call) => `${call.where}: ${call.message}`), []);
    const messages = new Set(calls.map((call) => call.message));
    assert.deepEqual(Object.keys(bundle).filter((key) => !messages.has(key)), [], 'Italian entries no code uses');
    assert.deepEqual(samePlaceholders({}, bundle, messages), []);
  });

  it('ships a translated walkthrough page for every step, and the files are in the vsix allow-list', () => {
    const contributes = manifest.contributes as { walkthroughs: Array<{ steps: Array<{ media: { markdown: string } }> }> };
    const mediaKeys = contributes.walkthroughs[0]!.steps.map((step) => /^%([\w.-]+)%$/.exec(step.media.markdown)![1]!);
    assert.equal(mediaKeys.length, 5);
    for (const key of mediaKeys) {
      for (const file of [nls[key], nlsItalian[key]]) {
        assert.ok(typeof file === 'string' && fs.statSync(file).isFile() && fs.readFileSync(file, 'utf8').startsWith('# '), `${key}: ${String(file)}`);
      }
      assert.notEqual(nls[key], nlsItalian[key]);
    }
    const shipped = fs.readFileSync('.vscodeignore', 'utf8').split('\n');
    for (const pattern of ['!package.nls.json', '!package.nls.*.json', '!l10n/*.json', '!media/walkthrough/*.md']) assert.ok(shipped.includes(pattern), pattern);
  });
});
