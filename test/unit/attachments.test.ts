import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOpenRouterModels } from '../../src/core/catalog/openRouterModels';
import { estimateCost } from '../../src/core/cost/estimateCost';
import type { Attachment, AttachmentRefusal, FileAttachment } from '../../src/core/context/attachment';
import { attachmentText, fenceFor, messageContent } from '../../src/core/context/attachmentText';
import { approximateTokens, createFileAttachment, createFolderAttachment, createProblemsAttachment, isBinary } from '../../src/core/context/createAttachment';
import { createImageAttachment, imageCostMicroUsd, sniffImageType, takesImages } from '../../src/core/context/imageAttachment';
import { attachmentShares, withImageCost } from '../../src/core/context/attachmentShares';
import { RECORDINGS_DIR } from '../support/fixtureServer';

const catalog = parseOpenRouterModels(JSON.parse(readFileSync(join(RECORDINGS_DIR, 'openrouter-models-2025-05-23.json'), 'utf8')));
const opus = catalog.find((model) => model.modelId === 'anthropic/claude-opus-4')!;
const devstral = catalog.find((model) => model.modelId === 'mistralai/devstral-small')!;
/** a real 1x1 PNG */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const asFile = (result: FileAttachment | AttachmentRefusal): FileAttachment => {
  assert.ok(!('refused' in result), 'refused' in result ? result.message : '');
  return result;
};

