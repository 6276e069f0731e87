/**
 * The attachments of the message being written: added from the attach menu or pasted/dropped images, removed by
 * their chips, taken by the next send. Refusals (a binary file, an image for a text-only model) are kept as the
 * notice the composer shows until the next change. No vscode import.
 */
import {
  createImageAttachment, formatTokens, imageCostMicroUsd,
  type Attachment, type AttachmentRefusal, type ModelInfo,
} from '../../core/index';
import type { AttachmentView } from '../../shared/chat/attachmentViews';
import { cutNote, folderDetail, folderLabel, imagesRefused, problemsDetail, problemsLabel } from '../../shared/chat/attachmentWording';
import { englishText, type Translate } from '../../shared/format';

let counter = 0;
function imageId(): string {
  counter += 1;
  return `i${Date.now().toString(36)}${counter.toString(36)}`;
}

/** The chip of an attachment (share is left to the view, which knows the latest estimate), in the words of `t`. */
export function attachmentView(attachment: Attachment, model?: Pick<ModelInfo, 'pricing'>, t: Translate = englishText): AttachmentView {
  switch (attachment.kind) {
    case 'file': {
      const name = attachment.path.split('/').at(-1) ?? attachment.path;
      const cut = attachment.truncated;
      return {
        id: attachment.id, kind: 'file', label: name, detail: attachment.path, tokens: attachment.tokens,
        note: cut ? cutNote(formatTokens(attachment.tokens), cut.keptLines, cut.totalLines, t) : undefined,
      };
    }
    case 'folder':
      return {
        id: attachment.id, kind: 'folder', label: folderLabel(attachment.path, t),
        detail: folderDetail(attachment.entries.length, attachment.path, attachment.omitted, t),
        tokens: attachment.tokens,
      };
    case 'problems':
      return {
        id: attachment.id, kind: 'problems', label: problemsLabel(attachment.path, t),
        detail: problemsDetail(attachment.problems.length, attachment.path, t),
        tokens: attachment.tokens,
      };
    case 'image':
      return {
        id: attachment.id, kind: 'image', label: attachment.name, detail: `${attachment.mimeType}, ${Math.ceil(attachment.bytes / 1024)} KB`,
        microUsd: imageCostMicroUsd(1, model?.pricing),
      };
  }
}

export class DraftAttachments {
  private items: Attachment[] = [];
  private refusal: string | undefined;

  /** `t` words the chips and notices (the host passes vscode.l10n.t) */
  constructor(private readonly t: Translate = englishText) {}

  get attachments(): readonly Attachment[] {
    return this.items;
  }

  /** what the composer shows under the chips: the last refusal; undefined = none */
  get notice(): string | undefined {
    return this.refusal;
  }

  /** Adds what a pick gave; a file attached again replaces the older copy. */
  add(attachments: readonly Attachment[], refusals: readonly string[] = []): void {
    for (const attachment of attachments) {
      const same = this.items.findIndex((item) => item.kind === attachment.kind && 'path' in item && 'path' in attachment && item.path === attachment.path);
      if (same >= 0) this.items.splice(same, 1);
      this.items.push(attachment);
    }
    this.refusal = refusals.length > 0 ? refusals.join(' ') : undefined;
  }

  /** A pasted or dropped image, checked against the current model's catalog entry. */
  addImage(name: string, data: string, modelId: string, model: ModelInfo | undefined): void {
    const image: Attachment | AttachmentRefusal = createImageAttachment({ id: imageId(), name, data, modelId, model });
    if ('refused' in image) this.add([], [image.message]);
    else this.add([image]);
  }

  remove(id: string): void {
    this.items = this.items.filter((item) => item.id !== id);
    this.refusal = undefined;
  }

  /** The attachments for the message being sent; the draft is empty afterwards. */
  take(): Attachment[] {
    const taken = this.items;
    this.items = [];
    this.refusal = undefined;
    return taken;
  }

  /** Images that the model (changed since they were attached) cannot read, as a notice; undefined = none. */
  imagesRefusedBy(modelId: string, model: ModelInfo | undefined): string | undefined {
    if (!this.items.some((item) => item.kind === 'image')) return undefined;
    if (model?.inputModalities.includes('image')) return undefined;
    return imagesRefused(model?.name ?? modelId, this.t);
  }

  views(model?: Pick<ModelInfo, 'pricing'>): AttachmentView[] {
    return this.items.map((item) => attachmentView(item, model, this.t));
  }
}
