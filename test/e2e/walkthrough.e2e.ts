// The Getting Started walkthrough as a newcomer meets it: offered once on first activation, opened with
// `Switchboard: Open Walkthrough`, its five steps listed, and a step's button running our command.
import assert from 'node:assert/strict';
import { useWorkbench } from './support/workbench';

describe('Getting Started walkthrough in the workbench', () => {
  const workbench = useWorkbench();

  it('is offered on first activation, opens from the command and runs a step\'s command', async function () {
    this.timeout(120_000);
    const w = workbench();
    assert.match(await w.readNotification(/short walkthrough/), /connect a provider, pick a model, compare models and cap what you spend/);

    await w.runCommand('Switchboard: Open Walkthrough');
    const page = w.page.locator('.gettingStartedContainer', { hasText: 'Get started with Switchboard' });
    await page.waitFor({ state: 'visible', timeout: 30_000 });
    for (const step of ['Pick a provider or sign in', 'Pick a model', 'Send a selection', 'Compare models', 'Set a budget cap']) {
      await page.locator('.getting-started-step', { hasText: step }).first().waitFor({ state: 'visible', timeout: 10_000 });
    }

    // the first step is expanded: its button runs Switchboard: Set API Key
    await page.locator('.getting-started-step', { hasText: 'Pick a provider or sign in' }).first().click();
    await page.getByRole('button', { name: 'Set API Key' }).first().click();
    await w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Switchboard: Set API Key' }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.ok((await w.quickPickItems()).some((row) => /OpenRouter/.test(row)));
    await w.page.keyboard.press('Escape');
  });
});
