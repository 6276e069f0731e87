/**
 * The webview's translations. The host puts the current language's bundle (English source string -> translation,
 * `vscode.l10n.bundle`) into the page as `<body data-l10n="{...}">`; in English there is none and every string
 * shows as written. Placeholders are `{0}`, `{1}`, ... as in `vscode.l10n.t`.
 */

import { fillPlaceholders } from '../../src/shared/format';

let strings: Readonly<Record<string, string>> | undefined;

function bundle(): Readonly<Record<string, string>> {
  if (strings === undefined) {
    strings = {};
    try {
      const parsed: unknown = JSON.parse(document.body?.dataset.l10n ?? '{}');
      if (parsed && typeof parsed === 'object') strings = parsed as Record<string, string>;
    } catch {
      // a page without a readable bundle shows English
    }
  }
  return strings;
}

/** `message` in the page's language, with `{n}` replaced by `args[n]`. */
export function t(message: string, ...args: ReadonlyArray<string | number>): string {
  const translated = bundle()[message];
  const template = typeof translated === 'string' ? translated : message;
  return fillPlaceholders(template, args);
}
