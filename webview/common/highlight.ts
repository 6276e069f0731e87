/** highlight.js core with a dozen common languages registered explicitly (keeps the bundle small). */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

/** most used first: the order grammars are compiled in idle time */
const languages = { typescript, javascript, python, bash, json, rust, go, java, cpp, c, csharp, css, xml, yaml, sql, diff, markdown };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);
hljs.configure({ ignoreUnescapedHTML: true });

/** Highlighted HTML for `code` in `language`, or undefined when the language is unknown (no auto-detection). */
export function highlightCode(code: string, language: string | undefined): string | undefined {
  if (!language || !hljs.getLanguage(language)) return undefined;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/** the registered languages, most used first */
export const languageNames = Object.keys(languages);

/** Compiles `language`'s grammar now (highlight.js does it on first use: 10-40 ms once per language). */
export function compileGrammar(language: string): void {
  hljs.highlight('', { language, ignoreIllegals: true });
}
