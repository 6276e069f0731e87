// code-server turns on every proposed API for every extension, so an in-host pass cannot prove that the VS Code chat
// integration uses stable API only. This scans its source (and the local declarations) for the names
// PLATFORM-FACTS §1.1 lists as still proposed, and for the proposal-gated predecessors of the provider API.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const SCANNED = ['src/host/languageModels', 'src/host/participant', 'src/types/vscodeLanguageModels.d.ts'];

/** Proposed in VS Code 1.140 (vscode.proposed.chatProvider.d.ts and chatParticipantAdditions), or proposal-gated before 1.104. */
const PROPOSED_IDENTIFIERS = [
  'LanguageModelThinkingPart', 'LanguageModelChatProvider2', 'registerChatModelProvider', 'registerChatResponseProvider',
  'LanguageModelUsagePart', 'ChatResultUsage', 'enabledApiProposals',
];
const PROPOSED_PROPERTIES = [
  'isUserSelectable', 'isDefault', 'category', 'statusIcon', 'requiresAuthorization', 'editTools', 'configuration',
  'requestInitiator', 'modelConfiguration', 'includeEncryptedThinking', 'configurationSchema',
];
/** Proposed methods (`ChatResponseStream.usage`, chatParticipantAdditions), found as calls. */
const PROPOSED_METHODS = ['usage'];

function files(entry: string): string[] {
  const full = path.join(root, entry);
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((child) => files(path.join(entry, child.name)));
}

/** `text` without comments, so prose may name what the code must not use. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** Finds proposed names used as identifiers or as properties (`.name`, `name:`, `name?:`) in `source`. */
export function proposedNamesIn(source: string): string[] {
  const found: string[] = [];
  for (const name of PROPOSED_IDENTIFIERS) if (new RegExp(`\\b${name}\\b`).test(source)) found.push(name);
  for (const name of PROPOSED_PROPERTIES) {
    if (new RegExp(`(\\.\\s*${name}\\b(?!\\s*\\()|\\b${name}\\??\\s*:)`).test(source)) found.push(name);
  }
  for (const name of PROPOSED_METHODS) if (new RegExp(`\\.\\s*${name}\\s*\\(`).test(source)) found.push(name);
  return found;
}

describe('VS Code chat integration uses stable API only', () => {
  it('finds a proposed name when one is used (the scan can fail)', () => {
    assert.deepEqual(proposedNamesIn('progress.report(new vscode.LanguageModelThinkingPart("x"))'), ['LanguageModelThinkingPart']);
    assert.deepEqual(proposedNamesIn('const c = options.configuration;'), ['configuration']);
    assert.deepEqual(proposedNamesIn('return { id, isUserSelectable: true };'), ['isUserSelectable']);
    assert.deepEqual(proposedNamesIn('stream.usage({ promptTokens: 1 })'), ['usage']);
    assert.deepEqual(proposedNamesIn('const payload = usagePayload(result.usage);'), []);
  });

  for (const file of SCANNED.flatMap(files)) {
    it(`${path.relative(root, file)} names no proposed API`, () => {
      const source = code(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(proposedNamesIn(source), [], path.relative(root, file));
    });
  }
});
