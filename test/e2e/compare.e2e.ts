// Compare Models as a person uses it in code-server: the command from the palette, three models checked in the
// multi-select quick pick (two recorded replies and one that answers 429, all from the keyless replay endpoint of the
// fixture server), one prompt in the input box, three columns in an editor panel, the 429 column failing on its own
// while the other two finish with their costs, and a winner picked. Screenshots go to artifacts/screenshots/;
// SWITCHBOARD_README_SCREENSHOTS=1 also copies the panel to media/screenshots/compare.png for the README.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { rig } from './support/rig';
import { copyForReadme, screenshotDir, useWorkbench, type Workbench } from './support/workbench';

const MODELS = ['replay:replay/openrouter-gpt-4o', 'replay:replay/openrouter-claude-haiku-4.5', 'replay:fault/429'];

/** Checks the quick pick row whose id is exactly `model` (filtering first, so the row is on screen). */
async function check(w: Workbench, model: string): Promise<void> {
  await w.quickInput.fill(model.slice(model.indexOf(':') + 1));
  const row = w.quickPickRowById(model);
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  if ((await row.getAttribute('aria-checked')) !== 'true') await row.locator('.monaco-checkbox').first().click();
  await w.quickPickRowById(model).and(w.page.locator('[aria-checked="true"]')).waitFor({ state: 'attached', timeout: 5000 });
}

