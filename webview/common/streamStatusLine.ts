/**
 * The line a streaming reply (chat message or compare column) shows while the engine retries or falls back,
 * with a countdown to the next attempt. Cleared when text arrives or the stream ends.
 */
import { formatStreamStatus } from '../../src/shared/format';
import type { StreamStatus } from '../../src/shared/webview/protocol';
import { element } from './dom';
import { t } from './l10n';

export class StreamStatusLine {
  readonly element: HTMLElement;
  private status: StreamStatus | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly now: () => number = Date.now) {
    this.element = element('div', { class: 'stream-status', role: 'status', hidden: true });
  }

  /** shows `status`, counting down to its `untilEpochMs` once a second */
  show(status: StreamStatus): void {
    this.status = status;
    this.element.dataset.kind = status.kind;
    this.element.hidden = false;
    this.render();
    this.stopTimer();
    if (status.untilEpochMs !== undefined) this.timer = setInterval(() => this.render(), 1000);
  }

  clear(): void {
    if (!this.status) return;
    this.status = undefined;
    this.stopTimer();
    this.element.hidden = true;
    this.element.textContent = '';
    delete this.element.dataset.kind;
  }

  private render(): void {
    if (!this.status) return;
    this.element.replaceChildren(
      element('span', { class: `codicon codicon-${this.status.kind === 'retrying' ? 'watch' : 'arrow-swap'}`, 'aria-hidden': 'true' }),
      formatStreamStatus(this.status, this.now(), t));
    if (this.status.untilEpochMs !== undefined && this.status.untilEpochMs <= this.now()) this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
