/**
 * Keyboard and screen-reader checks over a served webview, on Chromium's own accessibility tree (names computed by
 * the browser, shadow roots of the vscode-elements components included) and real key presses.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { WebviewPage, WebviewToHost } from './webviewPage';

/** Roles a person acts on: each must carry a name a screen reader can read out. */
const CONTROL_ROLES = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'switch', 'tab',
  'menuitem', 'spinbutton', 'slider', 'listbox', 'option', 'treeitem', 'Date', 'InputTime']);

/** What we tag and look for in the light DOM: every element a person can act on. */
const CONTROL_SELECTOR = [
  'button', 'a[href]', 'input', 'select', 'textarea', '[tabindex]:not([tabindex="-1"])',
  'vscode-button', 'vscode-single-select', 'vscode-multi-select', 'vscode-textfield', 'vscode-textarea', 'vscode-checkbox', 'vscode-collapsible', 'vscode-tab-header',
].join(', ');

/** Controls in the accessibility tree without an accessible name, as "role <tag attributes>". */
export async function unnamedControls(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = await session.send('Accessibility.getFullAXTree');
    const unnamed: string[] = [];
    for (const node of nodes) {
      const role = String(node.role?.value ?? '');
      if (node.ignored || !CONTROL_ROLES.has(role)) continue;
      if (String(node.name?.value ?? '').trim() !== '') continue;
      let where = '(no DOM node)';
      if (node.backendDOMNodeId !== undefined) {
        const { node: dom } = await session.send('DOM.describeNode', { backendNodeId: node.backendDOMNodeId });
        const attributes = dom.attributes ?? [];
        const pairs: string[] = [];
        for (let index = 0; index < attributes.length; index += 2) pairs.push(`${attributes[index]}="${attributes[index + 1]}"`);
        where = `<${dom.localName} ${pairs.join(' ')}>`;
      }
      unnamed.push(`${role} ${where}`);
    }
    return unnamed;
  } finally {
    await session.detach();
  }
}

/** Every control in the accessibility tree (in tree order) as "role: name". */
export async function controlNames(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = await session.send('Accessibility.getFullAXTree');
    return nodes.filter((node) => !node.ignored && CONTROL_ROLES.has(String(node.role?.value ?? '')))
      .map((node) => `${String(node.role?.value)}: ${String(node.name?.value ?? '').trim()}`);
  } finally {
    await session.detach();
  }
}

/**
 * Controls named the same on the English and the Italian page, "role: name" (what is left is data: a link's text,
 * a model's name). `open` opens the view in a language and shows it the same state.
 */
export async function sameNamesInItalian(open: (language?: string) => Promise<WebviewPage>): Promise<string[]> {
  const english = await controlNames((await open()).page);
  const italian = await controlNames((await open('it')).page);
  assert.equal(italian.length, english.length, `the same controls in both languages:\n${english.join('\n')}\n---\n${italian.join('\n')}`);
  return italian.filter((name, index) => name === english[index]);
}

/** Controls laid out on the page but invisible (opacity 0, visibility hidden) while the mouse is elsewhere. */
export async function invisibleAtRest(page: Page): Promise<string[]> {
  return page.evaluate((selector) => Array.from(document.querySelectorAll<HTMLElement>(selector))
    .filter((control) => control.checkVisibility() && !control.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
    .map((control) => control.outerHTML.slice(0, 120)), CONTROL_SELECTOR);
}

/**
 * Tags every visible, enabled control of the light DOM with `data-a11y` (a running number) and returns how each is
 * described, by tag: "<tag data-action=...>".
 */
async function tagControls(page: Page): Promise<Record<string, string>> {
  return page.evaluate((selector) => {
    const described: Record<string, string> = {};
    let next = 0;
    for (const control of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const disabled = (control as HTMLElement & { disabled?: boolean }).disabled === true || control.hasAttribute('disabled')
        || control.closest('[inert], [aria-hidden="true"]') !== null;
      if (disabled || !control.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const id = control.dataset.a11y ?? String(next++);
      control.dataset.a11y = id;
      const attributes = ['data-action', 'data-code-action', 'data-conversation', 'data-range', 'data-stack', 'data-export', 'data-cap', 'class', 'aria-label']
        .filter((name) => control.hasAttribute(name)).map((name) => `${name}="${control.getAttribute(name)}"`);
      described[id] = `<${control.localName} ${attributes.join(' ')}>`;
    }
    return described;
  }, CONTROL_SELECTOR);
}

/** Where the focus is: the tagged control holding it (itself, or the component whose shadow root holds it), the deepest focused element, and the light-DOM one. */
async function focusChain(page: Page): Promise<{ id: string | undefined; where: string; light: string }> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    const chain: Element[] = [];
    while (active) {
      chain.push(active);
      active = active.shadowRoot?.activeElement ?? null;
    }
    const tagged = [...chain].reverse().find((node) => node instanceof HTMLElement && node.dataset.a11y !== undefined) as HTMLElement | undefined;
    const deepest = chain.at(-1);
    const light = chain[0];
    const action = light?.getAttribute('data-action');
    const className = light?.getAttribute('class');
    return {
      id: tagged?.dataset.a11y,
      where: deepest ? `<${deepest.localName} class="${deepest.getAttribute('class') ?? ''}">` : 'nothing',
      light: !light || light === document.body ? 'body' : `<${light.localName}${action ? ` data-action="${action}"` : ''}${className ? ` class="${className}"` : ''}>`,
    };
  });
}

