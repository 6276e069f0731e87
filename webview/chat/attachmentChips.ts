/**
 * Attachment chips: one per attached file, folder tree, problems list or image, with its tokens and its share of
 * the pre-send estimate, removable by click or by Delete/Backspace when focused. Read-only chips (no remove) show
 * what a sent message carried.
 */
import type { AttachmentView } from '../../src/shared/chat/attachmentViews';
import { formatTokens, formatUsd } from '../../src/shared/format';
import { element } from '../common/dom';
import { t } from '../common/l10n';

const ICONS: Record<AttachmentView['kind'], string> = { file: 'file', folder: 'folder', problems: 'warning', image: 'file-media' };

/** "1.2k tokens · 34%" (or the image's price), what a chip says after its label. */
export function chipFigures(attachment: AttachmentView): string {
  const parts: string[] = [];
  if (attachment.tokens !== undefined) parts.push(t('{0} tokens', formatTokens(attachment.tokens)));
  if (attachment.share !== undefined) parts.push(`${Math.round(attachment.share * 100)}%`);
  if (attachment.kind === 'image' && attachment.microUsd !== undefined) parts.push(formatUsd(attachment.microUsd));
  return parts.join(' · ');
}

/** Renders chips into a list; `remove` given = each chip has a remove button. */
export function renderChips(attachments: readonly AttachmentView[], remove?: (id: string) => void): HTMLElement {
  const list = element('ul', { class: 'attachment-chips', 'aria-label': t('Attachments') });
  for (const attachment of attachments) {
    const figures = chipFigures(attachment);
    const description = [attachment.detail, figures && t('{0} of the prompt estimate', figures), attachment.note].filter(Boolean).join('. ');
    const chip = element('li', { class: `attachment-chip${attachment.note ? ' cut' : ''}`, 'data-attachment-id': attachment.id, 'data-kind': attachment.kind, title: description },
      element('span', { class: `codicon codicon-${ICONS[attachment.kind]}`, 'aria-hidden': 'true' }),
      element('span', { class: 'chip-label' }, attachment.label),
      figures ? element('span', { class: 'chip-figures' }, figures) : undefined,
      attachment.note ? element('span', { class: 'chip-note' }, t('cut')) : undefined);
    if (remove) {
      const button = element('button', { type: 'button', class: 'icon-button chip-remove', 'aria-label': t('Remove {0}', attachment.label), title: t('Remove {0}', attachment.label), 'data-action': 'detach' },
        element('span', { class: 'codicon codicon-close', 'aria-hidden': 'true' }));
      button.addEventListener('click', () => remove(attachment.id));
      button.addEventListener('keydown', (event) => {
        if (event.key === 'Delete' || event.key === 'Backspace') {
          event.preventDefault();
          remove(attachment.id);
        }
      });
      chip.append(button);
    }
    list.append(chip);
  }
  return list;
}
