/**
 * Finds the strings the code asks to translate: the first argument of every `l10n.t(` under src/ and of every
 * `t(` under webview/ (webview/common/l10n.ts). A first argument that is not a string literal is reported, since
 * no bundle could hold its translation.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface TranslatedCall {
  /** the English source string (the bundle key) */
  message: string;
  /** `file:line` */
  where: string;
}

export interface ExtractedStrings {
  calls: TranslatedCall[];
  /** `file:line` of calls whose first argument is not a plain string literal */
  nonLiteral: string[];
}

function typeScriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Reads the string literal starting at `source[start]` (a quote); undefined when there is none. */
function readLiteral(source: string, start: number): string | undefined {
  const quote = source[start];
  if (quote !== "'" && quote !== '"') return undefined;
  let text = '';
  for (let index = start + 1; index < source.length; index++) {
    const char = source[index]!;
    if (char === quote) {
      // a literal followed by `+` or `?` is part of an expression, not the whole argument
      const next = source.slice(index + 1).trimStart()[0];
      return next === ',' || next === ')' ? text : undefined;
    }
    if (char === '\n') return undefined;
    if (char === '\\') {
      const escaped = source[++index]!;
      text += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
    } else {
      text += char;
    }
  }
  return undefined;
}

/** Every call of `pattern` (whose match ends at the opening parenthesis) in the .ts files under `root`. */
export function extractStrings(root: string, pattern: RegExp): ExtractedStrings {
  const result: ExtractedStrings = { calls: [], nonLiteral: [] };
  for (const file of typeScriptFiles(root)) {
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(pattern)) {
      const argumentStart = match.index + match[0].length;
      const offset = source.slice(argumentStart).search(/\S/);
      const where = `${path.relative(process.cwd(), file)}:${source.slice(0, match.index).split('\n').length}`;
      const message = readLiteral(source, argumentStart + offset);
      if (message === undefined) result.nonLiteral.push(where);
      else result.calls.push({ message, where });
    }
  }
  return result;
}

/** `vscode.l10n.t(` in the host */
export const HOST_CALL = /\bl10n\.t\(/g;
/** `t(` in the webviews and in src/shared (the `Translate` the webviews pass), not `.t(`, `split(`, `function t(` */
export const WEBVIEW_CALL = /(?<![\w.$]|function )t\(/g;

/** The `{n}` placeholders of a message, sorted and deduplicated. */
export function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}
