/** Which conversation the chat shows, remembered in the window's state so a reloaded window shows it again. No vscode import. */
import type { KeyValueStore } from '../../core/index';

/** key (in the window's state) of the conversation the chat shows */
export const OPEN_CONVERSATION_KEY = 'switchboard.openConversation';

export class OpenConversation {
  private restored = false;

  constructor(private readonly windowState: KeyValueStore | undefined) {}

  /** The id to reopen, once per window (the first time the view asks for its state); undefined after that or when none. */
  takeRestore(): string | undefined {
    if (this.restored) return undefined;
    this.restored = true;
    const id = this.windowState?.get<string>(OPEN_CONVERSATION_KEY);
    return typeof id === 'string' ? id : undefined;
  }

  async remember(conversationId: string | undefined): Promise<void> {
    await this.windowState?.set(OPEN_CONVERSATION_KEY, conversationId);
  }
}
