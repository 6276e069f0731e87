// The compare panel without a mouse and through a screen reader (issue 13): named controls, every one reached by Tab,
// Enter or Space doing what a click does, in a blind run and after the reveal, and the replies and errors announced.
import assert from 'node:assert/strict';
import { assertNamedAndReachable, focused, hoverOnlyRules, invisibleAtRest, keyDoesWhatClickDoes, postedBy, sameNamesInItalian, tabTo } from './support/accessibility';
import type { WebviewPage } from './support/webviewPage';
import { useWebviewRig } from './support/webviewSuite';
import { column, compareState, meta } from './support/viewStates';

const FAILED = { code: 'rate-limited' as const, provider: 'openrouter', message: 'OpenRouter: rate limited. Wait and retry.', actions: ['retry' as const, 'pick-model' as const] };

/** A finished run: two answers (one with code and a link) and a failed column; blind (names hidden) or revealed. */
function finishedRun(blind: boolean) {
  const hidden = blind ? { hidden: true } : {};
  return compareState({
    blindMode: blind, namesHidden: blind, tags: ['refactor'],
    totalCost: blind ? undefined : { microUsd: 21_000, unknownCount: 0 },
    columns: [
      column(0, { status: 'done', label: 'A', ...hidden, ...(blind ? { model: 'A', modelName: 'A' } : {}), text: 'Use this:\n\n```ts\nreverse(list);\n```\n\nSee [MDN](https://developer.mozilla.org).', meta: meta(), highlights: ['fastestTotal'] }),
      column(1, { status: 'done', label: 'B', ...hidden, ...(blind ? { model: 'B', modelName: 'B' } : {}), text: 'Iterate and swap the pointers.', meta: meta() }),
      column(2, { status: 'failed', label: 'C', ...hidden, ...(blind ? { model: 'C', modelName: 'C' } : {}), error: FAILED }),
    ],
  });
}

