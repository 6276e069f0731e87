// The line under a reply in the narrow sidebar (real Chromium): one compact line that keeps the counts, the cost and its kind in
// view, every detail in its tooltip and accessible name, and Enter or Space shows the whole line without a mouse.
import assert from 'node:assert/strict';
import type { WebviewPage } from './support/webviewPage';
import { useWebviewRig } from './support/webviewSuite';
import { assistantMessage, chatState, meta, userMessage } from './support/viewStates';

describe('chat reply details line (real Chromium)', function () {
  let view: WebviewPage;

  const views = useWebviewRig();
  beforeEach(async function () {
    view = await views.open('chat', { width: 300, height: 700 });
  });

  const line = '[data-message-id="a1"] .meta-line';
  const details = ['Claude Sonnet 4.5', 'via Anthropic', 'fallback from openai/gpt-4o-mini', '1.2k in / 456 out tokens', 'first token 640 ms', 'total 5.2 s', '87.7 tok/s', 'finish: stop', '$0.0105 billed'];
  const box = (selector: string) => view.page.locator(selector).evaluate((node) => {
    const rect = node.getBoundingClientRect();
    return { left: rect.left, right: rect.right, top: rect.top, height: rect.height };
  });

  async function showReply(overrides: Parameters<typeof meta>[0] = {}): Promise<void> {
    await view.send({ type: 'state/snapshot', state: chatState({ messages: [
      userMessage('u1', 'hi'),
      assistantMessage('a1', 'Hello.', { meta: meta({ servedModelName: 'Anthropic: Claude Sonnet 4.5 (thinking, self-moderated)', fallbackFrom: ['openrouter:openai/gpt-4o-mini'], ...overrides }) }),
    ] }) });
    await view.settle();
  }

  /** true when the element's whole text is shown (not cut by an ellipsis or the line's edge) */
  const whole = (selector: string) => view.page.locator(selector).evaluate((node) => {
    const line = node.closest('.meta-line')!.getBoundingClientRect();
    const rect = node.getBoundingClientRect();
    return node.scrollWidth <= node.clientWidth + 0.5 && rect.right <= line.right + 0.5;
  });

  it('fits model, token counts and cost on one line in a 300 px sidebar, the counts and the cost with its kind whole', async function () {
    await showReply({ inputTokens: 123_456, outputTokens: 4_567 });
    const all = await box(line);
    const cost = await box(`${line} .meta-cost`);
    assert.ok(all.height < cost.height * 1.8, `one line: ${all.height} px high for a ${cost.height} px item`);
    assert.ok(cost.left >= all.left && cost.right <= all.right + 0.5, `the cost is inside the line: ${JSON.stringify({ all, cost })}`);
    assert.equal(await view.text(`${line} .meta-cost`), '$0.0105 billed');
    assert.equal(await view.text(`${line} .meta-model`), 'Claude Sonnet 4.5 (thinking, self-moderated)', 'the model without its vendor');
    assert.equal(await view.page.locator(`${line} .meta-tokens`).innerText(), '123k→4.6k tok', 'the short form of the counts');
    assert.equal(await whole(`${line} .meta-tokens`), true, 'the token counts are not cut');
    assert.equal(await whole(`${line} .meta-cost`), true, 'the cost is not cut');
    for (const name of ['model', 'tokens', 'cost']) assert.equal(await view.page.isVisible(`${line} .meta-${name}`), true, `${name} shown`);
    assert.equal(await view.page.isVisible(`${line} .meta-total`), false, 'the total time gives way in a 300 px sidebar');
    assert.equal(await view.page.locator(`${line} > .meta-separator:visible`).count(), 2, 'no separator left without its item');
    for (const name of ['provider', 'fallback', 'ttft', 'speed', 'finish']) assert.equal(await view.page.isVisible(`${line} .meta-${name}`), false, `${name} only on demand`);
  });

  it('keeps the total time on the line in a wider sidebar', async function () {
    await view.page.setViewportSize({ width: 420, height: 700 });
    await showReply();
    assert.equal(await view.page.isVisible(`${line} .meta-total`), true);
    assert.equal(await view.page.locator(`${line} .meta-total`).innerText(), 'total 5.2 s');
    assert.equal(await whole(`${line} .meta-total`), true, 'the total time is not cut');
  });

  it('keeps an unknown cost visible as unknown, never $0', async function () {
    await showReply({ cost: { kind: 'unknown' }, outputTokens: undefined });
    assert.equal(await view.page.locator(`${line} .meta-tokens`).innerText(), '1.2k→– tok');
    await showReply({ cost: { kind: 'unknown' }, inputTokens: undefined, outputTokens: undefined });
    assert.equal(await view.page.locator(`${line} .meta-tokens`).innerText(), 'tokens unknown', 'no counts at all: said in words');
    assert.equal(await view.page.isVisible(`${line} .meta-cost`), true);
    assert.equal(await view.text(`${line} .meta-cost`), 'cost unknown');
    assert.doesNotMatch(await view.page.getAttribute(line, 'title') ?? '', /\$0(\.0+)?\b/);
  });

  it('names every detail in its tooltip and accessible name, and Enter or Space shows them all', async function () {
    await showReply();
    const title = await view.page.getAttribute(line, 'title') ?? '';
    const name = await view.page.getAttribute(line, 'aria-label') ?? '';
    for (const part of [...details.slice(1), 'Anthropic: Claude Sonnet 4.5 (thinking, self-moderated) (openrouter:anthropic/claude-sonnet-4.5)']) {
      assert.ok(title.includes(part), `tooltip "${title}" has "${part}"`);
      assert.ok(name.includes(part), `accessible name "${name}" has "${part}"`);
    }
    assert.equal(await view.page.getAttribute(line, 'tabindex'), '0', 'reachable with Tab');
    assert.equal(await view.page.getAttribute(line, 'aria-expanded'), 'false');
    await view.page.focus(line);
    await view.page.keyboard.press('Enter');
    assert.equal(await view.page.getAttribute(line, 'aria-expanded'), 'true');
    for (const item of ['provider', 'fallback', 'ttft', 'speed', 'finish']) assert.equal(await view.page.isVisible(`${line} .meta-${item}`), true, `${item} shown once expanded`);
    const shown = (await view.page.locator(line).innerText()).replace(/\s+/g, ' ');
    for (const part of details.slice(1)) assert.ok(shown.includes(part), `expanded line "${shown}" shows "${part}"`);
    assert.ok(!shown.includes('→'), `expanded, only the long form of the counts: "${shown}"`);
    await view.page.keyboard.press(' ');
    assert.equal(await view.page.getAttribute(line, 'aria-expanded'), 'false');
    assert.equal(await view.page.isVisible(`${line} .meta-ttft`), false);
  });
});
