/**
 * The conversation: rebuilt from every snapshot (reusing unchanged messages), with stream deltas applied
 * on top by messageId. Out-of-order or repeated parts (seq not above the last one seen) are ignored.
 *
 * A long conversation opens at once: only its last messages are built in the snapshot's task; older ones are
 * built in idle time, a batch at a time, prepended above (and at once when the person scrolls up to them).
 * Messages off screen skip layout and paint (`content-visibility: auto` in chat.css).
 */
import type { StreamDelta } from '../../src/shared/webview/protocol';
import type { ChatViewState, MessageView } from '../../src/shared/viewModels';
import { element } from '../common/dom';
import { sameValue } from '../common/sameValue';
import { ScrollPin } from '../common/scrollPin';
import { StreamSequence } from '../common/streamSequence';
import { MessageElement, type MessageHandlers } from './messageView';
import { t } from '../common/l10n';

/** messages built in the snapshot's own task: more than a tall screen holds */
const FIRST_SCREEN_MESSAGES = 24;
/** messages built per idle slice or scroll-up */
const BATCH_MESSAGES = 16;

interface Entry {
  message: MessageView;
  isLastAssistant: boolean;
  /** built once the message is within the rendered range */
  view?: MessageElement;
}

export class MessageList {
  readonly element: HTMLElement;
  private readonly scroll: ScrollPin;
  private entries: Entry[] = [];
  private byId = new Map<string, Entry>();
  /** index in `entries` of the oldest built message */
  private builtFrom = 0;
  /** at the top while older messages are not built yet; seen = build the next batch */
  private readonly olderSentinel = element('div', { class: 'older-messages', 'aria-hidden': 'true' });
  private idleHandle: number | undefined;
  private readonly sequence = new StreamSequence();

  constructor(private readonly handlers: MessageHandlers) {
    this.element = element('div', { class: 'message-list', role: 'log', 'aria-live': 'polite', 'aria-label': t('Conversation'), tabindex: '0' });
    this.scroll = new ScrollPin(this.element);
    new IntersectionObserver((observed) => {
      if (observed[observed.length - 1]!.isIntersecting) this.buildOlder(BATCH_MESSAGES);
    }, { root: this.element, rootMargin: '100% 0px 0px 0px' }).observe(this.olderSentinel);
  }

  render(state: ChatViewState, busy: boolean): void {
    // Edit and Retry are hidden while a request runs by this one attribute (see chat.css), not per message
    this.element.toggleAttribute('data-busy', busy);
    const lastAssistant = [...state.messages].reverse().find((message) => message.role === 'assistant');
    const previous = this.byId;
    const entries: Entry[] = [];
    const byId = new Map<string, Entry>();
    for (const message of state.messages) {
      const isLastAssistant = message === lastAssistant;
      const existing = previous.get(message.id);
      let entry: Entry;
      if (existing && existing.isLastAssistant === isLastAssistant && (sameValue(existing.message, message) || existing.view?.canContinueInto(message))) {
        entry = existing;
      } else {
        entry = { message, isLastAssistant };
        // a rebuilt message that was on screen is rebuilt at once (keeping its body when the text is the same)
        if (existing?.view) entry.view = this.build(entry, existing.view);
      }
      entries.push(entry);
      byId.set(message.id, entry);
    }
    for (const [id, entry] of previous) if (byId.get(id) !== entry) entry.view?.dispose();
    const firstBuilt = entries.findIndex((entry) => entry.view);
    this.entries = entries;
    this.byId = byId;
    this.builtFrom = Math.min(firstBuilt < 0 ? entries.length : firstBuilt, Math.max(0, entries.length - FIRST_SCREEN_MESSAGES));
    for (const entry of entries.slice(this.builtFrom)) entry.view ??= this.build(entry);
    if (entries.length === 0) {
      this.element.replaceChildren(element('p', { class: 'empty-state' }, t('Ask anything. Replies show their model, tokens, time and cost.')), this.scroll.anchor);
    } else {
      this.place([...(this.builtFrom > 0 ? [this.olderSentinel] : []), ...entries.slice(this.builtFrom).map((entry) => entry.view!.element), this.scroll.anchor]);
    }
    this.scheduleIdleBuild();
    this.scroll.update();
  }

  /** Applies one stream part; returns false when it was ignored (stale seq or unknown message). */
  applyPart(requestId: string, seq: number, messageId: string, delta: StreamDelta): boolean {
    if (!this.sequence.accept(requestId, messageId, seq)) return false;
    const view = this.viewOf(messageId);
    if (!view) return false;
    if (delta.status) view.setStreamStatus(delta.status);
    if (delta.reasoning) view.appendReasoning(delta.reasoning);
    if (delta.text) view.appendText(delta.text);
    if (delta.queued) view.setQueued();
    return true;
  }

  applyEnd(requestId: string, seq: number, messageId: string): void {
    if (!this.sequence.accept(requestId, messageId, seq)) return;
    this.viewOf(messageId)?.finish();
  }

  /** The message's element, building it (and every message after it) first if it is not built yet. */
  private viewOf(messageId: string): MessageElement | undefined {
    const entry = this.byId.get(messageId);
    if (entry && !entry.view) this.buildOlder(this.builtFrom - this.entries.indexOf(entry));
    return entry?.view;
  }

  /** The person sent something: follow the conversation again. */
  pin(): void {
    this.scroll.pin();
  }

  /**
   * Makes the list's children `nodes` with as few DOM moves as possible: a snapshot of a long conversation that
   * adds one message inserts one element instead of re-inserting thousands.
   */
  private place(nodes: Node[]): void {
    const wanted = new Set(nodes);
    for (const child of [...this.element.childNodes]) if (!wanted.has(child)) child.remove();
    let cursor = this.element.firstChild;
    for (const node of nodes) {
      if (cursor === node) cursor = cursor.nextSibling;
      else this.element.insertBefore(node, cursor);
    }
  }

  private build(entry: Entry, previous?: MessageElement): MessageElement {
    return new MessageElement(entry.message, { isLastAssistant: entry.isLastAssistant }, this.handlers, previous);
  }

  /**
   * Builds older messages (up to `count`, or while `hasTime()`) and puts them above the built ones in one insert,
   * keeping what is on screen in place.
   */
  private buildOlder(count: number, hasTime: () => boolean = () => true): void {
    let from = this.builtFrom;
    while (from > 0 && this.builtFrom - from < count && hasTime()) {
      from -= 1;
      const entry = this.entries[from]!;
      entry.view ??= this.build(entry);
    }
    if (from === this.builtFrom) return;
    // built in the background: off screen they skip layout and paint until scrolled to (chat.css)
    const views = this.entries.slice(from, this.builtFrom).map((entry) => entry.view!.element);
    for (const view of views) view.classList.add('deferred');
    const fromBottom = this.element.scrollHeight - this.element.scrollTop;
    this.olderSentinel.after(...views);
    this.builtFrom = from;
    if (from === 0) this.olderSentinel.remove();
    // growth above the viewport must not move what the person is reading
    this.element.scrollTop = this.element.scrollHeight - fromBottom;
  }

  private scheduleIdleBuild(): void {
    if (this.idleHandle !== undefined || this.builtFrom === 0) return;
    this.idleHandle = requestIdleCallback((deadline) => {
      this.idleHandle = undefined;
      this.buildOlder(Infinity, () => deadline.timeRemaining() > 2);
      this.scheduleIdleBuild();
    });
  }
}
