/** The sidebar chat: renders every state/snapshot (and state/update applied to it) and applies stream parts between them. */
import type { HostToWebview } from '../../src/shared/chat/protocol';
import { applyStateUpdate } from '../../src/shared/chat/stateUpdate';
import type { ChatViewState } from '../../src/shared/viewModels';
import { element } from '../common/dom';
import { keepingFocus } from '../common/keepFocus';
import { attachMarkdownActions } from '../common/markdown';
import { newRequestId } from '../common/requestId';
import { post } from './chatChannel';
import { Composer } from './composer';
import { ChatHeader } from './header';
import { HistoryPanel } from './historyPanel';
import { MessageList } from './messageList';
import { renderSetupPanel } from './setupPanel';

export class ChatApp {
  private state: ChatViewState | undefined;
  /** sent by us, not yet confirmed by a snapshot */
  private pendingRequestId: string | undefined;
  private appliedDraft: string | undefined;
  private readonly header: ChatHeader;
  private readonly history = new HistoryPanel((focusReturned) => {
    this.header.historyClosed();
    if (!focusReturned) this.composer.focus();
  });
  private readonly setupSlot = element('div', { class: 'setup-slot' });
  private readonly list: MessageList;
  private readonly composer: Composer;

  constructor(root: HTMLElement) {
    this.header = new ChatHeader(() => this.history.toggle());
    this.list = new MessageList({
      retry: (messageId) => post({ type: 'chat/retry', messageId }),
      edit: (messageId, text) => post({ type: 'chat/edit', messageId, text }),
      stop: () => this.stop(),
      errorAction: (action, messageId, provider) => post({ type: 'error/action', action, messageId, provider }),
      fork: (messageId) => post({ type: 'chat/fork', messageId }),
    });
    this.composer = new Composer({ send: (text) => this.send(text), stop: () => this.stop(), focusMessages: () => this.focusMessage('last') });
    this.list.element.addEventListener('keydown', (event) => this.onMessagesKey(event));
    // Escape anywhere stops the reply in flight (the history panel takes its own Escape first)
    root.ownerDocument.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented && this.runningRequestId) {
        event.preventDefault();
        this.stop();
      }
    });
    attachMarkdownActions(this.list.element, {
      openLink: (href) => post({ type: 'link/open', href }),
      codeAction: (action, code, language) => {
        if (action === 'copy') post({ type: 'code/copy', code });
        else if (action === 'insert') post({ type: 'code/insert', code });
        else post({ type: 'code/open', code, language });
      },
    });
    root.replaceChildren(this.header.element, this.history.element, this.setupSlot, this.list.element, this.composer.element);
    this.composer.setRunning(false);
  }

  handle(message: HostToWebview): void {
    switch (message.type) {
      case 'state/snapshot':
        this.render(message.state);
        break;
      case 'state/update':
        // the host sends updates only after a snapshot; without one there is nothing to apply it to
        if (this.state) this.render(applyStateUpdate(this.state, message));
        break;
      case 'stream/part':
        if (message.column === undefined) this.list.applyPart(message.requestId, message.seq, message.messageId, message.delta);
        break;
      case 'stream/end':
        if (message.column === undefined) {
          this.list.applyEnd(message.requestId, message.seq, message.messageId);
          if (message.requestId === this.pendingRequestId) this.pendingRequestId = undefined;
        }
        break;
      case 'estimate/update':
        this.composer.showEstimate(message.estimate);
        break;
      case 'chat/focusInput':
        // the host sends this once per draft it delivers: put the draft in again even when it is the same text as
        // the last one (the same selection sent twice), which the snapshot alone cannot tell apart from a repeat
        if (this.state?.draft !== undefined) {
          this.appliedDraft = this.state.draft;
          this.composer.setDraft(this.state.draft);
        }
        this.composer.focus();
        break;
      case 'history/results':
        this.history.showResults(message.query, message.hits);
        break;
      case 'chat/reveal':
        this.focusMessage(message.messageId);
        break;
    }
  }

  /**
   * Keyboard between messages: Up/Down move from message to message, Ctrl/Cmd+Down (or Down past the last)
   * returns to the input, Home/End jump to the first and last.
   */
  private onMessagesKey(event: KeyboardEvent): void {
    const messages = [...this.list.element.querySelectorAll<HTMLElement>('.message')];
    const current = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.message');
    const index = current ? messages.indexOf(current) : -1;
    const to = (target: HTMLElement | undefined): void => {
      event.preventDefault();
      if (target) target.focus();
      else this.composer.focus();
    };
    if (event.key === 'ArrowDown' && (event.ctrlKey || event.metaKey)) to(undefined);
    else if (event.key === 'ArrowUp' && (event.ctrlKey || event.metaKey)) to(messages[0]);
    else if (event.key === 'ArrowDown' && current === document.activeElement) to(messages[index + 1]);
    else if (event.key === 'ArrowUp' && current === document.activeElement && index > 0) to(messages[index - 1]);
    else if (event.key === 'Home' && current === document.activeElement) to(messages[0]);
    else if (event.key === 'End' && current === document.activeElement) to(messages.at(-1));
  }

  /** Scrolls to and focuses a message (by id), or the last one. */
  private focusMessage(which: string): void {
    const messages = [...this.list.element.querySelectorAll<HTMLElement>('.message')];
    const target = which === 'last' ? messages.at(-1) : messages.find((message) => message.dataset.messageId === which);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }

  private get runningRequestId(): string | undefined {
    return this.state?.activeRequestId ?? this.pendingRequestId;
  }

  private render(state: ChatViewState): void {
    this.state = state;
    this.pendingRequestId = undefined;
    const busy = state.activeRequestId !== undefined;
    this.header.render(state);
    this.history.render(state.history);
    this.setupSlot.replaceChildren(...(state.needsSetup ? [renderSetupPanel(state)] : []));
    // a message rebuilt under the focus (Retry pressed from the keyboard) keeps it: on the same button, or on the message
    keepingFocus(this.list.element, () => this.list.render(state, busy));
    this.composer.setRunning(busy);
    this.composer.showAttachments(state.attachments, state.attachmentNotice, state.acceptsImages);
    if (state.draft !== undefined && state.draft !== this.appliedDraft) {
      this.appliedDraft = state.draft;
      this.composer.setDraft(state.draft);
    }
  }

  private send(text: string): void {
    const requestId = newRequestId();
    this.pendingRequestId = requestId;
    this.composer.setRunning(true);
    this.list.pin();
    post({ type: 'chat/send', requestId, text });
  }

  private stop(): void {
    const requestId = this.runningRequestId;
    if (requestId) post({ type: 'chat/cancel', requestId });
  }
}
