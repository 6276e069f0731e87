/**
 * A conversation's title from the first words of the person's own text: fenced code blocks and lines that only
 * point at a file (`src/a.ts:12`, as Send Selection to Chat writes them) are skipped. No vscode import.
 */

/** Characters a title keeps at most (cut at a word end, with an ellipsis). */
export const TITLE_MAX_LENGTH = 60;

/** Lines that are only a file reference: `` `src/a.ts:12` ``, `src/a.ts`, `a.ts:12-20`. */
const FILE_REFERENCES = [/^`[^`\s]+`:?$/, /^[\w.@~-]*[/\\][\w./\\@~-]*(?::\d+(?:[-:]\d+)?)?:?$/, /^[\w.@~-]+\.\w+:\d+(?:[-:]\d+)?:?$/];

/** The lines of the text outside fenced code blocks (``` or ~~~, any length, closed by the same fence or longer). */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const opener = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line === opener) fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener;
      continue;
    }
    lines.push(line);
  }
  return lines;
}

/** The title for a conversation whose first message is `text`; `New chat` when it holds no words of its own. */
export function conversationTitle(text: string, maxLength = TITLE_MAX_LENGTH): string {
  const words = proseLines(text)
    .filter((line) => line.length > 0 && !FILE_REFERENCES.some((pattern) => pattern.test(line)))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (words === '') return 'New chat';
  if (words.length <= maxLength) return words;
  const cut = words.slice(0, maxLength - 1);
  const wordEnd = cut.lastIndexOf(' ');
  return `${(wordEnd > maxLength / 2 ? cut.slice(0, wordEnd) : cut).replace(/[\s,.;:-]+$/, '')}…`;
}
