// In-host: the manifest's %keys% resolve through package.nls.json in the real host, the walkthrough is contributed
// with its five steps, and `Switchboard: Open Walkthrough` runs. (The host runs in English: code-server cannot switch
// the extension host to Italian offline, since that needs a VS Code language pack; the Italian bundle is checked in
// test/unit/l10n.test.ts and rendered in test/webview/l10n.test.ts.)
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    walkthroughs: Array<{ id: string; title: string; steps: Array<{ id: string; title: string; media: { markdown: string } }> }>;
    configuration: { properties: Record<string, { markdownDescription?: string }> };
  };
}

describe('extension host: localisation and walkthrough', () => {
  const manifest = (): Manifest => vscode.extensions.getExtension('switchboard-dev.switchboard')!.packageJSON as Manifest;

  it('shows English manifest strings from package.nls.json, never a %key%', () => {
    const { commands, walkthroughs, configuration } = manifest().contributes;
    const openWalkthrough = commands.find((command) => command.command === 'switchboard.openWalkthrough');
    assert.deepEqual({ title: openWalkthrough?.title, category: openWalkthrough?.category }, { title: 'Open Walkthrough', category: 'Switchboard' });
    assert.equal(configuration.properties['switchboard.budget.dailyUsd']?.markdownDescription?.startsWith('Daily spending cap in US dollars'), true);
    const texts = [...commands.map((command) => command.title), walkthroughs[0]!.title, ...walkthroughs[0]!.steps.map((step) => step.title)];
    assert.deepEqual(texts.filter((text) => /^%.*%$/.test(text)), []);
  });

  it('contributes the Getting Started walkthrough with its five steps and English pages', () => {
    const [walkthrough] = manifest().contributes.walkthroughs;
    assert.equal(walkthrough?.id, 'gettingStarted');
    assert.equal(walkthrough?.title, 'Get started with Switchboard');
    assert.deepEqual(walkthrough?.steps.map((step) => step.id), ['provider', 'model', 'selection', 'compare', 'budget']);
    assert.deepEqual(walkthrough?.steps.map((step) => step.media.markdown), walkthrough?.steps.map((step) => `media/walkthrough/${step.id}.md`));
  });

  it('opens the walkthrough with Switchboard: Open Walkthrough', async () => {
    await vscode.extensions.getExtension('switchboard-dev.switchboard')!.activate();
    await vscode.commands.executeCommand('switchboard.openWalkthrough');
  });
});
