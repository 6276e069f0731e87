// The spend dashboard as a person reaches it in code-server: a chat reply from the keyless replay endpoint of the
// fixture server (its recorded OpenRouter stream reports what was billed), then `Switchboard: Show Usage` from the
// palette, whose daily cap gauge and totals show the day's spend. The screenshot goes to artifacts/screenshots/;
// SWITCHBOARD_README_SCREENSHOTS=1 also copies it to media/screenshots/usage.png for the README.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { copyForReadme, screenshotDir, useWorkbench } from './support/workbench';

const MODEL = 'replay:replay/openrouter-gpt-4o';

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('Show Usage in the workbench', () => {
  // a daily cap, so the dashboard's "Today" gauge shows the day's spend against it
  const workbench = useWorkbench({ viewport: { width: 1700, height: 1000 }, settings: { 'switchboard.budget.dailyUsd': 5 } });

  it('after a chat reply, Show Usage from the palette opens the dashboard with the day\'s spend', async function () {
    this.timeout(180_000);
    const w = workbench();

    await w.runCommand('Switchboard: Select Model');
    await w.quickInput.waitFor({ state: 'visible', timeout: 20_000 });
    await w.quickInput.fill(MODEL);
    const row = w.page.locator('.quick-input-widget .monaco-list-row')
      .filter({ has: w.page.locator('.label-description', { hasText: MODEL }) }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    await w.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });

    await w.openSwitchboard();
    const input = w.chatFrame().getByRole('textbox', { name: 'Message' });
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('Name two famous penguins.');
    await input.press('Enter');
    const cost = w.chatFrame().locator('.message-list > article.message-assistant:last-of-type[data-status="done"] .meta-cost');
    await cost.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(oneLine(await cost.innerText()), /billed$/);

    await w.runCommand('Switchboard: Show Usage');
    const frame = await w.webviewFrameWith('.gauge[data-cap="dailyUsd"]');
    const today = frame.locator('.gauge[data-cap="dailyUsd"] .gauge-status');
    // the ledger is shared by the run: earlier scenarios' spend may be counted too, but never $0 after this reply
    await frame.waitForFunction(() => /^\$[\d.,<]+ of \$5\.00/.test(document.querySelector('.gauge[data-cap="dailyUsd"] .gauge-status')?.textContent?.trim() ?? ''), undefined, { timeout: 20_000 });
    const status = oneLine(await today.innerText());
    assert.doesNotMatch(status, /^\$0\.00 of/, `the day's spend counts the reply: ${status}`);
    const known = oneLine(await frame.locator('.totals .total[data-kind="known"] .total-value').innerText());
    assert.notEqual(known, '$0.00', 'the totals count it');
    const requests = Number(oneLine(await frame.locator('.totals .total[data-kind="requests"] .total-value').innerText()));
    assert.ok(requests >= 1, `requests counted: ${requests}`);

    // let the chart draw before the picture is taken
    await frame.locator('canvas').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    fs.mkdirSync(screenshotDir, { recursive: true });
    const panelFile = path.join(screenshotDir, 'usage-panel.png');
    await w.page.locator('.part.editor').screenshot({ path: panelFile });
    copyForReadme(panelFile, 'usage.png');
  });
});
