import type { ArenaStore, Core, Logger } from '../core/index';
import type { ApiKeyStore } from './keys/apiKeys';
import type { ConversationStore } from './conversations/conversationStore';
import type { ConversationViews } from './conversations/conversationViews';
import type { CurrentModel } from './models/currentModel';
import type { RecentModels } from './models/recentModels';
import type { HostSettings } from './platform/settings';
import type { WinTally } from './models/winTally';

/** What the host's features share: built once in activate(), the core created on first use. */
export interface HostServices {
  /** the core, created on first call (activation stays fast) */
  core(): Core;
  readonly keys: ApiKeyStore;
  readonly conversations: ConversationStore;
  /** the comparisons' runs the model leaderboard reads (arena.json next to the conversations) */
  readonly arena: ArenaStore;
  /** what one view asks of another about conversations (open a comparison, continue in chat, history changed) */
  readonly views: ConversationViews;
  readonly recent: RecentModels;
  readonly winTally: WinTally;
  readonly model: CurrentModel;
  readonly logger: Logger;
  settings(): HostSettings;
  /** label of a local OpenAI-compatible server that answered the probe, if any */
  localServer(): string | undefined;
  /** spend or budget changed: refresh the status bar, warn near a cap, update the usage view */
  spendChanged(): void;
  /** the open workspace's name (ledger records are tagged with it); undefined = none open */
  workspaceName(): string | undefined;
}
