/**
 * Keeps a scrolling list pinned to its bottom while content grows, unless the person scrolled up to read, without
 * reading layout on every render. A 1px anchor is the list's last child and, while pinned (`data-pinned`), the only
 * node scroll anchoring may pick (`overflow-anchor`): while it is in view, the browser itself keeps it there as
 * content above it grows. Scrolled up, the list anchors on what is on screen as usual, so nothing moves. An
 * IntersectionObserver on the same anchor sees growth that pushed it out anyway (anchoring does not apply while
 * the list is still at its very top): the list is then scrolled once, from the observer's callback, when layout is
 * already up to date. Streamed frames never read layout; only a changed list of messages scrolls explicitly.
 */
import { element } from './dom';

/** px below the bottom edge that still count as "at the bottom" */
const PIN_MARGIN_PX = 24;

export class ScrollPin {
  /** the last child of the list; keep it last when replacing the list's children */
  readonly anchor: HTMLElement = element('div', { class: 'scroll-anchor', 'aria-hidden': 'true' });
  private pinned = true;

  constructor(private readonly element: HTMLElement) {
    const observer = new IntersectionObserver((entries) => {
      if (this.pinned && !entries[entries.length - 1]!.isIntersecting) this.scrollToEnd();
    }, { root: element, rootMargin: `0px 0px ${PIN_MARGIN_PX}px 0px` });
    observer.observe(this.anchor);
    // scroll events come at the start of a frame, before this view changes the DOM, so layout is clean here
    element.addEventListener('scroll', () => this.setPinned(this.distanceFromBottom() < PIN_MARGIN_PX), { passive: true });
    this.setPinned(true);
  }

  /** Call after the list's messages changed (not per streamed frame): follows to the bottom while pinned. */
  update(): void {
    if (this.pinned) this.scrollToEnd();
  }

  /** Pin again (the person sent a new message). */
  pin(): void {
    this.setPinned(true);
    this.scrollToEnd();
  }

  /** While pinned only the anchor may anchor; while reading higher up, what is on screen anchors as usual (chat.css). */
  private setPinned(pinned: boolean): void {
    if (pinned === this.pinned && this.element.hasAttribute('data-pinned') === pinned) return;
    this.pinned = pinned;
    this.element.toggleAttribute('data-pinned', pinned);
  }

  private scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }

  private distanceFromBottom(): number {
    return this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight;
  }
}
