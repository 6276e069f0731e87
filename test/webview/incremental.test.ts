import assert from 'node:assert/strict';
import { activeContent } from './support/hostilePayloads';
import type { WebviewPage } from './support/webviewPage';
import { useWebviewRig } from './support/webviewSuite';
import { assistantMessage, chatState, userMessage } from './support/viewStates';

/** Markdown that exercises every block kind and the places where a cut between deltas can change meaning. */
const SAMPLE = [
  '# Title', '', 'Intro with **bold**, `code`, an entity &amp; a [reference link][later] and a [shortcut].', '',
  'Setext heading', '--------------', '',
  '- tight item one', '- tight item two', '  continued lazily', '', '- loose after a blank', '',
  '3. ordered from three', '4. next', '',
  '> quoted line', 'lazy continuation', '',
  '```ts', 'const answer: number = 42;', '', '// a blank line inside the fence', 'export { answer };', '```',
  'Paragraph right after a fence.', '',
  '| a | b |', '|---|---|', '| 1 | 2 |', '',
  '    indented code', '', '    more indented code', '',
  'A paragraph', '# interrupted by a heading', '',
  '***', '',
  '[later]: https://example.com/later "Later"', '[shortcut]: https://example.com/shortcut', '',
  'Tail paragraph with a [link](https://example.com/tail) and an unclosed fence below.', '',
  '```python', 'print("still open")',
].join('\n');

/** Text whose meaning a partial last line changes: `#` alone is a heading until `#hashtag` makes it paragraph text. */
const PARTIAL_LINES = 'Text line\n#hashtag, not a heading\n\nA line\n-\n\nA line\n- then a list\n\nClosing words.\n';

/** Cuts `text` into deltas of varying sizes (1 to 9 characters), so every construct is cut somewhere. */
function deltas(text: string): string[] {
  const parts: string[] = [];
  for (let index = 0, size = 1; index < text.length; index += size, size = (size % 9) + 1) parts.push(text.slice(index, index + size));
  return parts;
}

