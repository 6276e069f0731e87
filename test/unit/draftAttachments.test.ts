import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOpenRouterModels } from '../../src/core/catalog/openRouterModels';
import { createFileAttachment, createProblemsAttachment } from '../../src/core/context/createAttachment';
import type { FileAttachment } from '../../src/core/context/attachment';
import { attachmentView, DraftAttachments } from '../../src/host/chat/draftAttachments';
import { chatTranscript } from '../../src/host/chat/chatTranscript';
import { CONVERSATION_SCHEMA_VERSION } from '../../src/host/conversations/conversation';
import { conversationCost } from '../../src/host/conversations/conversationFormat';
import { conversationToMarkdown } from '../../src/host/conversations/markdownExport';
import { modelPickerGroups, statusModelLabel } from '../../src/host/models/modelOptions';
import { failedResult, requestLogLine } from '../../src/host/replies/replyResult';
import { SwitchboardError } from '../../src/core/index';
import { fillPlaceholders } from '../../src/shared/format';
import { RECORDINGS_DIR } from '../support/fixtureServer';

const catalog = parseOpenRouterModels(JSON.parse(readFileSync(join(RECORDINGS_DIR, 'openrouter-models-2025-05-23.json'), 'utf8')));
const opus = catalog.find((model) => model.modelId === 'anthropic/claude-opus-4')!;
const devstral = catalog.find((model) => model.modelId === 'mistralai/devstral-small')!;
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const file = (id: string, path: string, text: string, maxTokens?: number): FileAttachment =>
  createFileAttachment({ id, path, bytes: new TextEncoder().encode(text), maxTokens }) as FileAttachment;

describe('draft attachments (the chips of the message being written)', () => {
  it('adds, replaces a file attached again, removes by id and is emptied by take()', () => {
    const draft = new DraftAttachments();
    draft.add([file('a', 'src/a.ts', 'one'), file('b', 'src/b.ts', 'two')]);
    draft.add([file('c', 'src/a.ts', 'one, edited')]);
    assert.deepEqual(draft.attachments.map((item) => item.id), ['b', 'c']);
    draft.remove('b');
    assert.deepEqual(draft.take().map((item) => item.id), ['c']);
    assert.equal(draft.attachments.length, 0);
  });

  it('keeps an image for a vision model and refuses it for a text-only one, with the reason as the notice', () => {
    const draft = new DraftAttachments();
    draft.addImage('shot.png', `data:image/png;base64,${PNG_1X1}`, devstral.id, devstral);
    assert.equal(draft.attachments.length, 0);
    assert.match(draft.notice ?? '', /Mistral: Devstral Small reads text only/);
    draft.addImage('shot.png', PNG_1X1, opus.id, opus);
    assert.equal(draft.notice, undefined);
    assert.equal(draft.attachments[0].kind, 'image');
    assert.match(draft.imagesRefusedBy(devstral.id, devstral) ?? '', /does not read images/);
    assert.equal(draft.imagesRefusedBy(opus.id, opus), undefined);
    assert.deepEqual(draft.views(opus)[0], { id: draft.attachments[0].id, kind: 'image', label: 'shot.png', detail: 'image/png, 1 KB', microUsd: 24_000 });
  });

  it('labels chips: a cut file says how much is sent, problems count themselves', () => {
    const big = file('f', 'src/big.ts', 'x = 1;\n'.repeat(5000), 500);
    const view = attachmentView(big);
    assert.equal(view.label, 'big.ts');
    assert.equal(view.detail, 'src/big.ts');
    assert.equal(view.tokens, big.tokens);
    assert.match(view.note ?? '', /^cut at \d+ tokens: the first \d+ of 5000 lines are sent$/);
    const problems = attachmentView(createProblemsAttachment({ id: 'p', path: 'src/a.ts', problems: [{ path: 'src/a.ts', line: 1, column: 1, severity: 'error', message: 'x' }] }));
    assert.deepEqual([problems.label, problems.detail], ['Problems: a.ts', '1 problem in src/a.ts']);
  });
});

describe('attachment chips in the display language', () => {
  // the host's translator (chatContext.ts displayLanguage) looks strings up in VS Code's bundle the same way
  const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.it.json', 'utf8')) as Record<string, string>;
  const italian = (message: string, ...args: Array<string | number>) => fillPlaceholders(bundle[message] ?? message, args);

  it('words the chips, the cut note and the image refusal in Italian when given the Italian translator', () => {
    const problems = createProblemsAttachment({ id: 'p', problems: [{ path: 'src/a.ts', line: 1, column: 1, severity: 'error', message: 'x' }, { path: 'src/b.ts', line: 2, column: 1, severity: 'warning', message: 'y' }] });
    assert.deepEqual([attachmentView(problems, undefined, italian).label, attachmentView(problems, undefined, italian).detail], ['Problemi: workspace', '2 problemi nel workspace']);
    assert.match(attachmentView(file('f', 'src/big.ts', 'x = 1;\n'.repeat(5000), 500), undefined, italian).note ?? '', /^troncato a \d+ token: si inviano le prime \d+ di 5000 righe$/);
    const draft = new DraftAttachments(italian);
    draft.addImage('shot.png', PNG_1X1, opus.id, opus);
    assert.match(draft.imagesRefusedBy(devstral.id, devstral) ?? '', /non legge le immagini/);
  });
});

