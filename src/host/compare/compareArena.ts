/**
 * The arena side of the compare panel: the Blind toggle (kept across sessions), the shuffled order of a blind run,
 * reveal, the pick (blind or sighted), tags, and recording every settled comparison in the arena store that the
 * leaderboard reads. No vscode import.
 */
import { normalizeTags, shuffleForBlind, type ArenaStore, type KeyValueStore, type RandomSource } from '../../core/index';
import type { StreamMessage } from '../../shared/webview/protocol';
import type { StoredConversation } from '../conversations/conversation';
import type { Logger } from '../../core/index';
import { arenaRunOf } from '../conversations/arenaRecord';
import { hiddenStreamStatus } from './blindView';

const BLIND_MODE_KEY = 'switchboard.compare.blindMode';

export class CompareArena {
  constructor(
    private readonly store: KeyValueStore,
    private readonly arena: ArenaStore,
    private readonly logger: Logger,
    private readonly random: RandomSource = Math.random,
  ) {}

  /** the Blind toggle, for the next run */
  get blindMode(): boolean {
    return this.store.get<boolean>(BLIND_MODE_KEY) === true;
  }

  async setBlindMode(blind: boolean): Promise<void> {
    await this.store.set(BLIND_MODE_KEY, blind);
  }

  /** The column order of a new run of `models`: shuffled (and the comparison marked blind) when the toggle is on. */
  arrange(comparison: StoredConversation, models: readonly string[]): string[] {
    if (!this.blindMode || !comparison.compare) return [...models];
    const order = shuffleForBlind(models, this.random);
    comparison.compare.models = order;
    comparison.compare.blind = true;
    return order;
  }

  /** true while `comparison` is blind and its names are not shown yet */
  namesHidden(comparison: StoredConversation): boolean {
    return comparison.compare?.blind === true && comparison.compare.revealed !== true;
  }

  /** Shows the names; false when there was nothing to reveal. */
  reveal(comparison: StoredConversation): boolean {
    if (!this.namesHidden(comparison)) return false;
    comparison.compare!.revealed = true;
    return true;
  }

  /** Records `column` as the winner; a pick made while the names were hidden counts as a blind win, and reveals. */
  pick(comparison: StoredConversation, column: number): void {
    const compare = comparison.compare!;
    if (this.namesHidden(comparison)) {
      compare.winnerPickedBlind = true;
      compare.revealed = true;
    }
    compare.winner = column;
  }

  setTags(comparison: StoredConversation, tags: readonly string[]): void {
    if (comparison.compare) comparison.compare.tags = normalizeTags(tags);
  }

  /** A stream message as the webview may see it: a hidden column's retry or fallback status names no provider. */
  streamMessage(comparison: StoredConversation, message: StreamMessage): StreamMessage {
    if (message.type !== 'stream/part' || !message.delta.status || !this.namesHidden(comparison)) return message;
    return { ...message, delta: { ...message.delta, status: hiddenStreamStatus(message.delta.status) } };
  }

  /** Saves the arena's record of `comparison` once every column settled (the leaderboard reads it). */
  async record(comparison: StoredConversation): Promise<void> {
    const run = arenaRunOf(comparison);
    if (!run) return;
    try {
      await this.arena.save(run);
    } catch (error) {
      this.logger.error(`Could not record comparison ${comparison.id} for the leaderboard: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