/** Moves the focus back to the page itself, so the next Tab starts from the top. */
async function focusBody(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  });
  await page.mouse.click(1, 1);
}

export interface TabStop {
  /** the control, described by tag and identifying attributes */
  control: string;
  /** its role and name in the accessibility tree, "role: name" */
  announced: string;
  role: string;
  name: string;
  /** the focused element could be seen (not opacity 0, not visibility hidden, not display none) */
  visible: boolean;
}

export interface TabWalk {
  /** controls Tab never reached, described */
  unreached: string[];
  /** where Tab stopped, in order */
  stops: TabStop[];
  /** true when the walk came back to where it started (no focus trap) */
  wrapped: boolean;
}

const DEEP_ACTIVE = '(() => { let active = document.activeElement; while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement; return active; })()';

/** Presses Tab from the top of the page until the focus comes round again, noting what a screen reader hears at each stop. */
export async function tabThrough(page: Page): Promise<TabWalk> {
  const controls = await tagControls(page);
  await focusBody(page);
  const session = await page.context().newCDPSession(page);
  const reached = new Set<string>();
  const stops: TabStop[] = [];
  let first: string | undefined;
  let wrapped = false;
  try {
    const limit = Object.keys(controls).length * 2 + 10;
    for (let press = 0; press < limit; press++) {
      await page.keyboard.press('Tab');
      const { id, where } = await focusChain(page);
      const key = id ?? where;
      if (first !== undefined && key === first) {
        wrapped = true;
        break;
      }
      if (where === 'nothing' || where.startsWith('<body')) continue;
      first ??= key;
      if (id !== undefined) reached.add(id);
      const { result } = await session.send('Runtime.evaluate', { expression: DEEP_ACTIVE });
      const { nodes } = await session.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
      const role = String(nodes[0]?.role?.value ?? '');
      const name = String(nodes[0]?.name?.value ?? '').trim();
      const { result: shown } = await session.send('Runtime.evaluate', { expression: `${DEEP_ACTIVE}.checkVisibility({ visibilityProperty: true, opacityProperty: true })`, returnByValue: true });
      stops.push({ control: id !== undefined ? controls[id] ?? key : key, announced: `${role}: ${name}`, role, name, visible: shown.value === true });
    }
  } finally {
    await session.detach();
  }
  return { unreached: Object.entries(controls).filter(([id]) => !reached.has(id)).map(([, description]) => description), stops, wrapped };
}

/** Roles a Tab stop may have besides controls: a labelled container that scrolls (the chat's message log). */
const CONTAINER_ROLES = new Set(['log', 'region', 'group']);

/** Tab stops a screen reader would announce without a control role or without a name. */
function badStops(walk: TabWalk): string[] {
  return walk.stops.filter((stop) => !(CONTROL_ROLES.has(stop.role) || CONTAINER_ROLES.has(stop.role)) || stop.name === '')
    .map((stop) => `${stop.control} announced as "${stop.announced}"`);
}

/**
 * Asserts the page is whole for a keyboard and a screen reader: every control is named, Tab reaches each one (each
 * stop announced with a control role and a name, and visible) and comes round again (no focus trap).
 */
