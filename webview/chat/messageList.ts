/**
 * The conversation: rebuilt from every snapshot (reusing unchanged messages), with stream deltas applied
 * on top by messageId. Out-of-order or repeated parts (seq not above the last one seen) are ignored.
 */
import type { StreamDelta } from '../../src/shared/webview/protocol';
import type { ChatViewState } from '../../src/shared/viewModels';
import { element } from '../common/dom';
import { ScrollPin } from '../common/scrollPin';
import { StreamSequence } from '../common/streamSequence';
import { MessageElement, type MessageHandlers } from './messageView';

export class MessageList {
  readonly element: HTMLElement;
  private readonly scroll: ScrollPin;
  private messages = new Map<string, { key: string; view: MessageElement }>();
  private readonly sequence = new StreamSequence();

  constructor(private readonly handlers: Omit<MessageHandlers, 'rendered'>) {
    this.element = element('div', { class: 'message-list', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
    this.scroll = new ScrollPin(this.element);
  }

  render(state: ChatViewState, busy: boolean): void {
    const lastAssistant = [...state.messages].reverse().find((message) => message.role === 'assistant');
    const next = new Map<string, { key: string; view: MessageElement }>();
    const views: HTMLElement[] = [];
    for (const message of state.messages) {
      const place = { isLastAssistant: message === lastAssistant, busy };
      const key = JSON.stringify([message, place]);
      const existing = this.messages.get(message.id);
      const entry = existing && (existing.key === key || existing.view.canContinueInto(message))
        ? existing
        : { key, view: new MessageElement(message, place, { ...this.handlers, rendered: () => this.scroll.update() }) };
      if (existing && existing !== entry) existing.view.dispose();
      next.set(message.id, entry);
      views.push(entry.view.element);
    }
    for (const [id, entry] of this.messages) if (!next.has(id)) entry.view.dispose();
    this.messages = next;
    if (views.length === 0) {
      this.element.replaceChildren(element('p', { class: 'empty-state' }, 'Ask anything. Replies show their model, tokens, time and cost.'));
    } else {
      this.element.replaceChildren(...views);
    }
    this.scroll.update();
  }

  /** Applies one stream part; returns false when it was ignored (stale seq or unknown message). */
  applyPart(requestId: string, seq: number, messageId: string, delta: StreamDelta): boolean {
    if (!this.sequence.accept(requestId, messageId, seq)) return false;
    const view = this.messages.get(messageId)?.view;
    if (!view) return false;
    if (delta.status) view.setStreamStatus(delta.status);
    if (delta.reasoning) view.appendReasoning(delta.reasoning);
    if (delta.text) view.appendText(delta.text);
    if (delta.queued) view.setQueued();
    return true;
  }

  applyEnd(requestId: string, seq: number, messageId: string): void {
    if (!this.sequence.accept(requestId, messageId, seq)) return;
    this.messages.get(messageId)?.view.finish();
  }

  /** The person sent something: follow the conversation again. */
  pin(): void {
    this.scroll.pin();
  }
}