/** Unchecks every row with the header's check-all box (over the whole list, so the filter is cleared first). */
async function uncheckAll(w: Workbench): Promise<void> {
  await w.quickInput.fill('');
  const all = w.page.locator('.quick-input-widget .quick-input-header > .monaco-checkbox').first();
  const title = w.page.locator('.quick-input-widget .quick-input-title');
  for (let attempt = 0; attempt < 3 && /checked/.test(await title.textContent() ?? ''); attempt++) {
    await all.click();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Checks every model, then waits until the extension counted exactly them. The count comes back from the extension
 * host, which on a loaded machine can take seconds, so each round waits longer; a round that counted another number
 * (a click that landed while the list was rebuilt by the catalog refresh) starts again from nothing checked.
 */
async function checkAll(w: Workbench, models: readonly string[]): Promise<void> {
  const title = w.page.locator('.quick-input-widget .quick-input-title');
  const counted = title.filter({ hasText: new RegExp(`: ${models.length} checked$`) });
  for (const wait of [3000, 6000, 12_000]) {
    for (const model of models) await check(w, model);
    if (await counted.waitFor({ state: 'visible', timeout: wait }).then(() => true, () => false)) return;
    await uncheckAll(w);
  }
  const shown = await title.textContent().catch(() => null);
  throw new Error(`the compare quick pick did not count ${models.length} checked models; its title says "${shown ?? ''}"`);
}

function column(frame: Frame, index: number): Locator {
  return frame.locator(`section.column[data-column="${index}"]`);
}

/**
 * After Compare Models was run: waits for the multi-select of models, choosing "Choose models…" when the sets compared
 * before come first (after an earlier scenario). The row is matched with its case and ellipsis: the command palette,
 * still closing, lists "Switchboard: Choose Models for VS Code Chat".
 */
async function chooseOneByOne(w: Workbench): Promise<void> {
  const pickTitle = w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Compare Models (pick 2 to 6)' });
  const chooseRow = w.quickPickRow(/Choose models…/);
  const deadline = Date.now() + 30_000;
  while (!(await pickTitle.isVisible())) {
    if (Date.now() > deadline) throw new Error('the compare model picker did not open');
    if (await chooseRow.isVisible()) await chooseRow.click({ timeout: 2000 }).catch(() => undefined);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs Compare Models from the palette, checks `models` one by one and sends `prompt` from the input box. Returns once
 * the panel shows this comparison: its columns are `models`, in order (the panel may still show an earlier scenario's
 * comparison, whose columns are already done, until the new one's snapshot arrives).
 */
async function startComparison(w: Workbench, models: readonly string[], prompt: string, open = () => w.runCommand('Switchboard: Compare Models')): Promise<Frame> {
  await open();
  await chooseOneByOne(w);
  await checkAll(w, models);
  await w.quickInput.press('Enter');
  await w.page.locator('.quick-input-widget .quick-input-title', { hasText: `Compare ${models.length} models` }).waitFor({ state: 'visible', timeout: 20_000 });
  await w.quickInput.fill(prompt);
  await w.quickInput.press('Enter');
  const frame = await w.webviewFrameWith(`section.column[data-column="${models.length - 1}"]`);
  await frame.waitForFunction((expected) => JSON.stringify(Array.from(document.querySelectorAll('section.column .column-title')).map((title) => title.getAttribute('title'))) === expected,
    JSON.stringify(models), { timeout: 20_000 });
  return frame;
}

/** Waits until every column of `count` finished and the run was saved (Run all is enabled once it is). */
async function runSettled(frame: Frame, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    await frame.locator(`section.column[data-column="${index}"][data-status="done"]`).waitFor({ state: 'visible', timeout: 30_000 });
  }
  await frame.locator('[data-action="run"]:not([disabled])').waitFor({ state: 'attached', timeout: 20_000 });
}

describe('Compare Models in the workbench', () => {
  const workbench = useWorkbench({ viewport: { width: 1280, height: 800 } });

  it('streams three models side by side, shows the 429 in its own column while the others finish with costs, and picks a winner', async function () {
    // the 429 column is retried twice after its Retry-After of 12 s before it shows the error
    this.timeout(180_000);
    const w = workbench();
    const requestsBefore = rig().fixture.requests.length;
    await w.runCommand('Switchboard: Compare Models');

    await chooseOneByOne(w);
    await checkAll(w, MODELS);
    await w.quickInput.press('Enter');

    await w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Compare 3 models' }).waitFor({ state: 'visible', timeout: 20_000 });
    await w.quickInput.fill('Name two famous penguins.');
    // before sending, the input box says what every column together may cost
    const estimate = w.page.locator('.quick-input-widget .quick-input-message', { hasText: /3 models/ });
    await estimate.waitFor({ state: 'visible', timeout: 10_000 });
    const estimateText = (await estimate.innerText()).replace(/\s+/g, ' ');
    assert.match(estimateText, /Estimated cost for 3 models|total cost is unknown/);
    await w.quickInput.press('Enter');

    const frame = await w.webviewFrameWith('section.column[data-column="2"]');
    assert.equal(await frame.locator('section.column').count(), 3, 'one column per model');
    assert.deepEqual(await frame.locator('section.column .column-title').evaluateAll((titles) => titles.map((title) => title.getAttribute('title'))), MODELS);

    // the two recorded replies finish while the 429 column is still being retried
    await frame.locator('section.column[data-column="0"][data-status="done"]').waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('section.column[data-column="1"][data-status="done"]').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await column(frame, 0).locator('.column-body').innerText(), /Pebbles and Skipper/);
    assert.notEqual(await column(frame, 2).getAttribute('data-status'), 'done');
    await w.screenshot('compare-two-done-one-retrying');

    await frame.locator('section.column[data-column="2"][data-status="failed"]').waitFor({ state: 'visible', timeout: 60_000 });
    const failedText = (await column(frame, 2).innerText()).replace(/\s+/g, ' ');
    assert.match(failedText, /rate limited/i);
    for (const index of [0, 1]) {
      const meta = (await column(frame, index).locator('.meta-line').innerText()).replace(/\s+/g, ' ');
      assert.match(meta, /billed/, `column ${index} shows its billed cost: ${meta}`);
      assert.match(meta, /in \/ \d+ out tokens/);
      assert.doesNotMatch(meta, /cost unknown/);
    }

    const sent = rig().fixture.requests.slice(requestsBefore).filter((request) => request.url.startsWith('/replay/v1/chat/completions'));
    const asked = sent.map((request) => (request.json as { model?: string } | undefined)?.model);
    for (const model of MODELS) assert.ok(asked.includes(model.slice(model.indexOf(':') + 1)), `${model} was asked on its own: ${asked.join(', ')}`);
    assert.ok(sent.every((request) => !(request.json as { models?: unknown } | undefined)?.models), 'independent requests, not OpenRouter models[]');

    await column(frame, 1).locator('[data-action="column-winner"]').click();
    await frame.locator('section.column.column-winner[data-column="1"]').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await frame.locator('section.column.column-winner').count(), 1);

    await w.screenshot('compare-three-columns-winner');

    // Export: the save dialog offers a Markdown file named after the prompt in the workspace
    const exported = path.join(rig().codeServer.workspace, 'name-two-famous-penguins.md');
    fs.rmSync(exported, { force: true });
    await frame.locator('[data-action="export"]').click();
    await w.quickInput.waitFor({ state: 'visible', timeout: 20_000 });
    // the simple save dialog fills in the folder first, then the suggested file name
    const named = await w.page.waitForFunction(() => (document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null)?.value.endsWith('name-two-famous-penguins.md'), undefined, { timeout: 10_000 })
      .then(() => true, () => false);
    assert.ok(named, `the save dialog suggests the file named after the prompt: ${await w.quickInput.inputValue()}`);
    await w.quickInput.press('Enter');
    const exportDeadline = Date.now() + 20_000;
    // the file can exist before its content is written
    while (!(fs.existsSync(exported) && fs.statSync(exported).size > 0) && Date.now() < exportDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const markdown = fs.readFileSync(exported, 'utf8');
    assert.match(markdown, /\| # \| Model \| Served by \| Status \| Time to first token \| Total time \| Tokens\/s \| Tokens in \| Tokens out \| Cost \| Finish \|/);
    assert.match(markdown, /\| 2 ★ \| `replay:replay\/openrouter-claude-haiku-4\.5` \|/);
    assert.match(markdown, /failed \(rate-limited\)/);
    assert.match(markdown, /Pebbles and Skipper/);
    // the panel alone, for the README
    const panelFile = path.join(screenshotDir, 'compare-panel.png');
    await w.page.locator('.part.editor').screenshot({ path: panelFile });
    copyForReadme(panelFile, 'compare.png');
  });
});

describe('Compare Models layout in the workbench', () => {
  const workbench = useWorkbench({ viewport: { width: 1900, height: 1000 } });
  const SIX = [
    'replay:replay/openrouter-gpt-4o', 'replay:replay/openrouter-claude-haiku-4.5', 'replay:replay/openai-gpt-4o-mini',
    'replay:replay/ollama-qwen3', 'replay:replay/openrouter-claude-sonnet-4.5-reasoning', 'replay:replay/openai-gpt-4o-mini-code',
  ];

  async function boxes(frame: Frame, count: number): Promise<{ x: number; y: number; width: number; height: number }[]> {
    const result = [];
    for (let index = 0; index < count; index++) {
      // the webview can be hidden for a moment while the workbench lays itself out again after a resize
      const deadline = Date.now() + 20_000;
      let box = await column(frame, index).boundingBox();
      while (!box && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        box = await column(frame, index).boundingBox();
      }
      assert.ok(box, `column ${index} is not laid out`);
      result.push(box);
    }
    return result;
  }

  it('puts six columns side by side in a wide editor, stacks them in a narrow one, and runs again from the keyboard', async function () {
    this.timeout(180_000);
    const w = workbench();
    const frame = await startComparison(w, SIX, 'Name two famous penguins.');
    for (let index = 0; index < SIX.length; index++) {
      await frame.locator(`section.column[data-column="${index}"][data-status="done"]`).waitFor({ state: 'visible', timeout: 30_000 });
    }
    const wide = await boxes(frame, SIX.length);
    assert.ok(wide.every((box) => Math.abs(box.y - wide[0]!.y) < 2), `six columns in one row: ${wide.map((box) => Math.round(box.y)).join(', ')}`);
    assert.ok(wide.every((box, index) => index === 0 || box.x > wide[index - 1]!.x), 'left to right in model order');
    await w.screenshot('compare-six-wide');

    await w.page.setViewportSize({ width: 760, height: 1000 });
    // the container query re-lays the grid once the editor got narrower
    await frame.waitForFunction(() => {
      const [first, second] = [0, 1].map((index) => document.querySelector(`section.column[data-column="${index}"]`)?.getBoundingClientRect());
      return first !== undefined && second !== undefined && first.height > 0 && second.top >= first.bottom - 1;
    }, undefined, { timeout: 20_000 }).catch(() => undefined);
    const narrow = await boxes(frame, 2);
    assert.ok(narrow[1]!.y >= narrow[0]!.y + narrow[0]!.height - 1, 'in a narrow editor the columns stack');
    assert.ok(Math.abs(narrow[1]!.x - narrow[0]!.x) < 2, 'stacked columns share their left edge');
    await w.screenshot('compare-narrow-stacked');

    // keyboard: the panel's own prompt runs every model again with Enter, and Tab reaches Run all
    const requestsBefore = rig().fixture.requests.filter((request) => request.url.startsWith('/replay/v1/chat/completions')).length;
    const prompt = frame.getByRole('textbox', { name: 'Prompt for every model' });
    // the columns show done before the run is saved: Run all (a disabled button takes no focus) is enabled once it is
    await frame.locator('[data-action="run"]:not([disabled])').waitFor({ state: 'attached', timeout: 20_000 });
    await prompt.focus();
    await prompt.press('Control+A');
    await prompt.pressSequentially('Say hello');
    await prompt.press('Tab');
    assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-action')), 'run', 'Tab from the prompt reaches Run all');
    await prompt.focus();
    await prompt.press('Enter');
    const replayRequests = (): number => rig().fixture.requests.filter((request) => request.url.startsWith('/replay/v1/chat/completions')).length;
    const deadline = Date.now() + 30_000;
    while (replayRequests() - requestsBefore < SIX.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    for (let index = 0; index < SIX.length; index++) {
      await frame.locator(`section.column[data-column="${index}"][data-status="done"]`).waitFor({ state: 'visible', timeout: 30_000 });
    }
    const requestsAfter = rig().fixture.requests.filter((request) => request.url.startsWith('/replay/v1/chat/completions')).length;
    assert.equal(requestsAfter - requestsBefore, SIX.length, 'one request per column for the rerun');
  });
});

describe('Compare Models on the editor selection', () => {
  const workbench = useWorkbench({ viewport: { width: 1280, height: 800 } });

  it('sends the selected code as a fenced block with its path:line after the prompt to every model', async function () {
    this.timeout(120_000);
    const w = workbench();
    await w.runCommand('File: New Untitled Text File');
    // typed only once the new editor has the focus (under load it may not have it yet), then seen in the editor
    await w.page.locator('.editor-instance .monaco-editor.focused').waitFor({ state: 'visible', timeout: 20_000 });
    await w.page.keyboard.type('const answer = 42;');
    await w.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'const answer = 42;' }).waitFor({ state: 'visible', timeout: 20_000 });
    await w.page.keyboard.press('Control+A');
    const before = rig().fixture.requests.length;
    const models = ['replay:replay/openrouter-gpt-4o', 'replay:replay/openai-gpt-4o-mini'];
    const frame = await startComparison(w, models, 'Explain this', async () => {
      // Escape (which runCommand presses first) would clear the selection: open the palette directly
      await w.page.keyboard.press('F1');
      await w.quickInput.fill('>Switchboard: Compare Models');
      await w.quickPickRow('Compare Models').click();
    });
    await runSettled(frame, models.length);
    const sent = rig().fixture.requests.slice(before).filter((request) => request.url.startsWith('/replay/v1/chat/completions'));
    assert.equal(sent.length, models.length);
    for (const request of sent) {
      const messages = (request.json as { messages: { role: string; content: string }[] }).messages;
      const user = messages.filter((message) => message.role === 'user').map((message) => message.content).join('\n');
      assert.match(user, /^Explain this\n\n`Untitled-\d+:1`\n```\nconst answer = 42;\n```\n$/);
    }
  });
});

describe('A blind comparison and the model leaderboard in the workbench', () => {
  const workbench = useWorkbench({ viewport: { width: 1400, height: 860 } });
  const THREE = ['replay:replay/openrouter-gpt-4o', 'replay:replay/openrouter-claude-haiku-4.5', 'replay:replay/openai-gpt-4o-mini'];

  it('runs three models blind as A, B, C, reveals the names with the pick, and counts the blind win on the leaderboard', async function () {
    this.timeout(180_000);
    const w = workbench();
    const frame = await startComparison(w, THREE, 'Name two famous penguins.');
    await runSettled(frame, THREE.length);

    // Blind on, then the same prompt again from the panel: the columns are letters in a random order
    await frame.locator('[data-action="blind"]').click();
    await frame.locator('[data-action="blind"][aria-pressed="true"]').waitFor({ state: 'attached', timeout: 10_000 });
    // the columns show done before the run is saved: Run all is enabled again once it is
    await frame.locator('[data-action="run"]:not([disabled])').waitFor({ state: 'attached', timeout: 20_000 });
    const prompt = frame.getByRole('textbox', { name: 'Prompt for every model' });
    await prompt.focus();
    await prompt.press('Enter');
    for (let index = 0; index < THREE.length; index++) {
      await frame.locator(`section.column[data-column="${index}"][data-status="done"][data-hidden="true"]`).waitFor({ state: 'visible', timeout: 30_000 });
    }
    assert.deepEqual(await frame.locator('section.column .column-title').allInnerTexts(), ['Model A', 'Model B', 'Model C']);
    const hiddenText = await frame.locator('.columns').innerText();
    for (const model of THREE) assert.ok(!hiddenText.includes(model.slice(model.indexOf(':') + 1)), `${model} is named before the pick`);
    assert.doesNotMatch(hiddenText, /billed|est\.|cost unknown|Replay:/, 'no cost and no model name while blind');
    assert.equal(await frame.locator('section.column [data-action="column-continue"]').count(), 0, 'Continue in chat would name the model');
    await frame.locator('[data-action="reveal"]').waitFor({ state: 'visible', timeout: 5000 });
    await w.screenshot('arena-blind-hidden');

    // the pick reveals: letters stay, names, providers and costs appear, the winner is marked
    await column(frame, 1).locator('[data-action="column-winner"]').click();
    await frame.locator('section.column.column-winner[data-column="1"]:not([data-hidden])').waitFor({ state: 'visible', timeout: 10_000 });
    const titles = await frame.locator('section.column .column-title').allInnerTexts();
    assert.ok(titles.every((title, index) => title.startsWith(`${'ABC'[index]} · `)), `revealed titles keep their letters: ${titles.join(' | ')}`);
    const winner = await column(frame, 1).locator('.column-title').getAttribute('title');
    assert.ok(winner && THREE.includes(winner), `the winner is one of the three models: ${winner}`);
    assert.match(await frame.locator('.columns').innerText(), /billed|est\./, 'costs are shown after the pick');
    assert.ok(await frame.locator('.highlight-badge').count() > 0, 'the run shows its highlights');
    // Blind is remembered for the next runs: turned off again, so later scenarios in this profile compare sighted
    await frame.locator('[data-action="blind"]').click();
    await frame.locator('[data-action="blind"][aria-pressed="false"]').waitFor({ state: 'attached', timeout: 10_000 });
    const panelFile = path.join(screenshotDir, 'arena-blind-revealed.png');
    // no hover highlight or tooltip in the README image
    await w.page.mouse.move(700, 760);
    await w.page.locator('.part.editor').screenshot({ path: panelFile });

    // the leaderboard counts the blind win of the model that was behind B
    await w.runCommand('Switchboard: Show Model Leaderboard');
    const board = await w.webviewFrameWith('.leaderboard-table');
    const row = board.locator(`.leaderboard-table tbody tr[data-model="${winner}"]`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    const cells = await row.locator('td').allInnerTexts();
    const [wins, runs] = cells[1]!.split('/').map((value) => Number(value.trim()));
    assert.ok(wins! >= 1 && runs! >= wins!, `blind wins / runs of ${winner}: ${cells[1]}`);
    assert.match(cells[2]!, /^\d+% \(\d+–\d+%\)$/, 'a win rate with its 95% interval');
    assert.match(await board.locator('.leaderboard-summary').innerText(), /decided blind/);
    const boardFile = path.join(screenshotDir, 'leaderboard.png');
    await w.page.mouse.move(700, 760);
    await w.page.waitForTimeout(300);
    await w.page.locator('.part.editor').screenshot({ path: boardFile });
    copyForReadme(panelFile, 'compare-blind.png');
    copyForReadme(boardFile, 'leaderboard.png');
  });
});

describe('Compare follow-ups in the workbench', () => {
  const workbench = useWorkbench({ viewport: { width: 1280, height: 860 } });
  const TWO = ['replay:replay/openrouter-gpt-4o', 'replay:replay/openrouter-claude-haiku-4.5'];

  it('asks one column a follow-up from its own input and shows the reply in that column only, sent with that column\'s history', async function () {
    this.timeout(120_000);
    const w = workbench();
    const frame = await startComparison(w, TWO, 'Name two famous penguins.');
    await runSettled(frame, TWO.length);
    const words = (text: string): string => text.replace(/\s+/g, ' ').trim();
    const firstReply = words(await column(frame, 1).locator('.column-body').innerText());
    const before = rig().fixture.requests.length;

    const input = column(frame, 1).getByRole('textbox', { name: /^Follow-up to / });
    await input.click();
    await input.pressSequentially('Which of the two is older?');
    await input.press('Enter');
    const reply = column(frame, 1).locator('.follow-up-reply[data-status="done"]');
    await reply.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await column(frame, 1).locator('.follow-up-question .follow-up-text').innerText()).trim(), 'Which of the two is older?');
    assert.ok((await reply.locator('.follow-up-body').innerText()).trim().length > 0, 'the reply is shown under the question');
    assert.match(await reply.locator('.meta-line').innerText(), /billed|est\./, 'the follow-up\'s meta line has its cost');
    assert.equal(await column(frame, 0).locator('.follow-up-reply, .follow-up-question').count(), 0, 'the other column is untouched');
    assert.equal(await input.inputValue(), '', 'the input is empty once its question is in the thread');
    await w.screenshot('compare-follow-up');

    const sent = rig().fixture.requests.slice(before).filter((request) => request.url.startsWith('/replay/v1/chat/completions'));
    assert.equal(sent.length, 1, 'one request, for that column only');
    const body = sent[0]!.json as { model: string; messages: { role: string; content: string }[] };
    assert.equal(body.model, 'replay/openrouter-claude-haiku-4.5');
    assert.deepEqual(body.messages.filter((message) => message.role !== 'system').map((message) => [message.role, words(message.content)]),
      [['user', 'Name two famous penguins.'], ['assistant', firstReply], ['user', 'Which of the two is older?']]);
  });
});
