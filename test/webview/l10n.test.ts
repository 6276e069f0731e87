// The webviews in Italian: the page gets the Italian bundle in <body data-l10n> the way the host passes
// vscode.l10n.bundle (code-server cannot switch its extension host to Italian offline: that needs a VS Code
// language pack, so this is the seam the Italian pages are tested at).
import assert from 'node:assert/strict';
import type { WebviewPage } from './support/webviewPage';
import { useWebviewRig } from './support/webviewSuite';
import { buildUsageViewModel } from '../../src/shared/usage/viewModel';
import { assistantMessage, chatState, column, compareState, meta, userMessage } from './support/viewStates';

describe('webviews in Italian (real Chromium)', function () {
  let view: WebviewPage | undefined;

  const views = useWebviewRig();

  it('shows the chat, its reply details, code buttons and getting-started panel in Italian', async function () {
    view = await views.open('chat', undefined, 'it');
    await view.send({ type: 'state/snapshot', state: chatState({
      needsSetup: true,
      localServerDetected: 'Ollama',
      messages: [
        userMessage('u1', 'Reverse a list'),
        assistantMessage('a1', '```python\nitems.reverse()\n```', { meta: meta({ upstreamProvider: 'Azure' }) }),
      ],
    }) });
    assert.equal(await view.page.getAttribute('.composer-input', 'placeholder'), 'Chiedi qualsiasi cosa (Invio per inviare, Maiusc+Invio per andare a capo)');
    assert.equal(await view.text('vscode-button[data-action="send"]'), 'Invia');
    assert.equal(await view.text('.setup-panel h2'), 'Per iniziare');
    assert.match(await view.text('.setup-panel'), /Ollama ha risposto su questo computer; scegli uno dei suoi modelli qui sopra\./);
    assert.equal(await view.text('.meta-provider'), 'tramite Azure');
    assert.match(await view.text('.meta-cost'), /^\$[\d.]+ fatturati$/);
    assert.match(await view.text('.meta-tokens .meta-short'), /^.+→.+ token$/);
    assert.match(await view.text('.meta-tokens .meta-long'), /^token: .+ in ingresso \/ .+ in uscita$/);
    assert.equal(await view.page.getAttribute('.code-action[data-code-action="copy"]', 'aria-label'), 'Copia il codice');
    assert.equal(await view.text('.message-user .message-role span'), 'Tu');
  });

  it('shows the compare panel in Italian, with the model names in the placeholders', async function () {
    view = await views.open('compare', { width: 1400, height: 800 }, 'it');
    await view.send({ type: 'compare/snapshot', state: compareState() });
    assert.equal(await view.text('.compare-header h1'), 'Confronta modelli');
    assert.equal(await view.text('vscode-button[data-action="run"]'), 'Esegui su tutti');
    const name = (await view.text('.column[data-column="0"] .column-title'));
    assert.equal(await view.page.getAttribute('.column[data-column="0"] [data-action="column-winner"]', 'aria-label'), `Scegli ${name} come vincitore`);
  });

  it('shows the usage view and the leaderboard in Italian', async function () {
    view = await views.open('usage', { width: 1200, height: 900 }, 'it');
    await view.send({ type: 'usage/snapshot', state: buildUsageViewModel({
      today: '2026-01-28', days: [], range: 7, stackBy: 'model', caps: { dailyUsd: 5 }, workspace: 'switchboard', budgetTodayMicroUsd: 1_000_000,
      budgetMonthMicroUsd: 1_000_000, conversationTitles: {}, problems: [],
    }) });
    assert.equal(await view.text('h1'), 'Utilizzo di Switchboard');
    assert.equal(await view.text('[data-range="7"]'), '7 giorni');
    assert.equal(await view.text('.gauge[data-cap="dailyUsd"] .gauge-label'), 'Oggi');
    assert.equal(await view.text('.gauge[data-cap="dailyUsd"] .gauge-status'), '$1.00 di $5.00 (20%)');
    assert.equal(await view.text('.gauge[data-cap="workspaceMonthlyUsd"] .gauge-label'), 'Questo mese in switchboard');
    assert.equal(await view.text('.breakdown caption'), 'Per modello');

    view = await views.open('leaderboard', { width: 1200, height: 700 }, 'it');
    await view.send({ type: 'leaderboard/snapshot', state: { period: 'all', tags: [], runs: 3, blindDecidedRuns: 2, rows: [] } });
    assert.equal(await view.text('h1'), 'Classifica dei modelli');
    assert.equal(await view.text('.leaderboard-summary'), '3 confronti, 2 decisi alla cieca');
    assert.equal(await view.page.locator('.period-filter option:checked').innerText(), 'Sempre');
  });

  it('keeps English when the page has no bundle', async function () {
    view = await views.open('compare', { width: 1400, height: 800 });
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: [column(0), column(1)] }) });
    assert.equal(await view.text('.compare-header h1'), 'Compare models');
    assert.equal(await view.text('vscode-button[data-action="run"]'), 'Run all');
  });
});
