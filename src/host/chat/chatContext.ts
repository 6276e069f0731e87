/**
 * The chat's context: what the person attaches to the message being written (the attach menu, pasted or dropped
 * images), removed by its chip, taken by the next send, counted in the estimate and shown as chips.
 */
import * as vscode from 'vscode';
import { messageContent, type Attachment } from '../../core/index';
import type { AttachmentView } from '../../shared/chat/attachmentViews';
import { fillPlaceholders, type Translate } from '../../shared/format';
import type { HostServices } from '../hostServices';
import { pickAttachments, pickAttachSource } from './attachmentPicker';
import { DraftAttachments } from './draftAttachments';

/**
 * The shared wording (src/shared, e.g. the attachment chips) in VS Code's display language: the lookup the webviews
 * do in the same bundle (its strings are literals of `t(` in src/shared, checked by test/unit/l10n.test.ts).
 */
export const displayLanguage: Translate = (message, ...args) => fillPlaceholders(vscode.l10n.bundle?.[message] ?? message, args);

export class ChatContext {
  private readonly draft = new DraftAttachments(displayLanguage);

  constructor(private readonly services: HostServices, private readonly changed: () => void) {}

  /** The attach menu, then the chosen source's own pick. */
  async attach(): Promise<void> {
    const source = await pickAttachSource();
    if (!source) return;
    const picked = await pickAttachments(source);
    for (const refusal of picked.refusals) this.services.logger.info(`attach: ${refusal}`);
    if (picked.attachments.length === 0 && picked.refusals.length === 0) return;
    this.draft.add(picked.attachments, picked.refusals);
    this.changed();
  }

  attachImage(name: string, data: string): void {
    const model = this.services.model.get();
    this.draft.addImage(name, data, model, this.services.core().catalog.get(model));
    this.changed();
  }

  detach(id: string): void {
    this.draft.remove(id);
    this.changed();
  }

  /**
   * The attachments for a send, or undefined (with the notice shown) when the current model cannot read images
   * that are attached: nothing is sent then and the draft stays.
   */
  takeForSend(): Attachment[] | undefined {
    const model = this.services.model.get();
    const refusal = this.draft.imagesRefusedBy(model, this.services.core().catalog.get(model));
    if (refusal) {
      this.draft.add([], [refusal]);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Switchboard: {0}', refusal), 6000);
      this.changed();
      return undefined;
    }
    return this.draft.take();
  }

  /** The text the estimate counts for `text` with the attachments, and the number of images. */
  estimateInput(text: string): { text: string; images: number } {
    const { content, images } = messageContent(text, this.draft.attachments);
    return { text: content, images: images.length };
  }

  /** What the chat view shows: chips, the last refusal, whether images are offered. */
  view(): { attachments: AttachmentView[]; attachmentNotice?: string; acceptsImages: boolean } {
    const model = this.services.core().catalog.get(this.services.model.get());
    return { attachments: this.draft.views(model), attachmentNotice: this.draft.notice, acceptsImages: model?.inputModalities.includes('image') ?? false };
  }
}