describe('incremental rendering of streamed replies (real Chromium)', function () {
  let view: WebviewPage;

  // some replies stream hostile markup on purpose: the CSP refusing it is reported as a violation, and fine
  const views = useWebviewRig({ violations: false });
  beforeEach(async function () {
    view = await views.open('chat');
  });

  const nextFrame = () => view.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  const bodyHtml = (id: string) => view.page.evaluate((messageId) => document.querySelector(`[data-message-id="${messageId}"] .message-body`)!.innerHTML, id);

  /** Streams `parts` into message `id`, letting a frame render after each delta when `everyFrame`. */
  async function stream(id: string, parts: string[], everyFrame: boolean): Promise<number> {
    let seq = 0;
    for (const text of parts) {
      await view.send({ type: 'stream/part', requestId: 'r1', seq: ++seq, messageId: id, delta: { text } });
      if (everyFrame) await nextFrame();
    }
    return seq;
  }

  async function assertHarmless(): Promise<void> {
    await view.settle();
    assert.deepEqual(await view.pwned(), [], 'no payload ran');
    assert.deepEqual(view.foreignRequests, [], 'no request to another host');
    const active = await activeContent(view.page);
    assert.deepEqual(active.elements, [], 'no active or loading element');
    assert.deepEqual(active.attributes, [], 'no handlers, no real hrefs, data-href only http(s)');
    assert.deepEqual(view.pageErrors, []);
  }

  it('renders a streamed reply to the same DOM as the same text rendered at once, and keeps it at reply end', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ activeRequestId: 'r1', messages: [
      userMessage('u1', 'show me everything'),
      assistantMessage('a1', '', { status: 'streaming', meta: undefined }),
      assistantMessage('whole', SAMPLE),
    ] }) });
    const seq = await stream('a1', deltas(SAMPLE), true);
    await view.send({ type: 'stream/end', requestId: 'r1', seq: seq + 1, messageId: 'a1' });
    // code frozen while streaming is highlighted in idle time: wait for the last block to get its colours
    await view.page.waitForFunction(() => document.querySelectorAll('[data-message-id="a1"] .hljs-keyword').length
      === document.querySelectorAll('[data-message-id="whole"] .hljs-keyword').length);
    const streamed = await bodyHtml('a1');
    assert.equal(streamed, await bodyHtml('whole'), 'same elements, attributes and text');
    assert.ok(streamed.includes('data-href="https://example.com/later"'), 'a reference defined after its use became a link');
    assert.ok(streamed.includes('<h1>Title</h1>') && streamed.includes('<table>') && streamed.includes('<ol start="3">'));
    assert.ok(streamed.includes('class="hljs-keyword"'), 'closed code blocks are highlighted');

    // the snapshot that ends the reply carries the same text: the rendered body is kept, not rendered again
    await view.page.evaluate(() => { (document.querySelector('[data-message-id="a1"] .message-body p') as HTMLElement & { marked?: boolean }).marked = true; });
    await view.send({ type: 'state/snapshot', state: chatState({ messages: [
      userMessage('u1', 'show me everything'), assistantMessage('a1', SAMPLE), assistantMessage('whole', SAMPLE),
    ] }) });
    assert.equal(await view.page.evaluate(() => (document.querySelector('[data-message-id="a1"] .message-body p') as HTMLElement & { marked?: boolean }).marked), true);
    assert.ok((await view.text('[data-message-id="a1"] .meta-cost')).includes('billed'), 'the message itself was updated');
    assert.equal(await bodyHtml('a1'), await bodyHtml('whole'));
  });

  it('does not freeze a block while a partial line after it could still join it', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ activeRequestId: 'r1', messages: [
      assistantMessage('a1', '', { status: 'streaming', meta: undefined }), assistantMessage('whole', PARTIAL_LINES),
    ] }) });
    // one character per frame, so every partial line is rendered on its own
    const seq = await stream('a1', [...PARTIAL_LINES], true);
    await view.send({ type: 'stream/end', requestId: 'r1', seq: seq + 1, messageId: 'a1' });
    const streamed = await bodyHtml('a1');
    assert.ok(streamed.includes('#hashtag, not a heading</p>') && streamed.includes('<h2>A line</h2>'), streamed);
    assert.equal(streamed, await bodyHtml('whole'));
  });

  it('sanitises text that becomes dangerous only when a later delta completes it', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ activeRequestId: 'r1', messages: [assistantMessage('a1', '', { status: 'streaming', meta: undefined })] }) });
    const parts = [
      // uses first, definitions many blocks later: the frozen paragraphs must be rendered (and sanitised) again
      '[evil][bad] and ![pixel][img] and [fine][good]\n\n', 'A paragraph in between.\n\n', 'Another one.\n\n',
      '[img]: https://attacker.example/p', 'ixel.gif\n', '[good]: https://example.com/good\n\n', '[bad]: java', 'script:pwn(1)\n\n',
      // an entity cut in two spells the scheme
      '[x](java&#11', '5;cript:pwn(2))\n\n', '&l', 't;img src=x onerror=pwn(3)&g', 't;\n\n',
      // `javascript:` cut across deltas, in a link and an autolink
      '[y](jav', 'ascri', 'pt:pwn(4))\n\n', '<java', 'script:pwn(5)>\n\n',
      // a fence whose opening and closing backticks arrive one at a time, holding HTML
      '`', '`', '`html\n<img src=x onerror=pwn(6)><scr', 'ipt>pwn(6)</script>\n`', '`', '`\n\nafter the fence\n',
    ];
    const seq = await stream('a1', parts, true);
    await assertHarmless();
    await view.send({ type: 'stream/end', requestId: 'r1', seq: seq + 1, messageId: 'a1' });
    await assertHarmless();
    const html = await bodyHtml('a1');
    assert.ok(html.includes('data-href="https://example.com/good"'), 'the safe late definition turned the frozen text into a link');
    const linkTexts = await view.page.locator('[data-message-id="a1"] a').allTextContents();
    assert.ok(!linkTexts.includes('evil'), 'the javascript: definition made no link');
    assert.ok(linkTexts.includes('image: pixel'), 'the late image definition made a link to click, never a load');
    assert.ok((await view.text('[data-message-id="a1"] .message-body')).includes('<img src=x onerror=pwn(6)>'), 'the fenced HTML is shown as text');
    assert.ok((await view.text('[data-message-id="a1"] .message-body')).includes('after the fence'));
  });

  it('starting a send and ending a reply rebuild only the message that changed', async function () {
    const history = Array.from({ length: 20 }, (_, index) => [userMessage(`u${index}`, `question ${index}`), assistantMessage(`a${index}`, `answer ${index}`)]).flat();
    await view.send({ type: 'state/snapshot', state: chatState({ messages: history }) });
    // older messages are built at idle time after the newest ones: wait for them before marking every node
    await view.page.locator('[data-message-id="u0"] [data-action="edit"]').waitFor({ state: 'visible' });
    assert.equal(await view.page.locator('[data-message-id="u3"] [data-action="edit"]').isVisible(), true);
    await view.page.evaluate(() => document.querySelectorAll('.message').forEach((node) => { (node as HTMLElement & { marked?: boolean }).marked = true; }));
    const unmarked = () => view.page.evaluate(() => Array.from(document.querySelectorAll('.message'))
      .filter((node) => !(node as HTMLElement & { marked?: boolean }).marked).map((node) => node.getAttribute('data-message-id')));
    const sending = [...history, userMessage('u-new', 'one more'), assistantMessage('a-new', '', { status: 'streaming', meta: undefined })];
    await view.send({ type: 'state/snapshot', state: chatState({ activeRequestId: 'r1', messages: sending }) });
    // a19 was the last reply and loses its Retry button in place: only the new messages are new elements
    assert.deepEqual(await unmarked(), ['u-new', 'a-new']);
    assert.equal(await view.page.locator('[data-message-id="a19"] [data-action="retry"]').count(), 0);
    assert.equal(await view.page.locator('[data-message-id="u3"] [data-action="edit"]').isVisible(), false, 'no Edit while a request runs');
    await view.page.evaluate(() => document.querySelectorAll('.message').forEach((node) => { (node as HTMLElement & { marked?: boolean }).marked = true; }));
    await view.send({ type: 'stream/part', requestId: 'r1', seq: 1, messageId: 'a-new', delta: { text: 'done' } });
    await view.send({ type: 'stream/end', requestId: 'r1', seq: 2, messageId: 'a-new' });
    await view.send({ type: 'state/snapshot', state: chatState({ messages: [...history, userMessage('u-new', 'one more'), assistantMessage('a-new', 'done')] }) });
    assert.deepEqual(await unmarked(), [], 'the ended reply kept its element; it only gained its meta line and Retry');
    assert.equal(await view.page.locator('[data-message-id="a-new"] [data-action="retry"]').count(), 1);
    assert.ok((await view.text('[data-message-id="a-new"] .meta-cost')).includes('billed'));
    assert.equal(await view.page.locator('[data-message-id="u3"] [data-action="edit"]').isVisible(), true, 'Edit is back');
  });

  it('opens a long conversation at its last message and builds the older ones without a gap', async function () {
    const messages = Array.from({ length: 150 }, (_, index) => [userMessage(`u${index}`, `question ${index}`), assistantMessage(`a${index}`, `answer **${index}**`)]).flat();
    await view.send({ type: 'state/snapshot', state: chatState({ messages }) });
    const lastVisible = await view.page.evaluate(() => {
      const box = document.querySelector('[data-message-id="a149"]')!.getBoundingClientRect();
      const list = document.querySelector('.message-list')!.getBoundingClientRect();
      return box.bottom > list.top && box.top < list.bottom;
    });
    assert.equal(lastVisible, true, 'the last message is on screen right after the snapshot');
    await view.page.waitForFunction((count) => document.querySelectorAll('.message').length === count, messages.length);
    const order = await view.page.evaluate(() => Array.from(document.querySelectorAll('.message')).map((node) => node.getAttribute('data-message-id')));
    assert.deepEqual(order, messages.map((message) => message.id), 'every message, in order');
    const distance = await view.page.evaluate(() => { const list = document.querySelector('.message-list')!; return list.scrollHeight - list.scrollTop - list.clientHeight; });
    assert.ok(distance < 2, `still at the bottom after the older messages were built (${distance}px away)`);
  });
});
