/** What can stand out in a comparison run (the core decides who holds each; the views and the export show them). */

/** Every kind, in the order they are shown. */
export const HIGHLIGHT_KINDS = ['fastestFirstToken', 'fastestTotal', 'cheapest', 'longest'] as const;

export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

/** Short labels for the columns and the export. */
export const HIGHLIGHT_LABELS: Readonly<Record<HighlightKind, string>> = {
  fastestFirstToken: 'fastest first token',
  fastestTotal: 'fastest total',
  cheapest: 'cheapest',
  longest: 'longest answer',
};