describe('attachments (context)', () => {
  describe('files', () => {
    it('fences a small file whole with its path and language, and counts the block it sends', () => {
      const file = asFile(createFileAttachment({ id: 'a', path: 'src/a.ts', language: 'typescript', bytes: utf8('const a = 1;\r\nexport { a };\n') }));
      assert.equal(file.truncated, undefined);
      assert.equal(file.text, 'const a = 1;\nexport { a };\n');
      const block = attachmentText(file)!;
      assert.equal(block, 'File `src/a.ts`:\n```typescript\nconst a = 1;\nexport { a };\n```');
      assert.equal(file.tokens, approximateTokens(block));
    });

    it('cuts a large file at the token limit on a line end, and says so in the text sent', () => {
      const lines = Array.from({ length: 2000 }, (_, index) => `line ${String(index + 1).padStart(4, '0')} of a long file\n`);
      const file = asFile(createFileAttachment({ id: 'b', path: 'big.txt', bytes: utf8(lines.join('')), maxTokens: 1000 }));
      assert.ok(file.truncated);
      assert.ok(file.tokens <= 1000, `${file.tokens} tokens`);
      assert.ok(file.tokens > 900, 'it keeps close to the limit');
      assert.equal(file.truncated.totalLines, 2000);
      assert.equal(file.text, lines.slice(0, file.truncated.keptLines).join(''), 'only whole lines from the top');
      assert.ok(file.truncated.fullTokens > 10_000);
      const block = attachmentText(file)!;
      assert.match(block, new RegExp(`^File \`big.txt\` \\(lines 1-${file.truncated.keptLines} of 2000\\):`));
      assert.match(block, new RegExp(`\\[Cut here: only the first ${file.truncated.keptLines} of 2000 lines were attached; ${2000 - file.truncated.keptLines} more lines \\(about \\d+ tokens in all\\) were not sent\\.\\]$`));
    });

    it('cuts one enormous line (minified code) by characters', () => {
      const file = asFile(createFileAttachment({ id: 'c', path: 'app.min.js', bytes: utf8('x'.repeat(100_000)), maxTokens: 500 }));
      assert.equal(file.truncated?.keptLines, 1);
      assert.ok(file.text.length > 1500 && file.text.length < 2000);
      assert.ok(file.tokens <= 500);
    });

    it('refuses a binary file (a NUL byte, or bytes that are not UTF-8) with the reason', () => {
      const refused = createFileAttachment({ id: 'd', path: 'logo.png', bytes: Buffer.from(PNG_1X1, 'base64') });
      assert.ok('refused' in refused);
      assert.match(refused.message, /^logo\.png looks like a binary file .* paste or drop the image\.$/);
      assert.equal(isBinary(new Uint8Array([0xc3, 0x28, 0x41])), true, 'invalid UTF-8');
      assert.equal(isBinary(utf8('héllo ✓')), false);
      assert.equal(isBinary(utf8('✓').subarray(0, 2)), false, 'a character cut at the read limit is not binary');
    });

    it('uses a fence longer than any backtick run inside the file', () => {
      assert.equal(fenceFor('no ticks'), '```');
      assert.equal(fenceFor('a ```` b'), '`````');
      const file = asFile(createFileAttachment({ id: 'e', path: 'README.md', language: 'markdown', bytes: utf8('```ts\ncode\n```\n') }));
      assert.ok(attachmentText(file)!.startsWith('File `README.md`:\n````markdown\n'));
    });
  });

  it('lists a folder as a sorted, indented tree and says how many entries were left out', () => {
    const folder = createFolderAttachment({ id: 'f', path: 'src/core', entries: ['index.ts', 'auth/', 'auth/openRouterOAuth.ts', 'api.ts'], maxEntries: 3 });
    assert.deepEqual(folder.entries, ['api.ts', 'auth/', 'auth/openRouterOAuth.ts']);
    assert.equal(folder.omitted, 1);
    assert.equal(attachmentText(folder), 'Folder tree of `src/core` (3 entries, 1 more not listed):\n```text\nsrc/core/\n  api.ts\n  auth/\n    openRouterOAuth.ts\n```');
  });

  it('lists problems most severe first with path:line:column, severity and source', () => {
    const problems = createProblemsAttachment({
      id: 'p',
      path: 'src/a.ts',
      problems: [
        { path: 'src/a.ts', line: 9, column: 1, severity: 'warning', message: "'b' is unused.", source: 'eslint', code: 'no-unused-vars' },
        { path: 'src/a.ts', line: 3, column: 7, severity: 'error', message: "Cannot find name 'x'.\n  Did you mean 'y'?", source: 'ts', code: '2304' },
      ],
    });
    assert.equal(attachmentText(problems), [
      'Problems in `src/a.ts` (1 error, 1 warning):',
      "- src/a.ts:3:7 error: Cannot find name 'x'. Did you mean 'y'? (ts 2304)",
      "- src/a.ts:9:1 warning: 'b' is unused. (eslint no-unused-vars)",
    ].join('\n'));
    assert.equal(attachmentText(createProblemsAttachment({ id: 'q', problems: [] })), 'Problems in the workspace: none.');
  });

  describe('images', () => {
    it('reads image input from the catalog: Claude Opus 4 takes images, Devstral does not', () => {
      assert.equal(takesImages(opus), true);
      assert.equal(takesImages(devstral), false);
      assert.equal(takesImages(undefined), false);
    });

    it('attaches a PNG for an image model, typed from its bytes, with or without a data: prefix', () => {
      const image = createImageAttachment({ id: 'i', name: 'shot.png', data: `data:image/jpeg;base64,${PNG_1X1}`, modelId: opus.id, model: opus });
      assert.ok(!('refused' in image));
      assert.deepEqual({ ...image, data: image.data.slice(0, 8) }, { kind: 'image', id: 'i', name: 'shot.png', mimeType: 'image/png', data: 'iVBORw0K', bytes: 70 });
      assert.equal(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
      assert.equal(sniffImageType(utf8('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
    });

    it('refuses an image for a text-only model, an unknown model, a non-image and an oversized one, saying why', () => {
      const textOnly = createImageAttachment({ id: 'i', name: 'shot.png', data: PNG_1X1, modelId: devstral.id, model: devstral });
      assert.ok('refused' in textOnly);
      assert.equal(textOnly.message, 'Images were not attached: Mistral: Devstral Small reads text only. Pick a model with image input (the model picker shows its modalities), or remove the image.');
      const unknown = createImageAttachment({ id: 'i', name: 'shot.png', data: PNG_1X1, modelId: 'team:vision-x', model: undefined });
      assert.ok('refused' in unknown && /team:vision-x is not in the model catalog/.test(unknown.message));
      const notImage = createImageAttachment({ id: 'i', name: 'notes.txt', data: Buffer.from('hello').toString('base64'), modelId: opus.id, model: opus });
      assert.ok('refused' in notImage && /not a PNG, JPEG, GIF or WebP/.test(notImage.message));
      const huge = Buffer.alloc(6 * 1024 * 1024);
      Buffer.from(PNG_1X1, 'base64').copy(huge);
      const big = createImageAttachment({ id: 'i', name: 'huge.png', data: huge.toString('base64'), modelId: opus.id, model: opus });
      assert.ok('refused' in big && /6\.0 MB, over the 5 MB/.test(big.message));
    });

    it('prices images where the catalog does ($0.024 each for Opus 4) and leaves them unpriced otherwise', () => {
      assert.equal(imageCostMicroUsd(2, opus.pricing), 48_000);
      assert.equal(imageCostMicroUsd(1, { prompt: 1, completion: 1 }), undefined);
      const estimate = estimateCost({ promptTokens: 1000, promptTokensExact: false, maxOutputTokens: 100, pricing: opus.pricing });
      const withImages = withImageCost(estimate, 2, opus.pricing);
      assert.equal(withImages.minMicroUsd, estimate.minMicroUsd + 48_000);
      assert.equal(withImages.maxMicroUsd, estimate.maxMicroUsd + 48_000);
      assert.equal(withImageCost(estimate, 1, { prompt: 1, completion: 1 }).unpricedImages, 1);
    });
  });

  describe('what is sent', () => {
    const file = asFile(createFileAttachment({ id: 'a', path: 'src/a.ts', language: 'typescript', bytes: utf8('let a;\n') }));
    const image = createImageAttachment({ id: 'i', name: 'shot.png', data: PNG_1X1, modelId: opus.id, model: opus }) as Attachment;

    it('puts the attachments\' blocks before the person\'s text, images as image parts, and nothing else', () => {
      const sent = messageContent('Why is a undefined?', [file, image]);
      assert.equal(sent.content, 'File `src/a.ts`:\n```typescript\nlet a;\n```\n\nWhy is a undefined?');
      assert.deepEqual(sent.images, [{ type: 'image', mimeType: 'image/png', data: PNG_1X1 }]);
      assert.deepEqual(messageContent('Hi', []), { content: 'Hi', images: [] });
    });

    it('gives each chip its tokens, its share of the prompt estimate and its price', () => {
      const prompt = messageContent('Why is a undefined?', [file]).content;
      const estimate = estimateCost({ promptTokens: approximateTokens(prompt), promptTokensExact: false, maxOutputTokens: 100, pricing: opus.pricing });
      const [fileShare, imageShare] = attachmentShares([file, image], estimate, opus.pricing);
      assert.equal(fileShare.tokens, file.tokens);
      assert.equal(fileShare.share, file.tokens / estimate.promptTokens);
      assert.ok(fileShare.share! > 0.5 && fileShare.share! < 1);
      assert.equal(fileShare.microUsd, Math.round(file.tokens * 15));
      assert.deepEqual(imageShare, { id: 'i', microUsd: 24_000 });
    });
  });
});
