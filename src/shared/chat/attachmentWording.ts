/**
 * The words of the attachment chips and of the image refusal. The host passes `vscode.l10n.t` (so the chips come
 * in the display language); without it they are English, as in the unit tests.
 */
import { englishText, type Translate } from '../format';

/** "cut at 8k tokens: the first 412 of 2000 lines are sent"; `tokens` is already formatted */
export function cutNote(tokens: string, keptLines: number, totalLines: number, t: Translate = englishText): string {
  return t('cut at {0} tokens: the first {1} of {2} lines are sent', tokens, keptLines, totalLines);
}

/** "src/ tree", "workspace/ tree" ('.' is the workspace root) */
export function folderLabel(path: string, t: Translate = englishText): string {
  return t('{0}/ tree', path === '.' ? t('workspace') : path);
}

/** "names of 12 files and folders under src (3 more left out)" */
export function folderDetail(entries: number, path: string, omitted: number | undefined, t: Translate = englishText): string {
  return omitted
    ? t('names of {0} files and folders under {1} ({2} more left out)', entries, path, omitted)
    : t('names of {0} files and folders under {1}', entries, path);
}

/** "Problems: a.ts", "Problems: workspace" */
export function problemsLabel(path: string | undefined, t: Translate = englishText): string {
  return t('Problems: {0}', path?.split('/').at(-1) ?? t('workspace'));
}

/** "1 problem in src/a.ts", "3 problems in the workspace" */
export function problemsDetail(count: number, path: string | undefined, t: Translate = englishText): string {
  if (path === undefined) return count === 1 ? t('1 problem in the workspace') : t('{0} problems in the workspace', count);
  return count === 1 ? t('1 problem in {0}', path) : t('{0} problems in {1}', count, path);
}

/** the notice when the model (changed since the images were attached) cannot read them */
export function imagesRefused(modelName: string, t: Translate = englishText): string {
  return t('{0} does not read images: pick a model with image input, or remove the image chips before sending.', modelName);
}
