/**
 * The input: Enter sends, Shift+Enter adds a line, Ctrl/Cmd+Enter sends too. While a request runs Enter does
 * nothing, a Stop button shows and Escape stops. Next to Send: the pre-send cost estimate, refreshed as you type.
 * Above it: the attachment chips. The paperclip, or `#` typed at the start of a word, opens the attach menu;
 * images are pasted or dropped (VS Code passes a drop to a webview only while Shift is held).
 */
import type { AttachmentView } from '../../src/shared/chat/attachmentViews';
import type { EstimateView } from '../../src/shared/viewModels';
import { debounce } from '../common/debounce';
import { actionButton } from '../common/elements';
import { element, iconButton } from '../common/dom';
import { formatUsd } from '../../src/shared/format';
import { formatEstimate } from '../common/estimateLabel';
import { getState, setState } from '../common/vscodeApi';
import { renderChips } from './attachmentChips';
import { post } from './chatChannel';
import { t } from '../common/l10n';

/** ms between the last keystroke and the estimate request */
const ESTIMATE_DELAY_MS = 150;

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly estimate: HTMLElement;
  private readonly sendButton: HTMLElement;
  private readonly stopButton: HTMLElement;
  private running = false;
  private readonly chips = element('div', { class: 'chips-slot' });
  private attachments: readonly AttachmentView[] = [];
  private attachmentsKey = '';
  private lastEstimate: EstimateView | undefined;
  private readonly notice = element('div', { class: 'composer-notice', role: 'alert', hidden: true });
  private readonly imageHint = element('span', { class: 'hint image-hint', hidden: true, title: t('Paste or drop images (hold Shift to drop)') }, t('Paste or drop images (hold Shift to drop)'));
  /** the input's placeholder says it too: it gives way to the image hint in a narrow sidebar */
  private readonly keyHint = element('span', { class: 'hint key-hint' }, t('Shift+Enter: new line'));
  private readonly requestEstimate = debounce((text: string) => post({ type: 'chat/estimate', text }), ESTIMATE_DELAY_MS);

  constructor(private readonly handlers: { send(text: string): void; stop(): void; focusMessages(): void }) {
    this.input = element('textarea', {
      class: 'composer-input', rows: '3', 'aria-label': t('Message'),
      placeholder: t('Ask anything (Enter to send, Shift+Enter for a new line)'),
    });
    this.input.value = getState().draft ?? '';
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('input', (event) => this.onInput(event as InputEvent));
    this.input.addEventListener('paste', (event) => {
      if (this.sendImages(event.clipboardData)) event.preventDefault();
    });
    this.estimate = element('span', { class: 'estimate', 'aria-live': 'polite', title: t('estimated cost of this request (prompt + up to max tokens)') });
    this.sendButton = actionButton(t('Send'), () => this.send(), { icon: 'send', action: 'send', ariaLabel: t('Send message') });
    this.stopButton = actionButton(t('Stop'), () => this.handlers.stop(), { icon: 'debug-stop', action: 'stop', ariaLabel: t('Stop generating'), secondary: true });
    this.stopButton.hidden = true;
    const attach = iconButton('attach', t('Attach files, problems or a folder tree (#)'), () => post({ type: 'chat/attach' }), undefined, { 'data-action': 'attach' });
    this.element = element('footer', { class: 'composer' },
      this.chips,
      this.notice,
      this.input,
      element('div', { class: 'composer-row' },
        this.keyHint,
        this.imageHint,
        // after Send, so Tab from the input reaches Send first
        this.estimate, this.stopButton, this.sendButton, attach));
    this.element.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
    this.element.addEventListener('drop', (event) => {
      if (this.sendImages(event.dataTransfer)) event.preventDefault();
    });
    if (this.input.value) this.requestEstimate(this.input.value);
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.stopButton.hidden = !running;
    this.sendButton.hidden = running;
  }

  /** Puts text in the input (send selection to chat), replacing what was there. */
  setDraft(text: string): void {
    this.input.value = text;
    this.onInput();
  }

  focus(): void {
    this.input.focus();
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }

  /** The pending attachments, the refusal of the last one (if any) and whether the model takes images. */
  showAttachments(attachments: readonly AttachmentView[], notice: string | undefined, acceptsImages: boolean): void {
    const key = attachments.map((attachment) => attachment.id).join(',');
    this.attachments = attachments;
    this.renderChips();
    // the estimate counts the attachments: ask again when they changed, even with an empty input
    if (key !== this.attachmentsKey) {
      this.attachmentsKey = key;
      if (this.input.value.trim() || attachments.length > 0) this.requestEstimate(this.input.value);
    }
    this.notice.hidden = notice === undefined;
    this.notice.textContent = notice ?? '';
    this.imageHint.hidden = !acceptsImages;
    this.keyHint.hidden = acceptsImages;
  }

  /** Chips with their share of the latest estimate's prompt tokens. */
  private renderChips(): void {
    const promptTokens = this.lastEstimate?.promptTokens;
    const withShare = this.attachments.map((attachment) => (attachment.tokens !== undefined && promptTokens
      ? { ...attachment, share: Math.min(1, attachment.tokens / promptTokens) }
      : attachment));
    this.chips.replaceChildren(...(withShare.length > 0 ? [renderChips(withShare, (attachmentId) => {
      post({ type: 'chat/detach', attachmentId });
      this.input.focus();
    })] : []));
  }

  showEstimate(estimate: EstimateView | undefined): void {
    this.lastEstimate = estimate;
    if (this.attachments.length > 0) this.renderChips();
    this.estimate.textContent = formatEstimate(estimate);
    this.estimate.title = estimate && estimate.priced
      ? (estimate.exact
        ? t('{0} prompt tokens; {1} with a one-token reply, {2} at max tokens', estimate.promptTokens, formatUsd(estimate.minMicroUsd), formatUsd(estimate.maxMicroUsd))
        : t('about {0} prompt tokens; {1} with a one-token reply, {2} at max tokens', estimate.promptTokens, formatUsd(estimate.minMicroUsd), formatUsd(estimate.maxMicroUsd)))
      : t('this model has no published price');
  }

  /** Posts the images among pasted or dropped files; true when there were any. */
  private sendImages(data: DataTransfer | null): boolean {
    const files = [...(data?.files ?? [])];
    if (files.length === 0) return false;
    for (const file of files) {
      const reader = new FileReader();
      reader.addEventListener('load', () => {
        if (typeof reader.result === 'string') post({ type: 'chat/attachImage', name: file.name || 'pasted image', data: reader.result });
      });
      reader.readAsDataURL(file);
    }
    return true;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (event.key === 'ArrowUp' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.handlers.focusMessages();
      return;
    }
    if (event.key === 'Escape' && this.running) {
      event.preventDefault();
      this.handlers.stop();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (!this.running) this.send();
  }

  private onInput(event?: InputEvent): void {
    // `#` typed at the start of a word opens the attach menu (the character is taken out again)
    if (event?.data === '#') {
      const at = this.input.selectionStart;
      const before = this.input.value.slice(0, at - 1);
      if (before === '' || /\s$/.test(before)) {
        this.input.value = before + this.input.value.slice(at);
        this.input.setSelectionRange(at - 1, at - 1);
        post({ type: 'chat/attach' });
      }
    }
    setState({ ...getState(), draft: this.input.value });
    if (this.input.value.trim() === '' && this.attachments.length === 0) this.estimate.textContent = '';
    else this.requestEstimate(this.input.value);
  }

  private send(): void {
    const text = this.input.value.trim();
    if (!text || this.running) return;
    this.handlers.send(text);
    this.input.value = '';
    this.estimate.textContent = '';
    setState({ ...getState(), draft: '' });
  }
}
