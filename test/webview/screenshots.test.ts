import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useWebviewRig } from './support/webviewSuite';
import { assistantMessage, chatState, column, compareState, meta, userMessage } from './support/viewStates';

const directory = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

const ANSWER = [
  'A binary search halves the range each step, so it needs **O(log n)** comparisons:',
  '',
  '```ts',
  'export function binarySearch(items: number[], target: number): number {',
  '  let low = 0;',
  '  let high = items.length - 1;',
  '  while (low <= high) {',
  '    const middle = (low + high) >>> 1;',
  '    if (items[middle] === target) return middle;',
  '    if (items[middle] < target) low = middle + 1;',
  '    else high = middle - 1;',
  '  }',
  '  return -1; // not found',
  '}',
  '```',
  '',
  'See [MDN on `>>>`](https://developer.mozilla.org/docs/Web/JavaScript/Reference/Operators/Unsigned_right_shift).',
].join('\n');

describe('webview screenshots for the README', function () {
  const views = useWebviewRig();

  before(function () {
    fs.mkdirSync(directory, { recursive: true });
  });

  it('saves the chat view with a reply, a streaming reply and an error', async function () {
    const view = await views.open('chat', { width: 440, height: 1000 });
    await view.send({ type: 'state/snapshot', state: chatState({
      activeRequestId: 'r3',
      messages: [
        userMessage('u1', 'Write a binary search in TypeScript'),
        assistantMessage('a1', ANSWER, { reasoning: 'Iterative is simplest; use an unsigned shift to avoid overflow.' }),
        userMessage('u2', 'Same with Opus 4?'),
        assistantMessage('a2', '', { status: 'failed', meta: undefined, error: {
          code: 'payment-required', provider: 'openrouter', actions: ['add-credits', 'open-settings', 'pick-model'],
          message: 'OpenRouter: out of credits. Add credits or lower max tokens; this request needed up to $0.42.' } }),
        userMessage('u3', 'Then explain it to a five year old'),
        assistantMessage('a3', 'Imagine a phone book: open it in the middle…', { status: 'streaming', meta: undefined }),
      ],
    }) });
    await view.send({ type: 'estimate/update', estimate: { minMicroUsd: 420, maxMicroUsd: 12_600, promptTokens: 140, exact: true, priced: true } });
    await view.page.fill('.composer-input', 'And recursively?');
    await view.settle();
    // What the picture is for must be on the page: a highlighted code block, the 402's advice, the streaming reply.
    assert.ok(await view.page.locator('[data-message-id="a1"] pre code .hljs-keyword').count() > 0, 'the code block is not highlighted');
    assert.match(await view.text('[data-message-id="a2"]'), /out of credits/);
    assert.match(await view.text('[data-message-id="a3"]'), /phone book/);
    assert.deepEqual(await view.violations(), []);
    await view.page.screenshot({ path: path.join(directory, 'webview-chat.png'), fullPage: true });
  });

  it('saves the getting-started view', async function () {
    const view = await views.open('chat', { width: 440, height: 640 });
    await view.send({ type: 'state/snapshot', state: chatState({ needsSetup: true, localServerDetected: 'Ollama', history: [], sessionSpendMicroUsd: 0 }) });
    await view.settle();
    assert.equal(await view.page.locator('.setup-panel').count(), 1, 'the getting-started panel is missing');
    assert.match(await view.text('.setup-panel'), /Ollama/);
    await view.page.screenshot({ path: path.join(directory, 'webview-chat-setup.png') });
  });

  it('saves the compare view with a winner, a streaming column and a failed one', async function () {
    const view = await views.open('compare', { width: 1400, height: 760 });
    await view.send({ type: 'compare/snapshot', state: compareState({
      prompt: 'Write a binary search in TypeScript',
      running: true,
      requestId: 'c1',
      estimate: { minMicroUsd: 900, maxMicroUsd: 41_000, promptTokens: 20, exact: false, priced: true },
      columns: [
        column(0, { status: 'done', text: ANSWER, winner: true, meta: meta() }),
        column(1, { status: 'streaming', text: 'Here is an iterative version:\n\n```ts\nfunction search(a: number[], t: number) {\n  let lo = 0, hi = a.length - 1;\n' }),
        column(2, { status: 'failed', text: '', error: { code: 'rate-limited', provider: 'openrouter', retryAfterMs: 20_000,
          message: 'OpenRouter: rate limited for this free model. Wait 20 s or pick another model.', actions: ['retry', 'pick-model'] } }),
      ],
    }) });
    await view.settle();
    assert.equal(await view.page.locator('.column').count(), 3);
    assert.equal(await view.page.locator('.column-winner').count(), 1);
    assert.match(await view.text('.column[data-column="2"]'), /rate limited/);
    await view.page.screenshot({ path: path.join(directory, 'webview-compare.png') });
  });
});
