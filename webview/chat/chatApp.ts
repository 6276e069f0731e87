/** The sidebar chat: renders every state/snapshot fully and applies stream parts between snapshots. */
import type { HostToWebview } from '../../src/shared/chat/protocol';
import type { ChatViewState } from '../../src/shared/viewModels';
import { element } from '../common/dom';
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
  private readonly history = new HistoryPanel();
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
    });
    this.composer = new Composer({ send: (text) => this.send(text), stop: () => this.stop() });
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
    }
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
    this.list.render(state, busy);
    this.composer.setRunning(busy);
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
