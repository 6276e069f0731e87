/**
 * What the chat view shows of attachments: chips with their tokens and share of the pre-send estimate. Plain data;
 * the attachments' contents stay in the host (images travel once, from the view to the host, when pasted).
 */

/** One chip. */
export interface AttachmentView {
  id: string;
  kind: 'file' | 'folder' | 'problems' | 'image';
  /** the chip's text: a file name, a folder path, "Problems: a.ts", an image name */
  label: string;
  /** the tooltip: full path, what is included */
  detail: string;
  /** tokens the attachment adds to the prompt; undefined for images (providers count those their own way) */
  tokens?: number;
  /** fraction (0-1) of the pre-send prompt estimate; undefined = not known yet, or an image */
  share?: number;
  /** integer micro-USD at the model's prompt (or image) price; undefined = not priced */
  microUsd?: number;
  /** set when the file was cut, e.g. "cut at 8,000 tokens: the first 412 of 2,000 lines" */
  note?: string;
}