export async function assertNamedAndReachable(page: Page, where = ''): Promise<TabWalk> {
  const suffix = where ? ` (${where})` : '';
  assert.deepEqual(await unnamedControls(page), [], `controls without a name${suffix}`);
  const walk = await tabThrough(page);
  assert.deepEqual(walk.unreached, [], `controls Tab never reached${suffix}`);
  assert.deepEqual(badStops(walk), [], `Tab stops without a control role or a name${suffix}`);
  assert.ok(walk.wrapped, `Tab comes back to the first control (no focus trap)${suffix}; it went ${walk.stops.map((stop) => stop.announced).join(' → ')}`);
  assert.deepEqual(walk.stops.filter((stop) => !stop.visible).map((stop) => stop.control), [], `controls invisible while focused${suffix}`);
  return walk;
}

/** Presses Tab from the top of the page until the focus is on (or inside) the first element matching `selector`. */
export async function tabTo(page: Page, selector: string): Promise<void> {
  const found = await page.evaluate((wanted) => {
    for (const node of Array.from(document.querySelectorAll('[data-a11y-target]'))) node.removeAttribute('data-a11y-target');
    const target = document.querySelector(wanted);
    target?.setAttribute('data-a11y-target', '');
    return target !== null;
  }, selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  await focusBody(page);
  const limit = (await page.evaluate((all) => document.querySelectorAll(all).length, CONTROL_SELECTOR)) * 2 + 10;
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press('Tab');
    const there = await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active) {
        if (active.hasAttribute('data-a11y-target')) return true;
        active = active.shadowRoot?.activeElement ?? null;
      }
      return false;
    });
    if (there) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** `requestId` values differ between two sends by design: compare the rest. */
function withoutRequestIds(messages: WebviewToHost[]): unknown[] {
  return messages.map((message) => ('requestId' in message ? { ...message, requestId: '<id>' } : message));
}

/** What the page posted while `act` ran (after the page settled), with request ids blanked. */
export async function postedBy(view: WebviewPage, act: () => Promise<void>): Promise<unknown[]> {
  await view.clearPosted();
  await act();
  await view.settle();
  const posted = (await view.posted()).filter((message) => message.type !== 'chat/estimate' && message.type !== 'compare/estimate');
  return withoutRequestIds(posted);
}

/**
 * Asserts that pressing `key` on the control `selector`, reached with Tab from the top of the page, posts what a click
 * on it posts (and that a click posts something); `reset` puts the view back between the two. Returns what was posted.
 */
export async function keyDoesWhatClickDoes(view: WebviewPage, selector: string, key: 'Enter' | ' ', reset?: () => Promise<void>): Promise<unknown[]> {
  const byClick = await postedBy(view, () => view.page.click(selector));
  assert.notEqual(byClick.length, 0, `a click on ${selector} posts something`);
  await reset?.();
  const byKey = await postedBy(view, async () => {
    await tabTo(view.page, selector);
    await view.page.keyboard.press(key);
  });
  assert.deepEqual(byKey, byClick, `${key === ' ' ? 'Space' : key} on ${selector} posts what a click posts`);
  return byKey;
}

/** Where the focus is, described as "<tag data-action=... class=...>" (the light-DOM element holding it). */
export async function focused(page: Page): Promise<string> {
  return (await focusChain(page)).light;
}

/**
 * Stylesheet rules that show or reveal something on :hover only: a rule whose selector has :hover and that sets
 * opacity, visibility or display, with no rule for the same selector with :focus-within (or :focus-visible).
 */
export async function hoverOnlyRules(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rules: CSSStyleRule[] = [];
    const pending: CSSRule[] = [...Array.from(document.styleSheets), ...document.adoptedStyleSheets].flatMap((sheet) => Array.from(sheet.cssRules));
    while (pending.length > 0) {
      const rule = pending.pop()!;
      if (rule instanceof CSSStyleRule) rules.push(rule);
      else if ('cssRules' in rule) pending.push(...Array.from((rule as CSSGroupingRule).cssRules));
    }
    const selectors = new Set(rules.flatMap((rule) => rule.selectorText.split(',').map((part) => part.trim())));
    return rules.filter((rule) => rule.selectorText.includes(':hover')
      && ['opacity', 'visibility', 'display', 'pointer-events'].some((property) => rule.style.getPropertyValue(property) !== ''))
      .flatMap((rule) => rule.selectorText.split(',').map((part) => part.trim()).filter((part) => part.includes(':hover'))
        .filter((part) => !selectors.has(part.replace(':hover', ':focus-within')) && !selectors.has(part.replace(':hover', ':focus-visible')))
        .map((part) => `${part} { ${rule.style.cssText} }`));
  });
}
