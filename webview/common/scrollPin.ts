/**
 * Keeps a scrolling list pinned to its bottom while content grows, unless the person scrolled up to read.
 */
export class ScrollPin {
  private pinned = true;

  constructor(private readonly element: HTMLElement) {
    element.addEventListener('scroll', () => {
      this.pinned = this.distanceFromBottom() < 24;
    }, { passive: true });
  }

  /** Call after content changed. */
  update(): void {
    if (this.pinned) this.element.scrollTop = this.element.scrollHeight;
  }

  /** Pin again (the person sent a new message). */
  pin(): void {
    this.pinned = true;
    this.update();
  }

  private distanceFromBottom(): number {
    return this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight;
  }
}
