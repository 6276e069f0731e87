/** Small DOM helpers: elements are built with textContent and properties, never from untrusted HTML strings. */

type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | undefined | false;

/** Creates `<tag>` with attributes (false/undefined skipped, true = empty) and children (strings become text). */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes, ...children: Child[]): HTMLElementTagNameMap[K];
export function element(tag: string, attributes?: Attributes, ...children: Child[]): HTMLElement;
export function element(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/** A native button with a codicon and an accessible label (icon-only buttons still get a name). */
export function iconButton(icon: string, label: string, onClick: () => void, text?: string, attributes: Attributes = {}): HTMLButtonElement {
  const button = element('button', { type: 'button', class: `icon-button${text ? ' with-text' : ''}`, 'aria-label': label, title: label, ...attributes },
    element('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }),
    text ? element('span', { class: 'button-text' }, text) : undefined);
  button.addEventListener('click', onClick);
  return button;
}

/** Adopts CSS text as a constructable stylesheet (no inline <style>, so no 'unsafe-inline' in the CSP). */
export function adoptStyles(...cssTexts: string[]): void {
  const sheets = cssTexts.map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets];
}
