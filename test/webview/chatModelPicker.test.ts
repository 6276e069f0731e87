// The chat header's model picker in real Chromium: every catalog model, names that stay distinguishable in a narrow
// sidebar, filtering and picking from the keyboard, and the chosen model still shown after the host reorders the list.
import assert from 'node:assert/strict';
import type { ModelOption } from '../../src/shared/viewModels';
import type { WebviewPage, WebviewToHost } from './support/webviewPage';
import { ofType, useWebviewRig } from './support/webviewSuite';
import { catalogModelOptions } from './support/catalogModels';
import { chatState, MODELS } from './support/viewStates';

describe('chat model picker (real Chromium)', function () {
  let view: WebviewPage;

  const views = useWebviewRig();
  beforeEach(async function () {
    // a narrow sidebar
    view = await views.open('chat', { width: 300, height: 700 });
  });

  const picker = 'vscode-single-select.model-picker';
  const pickerValue = () => view.page.evaluate((selector) => (document.querySelector(selector) as HTMLElement & { value: string }).value, picker);
  const pickerText = () => view.page.locator(`${picker} input.combobox-input`).inputValue();
  const isModelSelect = ofType('model/select');
  const selectedModel = async () => ((await view.waitForPosted(isModelSelect)) as Extract<WebviewToHost, { type: 'model/select' }>).model;

  it('still shows the chosen model when the host moves it to the top of the list (Pick as winner)', async function () {
    await view.send({ type: 'state/snapshot', state: chatState() });
    assert.equal(await pickerValue(), MODELS[0]!.id);
    // the host lists the current model first: picking GPT-4o mini as the winner reorders the list in the same snapshot
    await view.send({ type: 'state/snapshot', state: chatState({ model: MODELS[1], models: [MODELS[1]!, MODELS[0]!, MODELS[2]!, MODELS[3]!] }) });
    await view.settle();
    assert.equal(await pickerValue(), MODELS[1]!.id);
    assert.match(await pickerText(), /^GPT-4o mini · OpenRouter/);
    // and a model the list did not hold yet
    const extra: ModelOption = { ...MODELS[1]!, id: 'openrouter:openai/o3', name: 'OpenAI: o3' };
    await view.send({ type: 'state/snapshot', state: chatState({ model: extra, models: [extra, ...MODELS] }) });
    await view.settle();
    assert.equal(await pickerValue(), extra.id);
    assert.match(await pickerText(), /^o3 · OpenAI via OpenRouter/);
    assert.deepEqual((await view.posted()).filter(isModelSelect), [], 'showing the host\'s model posts nothing');
  });

  it('lists every catalog model with the distinguishing part of its name first, and the full name, id and price on hover', async function () {
    const models = catalogModelOptions();
    assert.equal(models.length, 321);
    const haiku = models.find((model) => model.id === 'openrouter:anthropic/claude-3-haiku')!;
    await view.send({ type: 'state/snapshot', state: chatState({ model: haiku, models: [haiku, ...models.filter((model) => model !== haiku)] }) });
    await view.settle();
    const labels = await view.page.locator(`${picker} vscode-option`).allInnerTexts();
    assert.equal(labels.length, 321, 'no model is cut from the picker');
    assert.equal(labels[0], 'Claude 3 Haiku · Anthropic via OpenRouter');
    const claude = labels.filter((label) => label.includes('Claude'));
    assert.ok(claude.length > 10 && claude.every((label) => label.startsWith('Claude')), claude.join('\n'));
    // what a narrow input shows: the first ~20 characters tell the Anthropic models apart
    assert.equal(new Set(claude.map((label) => label.slice(0, 20))).size > claude.length / 2, true);
    assert.equal(labels.filter((label) => label.endsWith('(free) (free)')).length, 0, 'a free model says so once');
    const title = await view.page.getAttribute(picker, 'title');
    assert.equal(title, 'Claude 3 Haiku · Anthropic via OpenRouter\nAnthropic: Claude 3 Haiku · openrouter:anthropic/claude-3-haiku · $0.25 / $1.25 per million tokens in / out');
  });

  it('filters all models by any part of the label and picks from the keyboard', async function () {
    const models = catalogModelOptions();
    await view.send({ type: 'state/snapshot', state: chatState({ model: models[0], models }) });
    await view.settle();
    const input = view.page.locator(`${picker} input.combobox-input`);
    await input.focus();
    await view.page.keyboard.type('3.7 sonnet');
    const shown = view.page.locator(`${picker} li.option`);
    await view.page.waitForFunction((selector) => (document.querySelector(selector)?.shadowRoot?.querySelectorAll('li.option').length ?? 0) <= 3, picker);
    // the highlight keeps spaces next to the match as no-break spaces
    const texts = (await shown.allInnerTexts()).map((text) => text.replace(/\u00a0/g, ' '));
    assert.ok(texts.length >= 1 && texts.every((text) => text.startsWith('Claude 3.7 Sonnet')), JSON.stringify(texts));
    await view.page.keyboard.press('ArrowDown');
    await view.page.keyboard.press('Enter');
    assert.match(await selectedModel(), /^openrouter:anthropic\/claude-3\.7-sonnet/);
    // a model from the end of the catalog (past the 200 the picker used to hold), found by its vendor
    await view.clearPosted();
    await view.page.keyboard.press('Control+a');
    await view.page.keyboard.type('grok 3 mini');
    await view.page.waitForFunction((selector) => (document.querySelector(selector)?.shadowRoot?.querySelectorAll('li.option').length ?? 0) > 0, picker);
    await view.page.keyboard.press('ArrowDown');
    await view.page.keyboard.press('Enter');
    assert.equal(await selectedModel(), 'openrouter:x-ai/grok-3-mini-beta');
  });
});
