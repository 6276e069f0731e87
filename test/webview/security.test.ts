import assert from 'node:assert/strict';
import type { WebviewPage, WebviewToHost } from './support/webviewPage';
import type { MessageView } from '../../src/shared/viewModels';
import { activeContent, HOSTILE_PAYLOADS } from './support/hostilePayloads';
import { useWebviewRig } from './support/webviewSuite';
import { assistantMessage, chatState, column, compareState, meta, MODELS, userMessage } from './support/viewStates';

/** Splits text into chunks of `size` characters, so tags and schemes are cut across deltas. */
function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let index = 0; index < text.length; index += size) parts.push(text.slice(index, index + size));
  return parts;
}

describe(`hostile model output (${HOSTILE_PAYLOADS.length} payloads, real Chromium, real CSP)`, function () {
  let view: WebviewPage;
  const exposures: Record<string, number> = {};
  // the last test provokes CSP violations on purpose and counts them itself
  const views = useWebviewRig({ violations: false });

  after(function () {
    const total = Object.values(exposures).reduce((sum, count) => sum + count, 0);
    console.log(`      hostile payloads tested: ${HOSTILE_PAYLOADS.length} distinct, ${total} renderings (${Object.entries(exposures).map(([route, count]) => `${route}: ${count}`).join(', ')})`);
  });

  /** Everything an attack could have achieved, checked after the page settled and every link was clicked. */
  async function assertNothingHappened(page: WebviewPage, url: string): Promise<void> {
    await page.settle();
    const links = page.page.locator('#root a');
    const linkCount = await links.count();
    for (let index = 0; index < linkCount; index++) await links.nth(index).click({ force: true, timeout: 2000 }).catch(() => undefined);
    await page.settle();
    assert.deepEqual(await page.pwned(), [], 'no payload ran');
    assert.deepEqual(page.dialogs, [], 'no dialog opened');
    assert.deepEqual(page.foreignRequests, [], 'no request to another host');
    const origin = new URL(url).origin;
    assert.deepEqual(page.requests.filter((request) => !request.startsWith(`${origin}/`)), [], 'only the harness origin was asked for anything');
    assert.equal(page.page.url(), url, 'no navigation');
    const active = await activeContent(page.page);
    assert.deepEqual(active.elements, [], 'no active or loading element was rendered');
    assert.deepEqual(active.attributes, [], 'no event handler attributes, no real hrefs, data-href only http(s)');
    const opened = (await page.posted()).filter((message): message is Extract<WebviewToHost, { type: 'link/open' }> => message.type === 'link/open');
    for (const message of opened) assert.match(message.href, /^https?:\/\//i, 'link/open only for http(s)');
    assert.deepEqual(page.pageErrors, [], 'no page errors');
  }

  it('renders every payload from a chat snapshot (replies, user text, reasoning, errors, names, history) without effect', async function () {
    view = await views.open('chat');
    const messages: MessageView[] = HOSTILE_PAYLOADS.flatMap((payload) => [
      userMessage(`u${payload.id}`, payload.markdown),
      assistantMessage(`a${payload.id}`, payload.markdown, {
        reasoning: payload.markdown,
        status: payload.id % 2 ? 'done' : 'failed',
        meta: meta({ servedModelName: payload.markdown, upstreamProvider: payload.markdown, finishReason: payload.markdown, fallbackFrom: [payload.markdown] }),
        error: payload.id % 2 ? undefined : { code: payload.markdown, message: payload.markdown, provider: payload.markdown, actions: ['retry'] },
      }),
    ]);
    const hostileModels = HOSTILE_PAYLOADS.map((payload) => ({ ...MODELS[0], id: `openrouter:x${payload.id}`, name: payload.markdown, priceLabel: payload.markdown, winsLabel: payload.markdown }));
    await view.send({ type: 'state/snapshot', state: chatState({
      title: HOSTILE_PAYLOADS[1].markdown,
      messages,
      models: [...MODELS, ...hostileModels],
      model: hostileModels[1],
      history: HOSTILE_PAYLOADS.map((payload) => ({ id: `h${payload.id}`, title: payload.markdown, updatedAt: 0, messageCount: 1, kind: 'chat' as const })),
      localServerDetected: HOSTILE_PAYLOADS[0].markdown,
      needsSetup: true,
      draft: HOSTILE_PAYLOADS[0].markdown,
    }) });
    await view.page.click('[data-action="history"]');
    // a long conversation shows its last screen first and builds the older messages in idle time: wait for all
    await view.page.waitForFunction((count) => document.querySelectorAll('.message').length >= count, HOSTILE_PAYLOADS.length * 2, { timeout: 30_000 }).catch(() => undefined);
    assert.equal(await view.page.locator('.message').count(), HOSTILE_PAYLOADS.length * 2);
    await assertNothingHappened(view, views.rig.server.url('chat'));
    // what people see is the payload as text or a refused link, not a missing message
    assert.ok((await view.text('[data-message-id="a1"] .message-body')).includes('<script>pwn(1)</script>'));
    assert.equal(await view.text('[data-message-id="a11"] .message-body'), 'image: x');
    assert.equal(await view.text('[data-message-id="a13"] .message-body'), '[click](javascript:pwn(13))', 'a javascript: link stays plain text');
    assert.equal(await view.page.locator('[data-message-id="a13"] a').count(), 0);
    assert.equal(await view.text('[data-message-id="a22"] .refused-link'), 'click', 'a command: link is refused');
    exposures['chat snapshot'] = HOSTILE_PAYLOADS.length * 9;
  });

  it('renders every payload streamed in small deltas (cut mid-tag and mid-scheme) without effect', async function () {
    view = await views.open('chat');
    const messages = HOSTILE_PAYLOADS.map((payload) => assistantMessage(`s${payload.id}`, '', { status: 'streaming', meta: undefined }));
    await view.send({ type: 'state/snapshot', state: chatState({ activeRequestId: 'r-hostile', messages }) });
    for (const payload of HOSTILE_PAYLOADS) {
      let seq = 0;
      for (const text of chunks(`${payload.markdown}\n\n${payload.markdown}`, 5)) {
        seq += 1;
        await view.send({ type: 'stream/part', requestId: 'r-hostile', seq, messageId: `s${payload.id}`, delta: { text, reasoning: text } });
      }
      if (payload.id % 2) await view.send({ type: 'stream/end', requestId: 'r-hostile', seq: seq + 1, messageId: `s${payload.id}` });
    }
    await view.page.waitForFunction((expected) => document.querySelector(`[data-message-id="s${expected.id}"] .reasoning-text`)?.textContent === `${expected.markdown}\n\n${expected.markdown}`,
      HOSTILE_PAYLOADS[HOSTILE_PAYLOADS.length - 1]);
    await assertNothingHappened(view, views.rig.server.url('chat'));
    assert.ok((await view.text('[data-message-id="s1"] .message-body')).includes('<script>pwn(1)</script>'));
    exposures['chat stream'] = HOSTILE_PAYLOADS.length * 2;
  });

  it('renders every payload in compare columns, by snapshot and by stream, without effect', async function () {
    view = await views.open('compare', { width: 1400, height: 900 });
    const groups = [0, 1, 2, 3, 4, 5].map((index) => HOSTILE_PAYLOADS.filter((payload) => payload.id % 6 === index));
    await view.send({ type: 'compare/snapshot', state: compareState({
      prompt: HOSTILE_PAYLOADS[0].markdown,
      running: true,
      requestId: 'c-hostile',
      columns: groups.map((group, index) => column(index, {
        status: index === 5 ? 'failed' : 'streaming',
        modelName: group[0].markdown,
        text: group.map((payload) => payload.markdown).join('\n\n'),
        meta: meta({ servedModelName: group[0].markdown, upstreamProvider: group[1].markdown }),
        error: index === 5 ? { code: 'x', message: group[0].markdown, actions: ['retry'] } : undefined,
      })),
    }) });
    for (const [index, group] of groups.entries()) {
      let seq = 0;
      for (const text of chunks(`\n\n${group.map((payload) => payload.markdown).join('\n\n')}`, 7)) {
        seq += 1;
        await view.send({ type: 'stream/part', requestId: 'c-hostile', seq, messageId: `m${index}`, column: index, delta: { text } });
      }
    }
    await view.send({ type: 'stream/end', requestId: 'c-hostile', seq: 10_000, messageId: 'm0', column: 0 });
    await assertNothingHappened(view, views.rig.server.url('compare'));
    exposures['compare snapshot and stream'] = HOSTILE_PAYLOADS.length * 2;
  });

  it('the CSP alone stops inline handlers, remote loads and base/form tricks even if the sanitizer were bypassed', async function () {
    view = await views.open('chat');
    await view.send({ type: 'state/snapshot', state: chatState() });
    const raw = HOSTILE_PAYLOADS.filter((payload) => !payload.name.startsWith('meta refresh')).map((payload) => payload.markdown).join('\n');
    // deliberately skip markdown and DOMPurify: put the raw payloads in the DOM
    await view.page.evaluate((html) => {
      const target = document.createElement('div');
      target.id = 'raw-injection';
      document.getElementById('root')?.append(target);
      target.innerHTML = html;
    }, raw);
    await view.settle();
    assert.deepEqual(await view.pwned(), [], 'no payload ran');
    assert.deepEqual(view.dialogs, []);
    assert.deepEqual(view.foreignRequests, [], 'the CSP refused remote loads before they left');
    assert.equal(view.page.url(), views.rig.server.url('chat'));
    const violations = await view.violations();
    const directives = new Set(violations.map((violation) => violation.directive));
    console.log(`      CSP violations reported for the raw injection: ${violations.length} (${[...directives].sort().join(', ')})`);
    assert.ok(violations.length > 0, 'the attempts show up as CSP violations');
    assert.ok([...directives].some((directive) => directive.startsWith('script-src')), 'inline handlers were refused by script-src');
    assert.ok([...directives].some((directive) => directive.startsWith('img-src')), 'remote images were refused by img-src');
  });
});