describe('compare webview with the keyboard and a screen reader (real Chromium)', function () {
  let view: WebviewPage;

  const views = useWebviewRig();
  beforeEach(async function () {
    view = await views.open('compare', { width: 1400, height: 900 });
  });

  for (const blind of [true, false]) {
    it(`names every control and reaches each with Tab, announced by role and name (${blind ? 'blind' : 'revealed'})`, async function () {
      await view.send({ type: 'compare/snapshot', state: finishedRun(blind) });
      await assertNamedAndReachable(view.page);
    });
  }

  it('names the controls in Italian on an Italian page', async function () {
    for (const blind of [true, false]) {
      const untranslated = await sameNamesInItalian(async (language) => {
        const page = await views.open('compare', { width: 1400, height: 900 }, language);
        await page.send({ type: 'compare/snapshot', state: finishedRun(blind) });
        return page;
      });
      // only data keeps its name: a link's text in a reply
      assert.deepEqual(untranslated, ['link: MDN'], blind ? 'blind' : 'revealed');
    }
  });

  it('picks a winner, reveals, toggles blind and sets tags from the keyboard in a blind run', async function () {
    await view.send({ type: 'compare/snapshot', state: finishedRun(true) });
    assert.deepEqual(await keyDoesWhatClickDoes(view, '.column[data-column="1"] [data-action="column-winner"]', 'Enter'), [{ type: 'compare/pickWinner', column: 1 }]);
    await keyDoesWhatClickDoes(view, '.column[data-column="0"] [data-action="column-winner"]', ' ');
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-action="reveal"]', 'Enter'), [{ type: 'compare/reveal' }]);
    await keyDoesWhatClickDoes(view, '[data-action="reveal"]', ' ');
    assert.equal(await view.page.getAttribute('[data-action="blind"]', 'aria-pressed'), 'true', 'Blind says it is on');
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-action="blind"]', 'Enter'), [{ type: 'compare/setBlind', blind: false }]);
    const tags = await postedBy(view, async () => {
      await tabTo(view.page, '.tags-input');
      await view.page.keyboard.press('End');
      await view.page.keyboard.type(', explain');
      await view.page.keyboard.press('Enter');
    });
    assert.deepEqual(tags, [{ type: 'compare/setTags', tags: ['refactor', 'explain'] }]);
  });

  it('runs again, diffs, copies, inserts, continues in chat and acts on a failed column from the keyboard once revealed', async function () {
    await view.send({ type: 'compare/snapshot', state: finishedRun(false) });
    assert.deepEqual(await keyDoesWhatClickDoes(view, '.column[data-column="0"] [data-action="column-rerun"]', 'Enter'), [{ type: 'compare/rerun', column: 0 }]);
    assert.deepEqual(await keyDoesWhatClickDoes(view, '.column[data-column="1"] [data-action="column-diff"]', ' '), [{ type: 'compare/diff', column: 1 }]);
    assert.deepEqual(await keyDoesWhatClickDoes(view, '.column[data-column="1"] [data-action="column-copy"]', 'Enter'), [{ type: 'code/copy', code: 'Iterate and swap the pointers.' }]);
    await keyDoesWhatClickDoes(view, '.column[data-column="1"] [data-action="column-insert"]', ' ');
    await keyDoesWhatClickDoes(view, '.column[data-column="0"] [data-action="column-continue"]', 'Enter');
    await keyDoesWhatClickDoes(view, '.column[data-column="0"] [data-code-action="copy"]', ' ');
    await keyDoesWhatClickDoes(view, '.column[data-column="0"] a.external-link', 'Enter');
    assert.deepEqual(await keyDoesWhatClickDoes(view, '.column[data-column="2"] [data-action="error-retry"]', 'Enter'), [{ type: 'error/action', action: 'retry', column: 2, provider: 'openrouter' }]);
    await keyDoesWhatClickDoes(view, '.column[data-column="2"] [data-action="error-pick-model"]', ' ');
    await keyDoesWhatClickDoes(view, '[data-action="pick-models"]', 'Enter');
    await keyDoesWhatClickDoes(view, '[data-action="export"]', ' ');
  });

  it('runs the prompt and stops a column or the whole run from the keyboard', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState() });
    await view.page.fill('.prompt-input', 'Reverse a linked list');
    const reset = async (): Promise<void> => {
      await view.send({ type: 'compare/snapshot', state: compareState({ prompt: 'Reverse a linked list' }) });
    };
    assert.deepEqual(await keyDoesWhatClickDoes(view, 'vscode-button[data-action="run"]', 'Enter', reset), [{ type: 'compare/start', requestId: '<id>', prompt: 'Reverse a linked list' }]);
    await view.send({ type: 'compare/snapshot', state: compareState({ running: true, requestId: 'c1', columns: [column(0, { status: 'streaming', text: 'Alpha' }), column(1, { status: 'waiting' })] }) });
    assert.deepEqual(await keyDoesWhatClickDoes(view, '.column[data-column="1"] [data-action="column-stop"]', 'Enter'), [{ type: 'compare/cancel', requestId: '<id>', column: 1 }]);
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-action="stop-all"]', ' '), [{ type: 'compare/cancel', requestId: '<id>' }]);
  });

  it('keeps the focus on the control a person pressed when the host answers with a new snapshot', async function () {
    await view.send({ type: 'compare/snapshot', state: finishedRun(false) });
    await tabTo(view.page, '.column[data-column="1"] [data-action="column-winner"]');
    await view.page.keyboard.press('Enter');
    const won = finishedRun(false);
    won.columns[1] = { ...won.columns[1]!, winner: true };
    await view.send({ type: 'compare/snapshot', state: won });
    assert.equal(await focused(view.page), '<vscode-button data-action="column-winner">', 'the focus stays on the winner button of the rebuilt column');
    assert.equal(await view.page.evaluate(() => document.activeElement?.closest('.column')?.getAttribute('data-column')), '1');
  });

  it('announces the replies and errors: a polite region for the columns, an alert for an error', async function () {
    await view.send({ type: 'compare/snapshot', state: finishedRun(false) });
    assert.equal(await view.page.getAttribute('.columns', 'aria-live'), 'polite');
    assert.equal(await view.page.getAttribute('.columns', 'aria-label'), 'Replies');
    assert.equal(await view.page.getAttribute('.column[data-column="2"] .error-panel', 'role'), 'alert');
    assert.ok((await view.text('.column[data-column="2"] .status-text')).includes('failed'), 'the status is text, not only colour');
    assert.equal(await view.page.getAttribute('.prompt-row .estimate', 'aria-live'), 'polite');
  });

  it('shows no action on hover only', async function () {
    await view.send({ type: 'compare/snapshot', state: finishedRun(false) });
    await view.page.mouse.move(0, 0);
    assert.deepEqual(await hoverOnlyRules(view.page), [], 'rules that show something on :hover without :focus-within');
    assert.deepEqual(await invisibleAtRest(view.page), [], 'controls laid out but invisible until hovered');
  });
});