describe('what a chat with attachments sends and lists', () => {
  it('puts a user message\'s attachments before its text and its images as image parts; other messages are unchanged', () => {
    const draft = new DraftAttachments();
    draft.add([file('a', 'src/a.ts', 'let a;\n')]);
    draft.addImage('shot.png', PNG_1X1, opus.id, opus);
    const transcript = chatTranscript({
      schemaVersion: CONVERSATION_SCHEMA_VERSION, id: 'c', kind: 'chat', title: 't', model: opus.id, createdAt: 1, updatedAt: 1,
      messages: [
        { id: 'u1', role: 'user', text: 'Why?', status: 'done', createdAt: 1, attachments: draft.take() },
        { id: 'a1', role: 'assistant', text: 'Because.', status: 'done', createdAt: 1 },
        { id: 'u2', role: 'user', text: 'Thanks', status: 'done', createdAt: 1 },
      ],
    });
    assert.deepEqual(transcript.map((message) => message.content), ['File `src/a.ts`:\n```\nlet a;\n```\n\nWhy?', 'Because.', 'Thanks']);
    assert.deepEqual(transcript[0].images, [{ type: 'image', mimeType: 'image/png', data: PNG_1X1 }]);
    assert.equal(transcript[2].images, undefined);
  });

  it('lists a conversation with the known cost summed and the unknown ones counted apart', () => {
    const reply = (id: string, cost: { kind: 'billed' | 'estimated'; microUsd: number } | { kind: 'unknown' }) => ({
      id, role: 'assistant' as const, text: 'x', status: 'done' as const, createdAt: 1, meta: { requestedModel: 'm:x', servedModel: 'm:x', cost },
    });
    const cost = conversationCost({
      schemaVersion: CONVERSATION_SCHEMA_VERSION, id: 'c', kind: 'chat', title: 't', model: 'm:x', createdAt: 1, updatedAt: 2,
      messages: [reply('a', { kind: 'billed', microUsd: 1200 }), reply('b', { kind: 'estimated', microUsd: 30 }), reply('c', { kind: 'unknown' })],
    });
    assert.deepEqual(cost, { microUsd: 1230, unknownCount: 1 });
  });
});

describe('exports of a chat with attachments', () => {
  it('names each attachment above the message in Markdown', () => {
    const markdown = conversationToMarkdown({
      schemaVersion: CONVERSATION_SCHEMA_VERSION, id: 'c', kind: 'chat', title: 'Why', model: opus.id, createdAt: 1, updatedAt: 1,
      messages: [{ id: 'u1', role: 'user', text: 'Why?', status: 'done', createdAt: 1, attachments: [file('a', 'src/a.ts', 'let a;\n'), file('b', 'big.txt', 'x\n'.repeat(3000), 200)] }],
    });
    assert.match(markdown, /## You\n\n> Attached: `src\/a\.ts` \(\d+ tokens\), `big\.txt` \(\d+ tokens, first \d+ of 3000 lines\)\n\nWhy\?/);
  });
});

describe('rough edges (issue 13 item 5)', () => {
  it('names the model in the status bar by the last part of its id, or the whole local id when that part says nothing ("429")', () => {
    assert.equal(statusModelLabel('replay:fault/429'), 'fault/429');
    assert.equal(statusModelLabel('openrouter:openai/gpt-4o'), 'gpt-4o');
    assert.equal(statusModelLabel('ollama:qwen3'), 'qwen3');
    assert.equal(statusModelLabel('openrouter:vendor/a-model-name-that-goes-on-for-far-too-long'), 'a-model-name-that-goes-on-for-f…');
  });
});

describe('rough edges: the model picker', () => {
  it('lists a recently used model once, in the first group, so filtering shows it once', () => {
    const groups = modelPickerGroups([opus.id], catalog.slice(0, 50).concat(opus));
    assert.deepEqual(groups[0], { ids: [opus.id] });
    const listed = groups.flatMap((group) => group.ids);
    assert.equal(listed.filter((id) => id === opus.id).length, 1);
    assert.equal(new Set(listed).size, listed.length);
  });
});

describe('rough edges: the log line of a failed request', () => {
  it('has no empty field before the error message', () => {
    const result = failedResult('openrouter:openai/gpt-4o', '', new SwitchboardError({ code: 'payment-required', status: 402, provider: 'openrouter', message: 'OpenRouter: out of credits. Add credits or lower max tokens.' }));
    const line = requestLogLine(result);
    assert.doesNotMatch(line, /\| :/);
    assert.match(line, /^chat openrouter:openai\/gpt-4o \| error payment-required \(HTTP 402\) \| .* \| OpenRouter: out of credits\. Add credits or lower max tokens\.$/);
  });
});
