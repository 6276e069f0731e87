/**
 * Builds the chat feature: its controller, the sidebar view and the commands that act on the chat
 * (open, new, send the selection, export).
 */
import * as vscode from 'vscode';
import type { KeyValueStore } from '../../core/index';
import type { HostToWebview } from '../../shared/chat/protocol';
import type { StoredConversation } from '../conversations/conversation';
import { exportConversationInteractive } from '../conversations/exportConversation';
import { editorSelectionBlock } from '../editor/editorSelection';
import type { HostServices } from '../hostServices';
import { pickModel } from '../models/modelPicker';
import type { CommandHandler } from '../platform/commands';
import { ChatController } from './chatController';
import { CHAT_VIEW_ID, ChatViewProvider } from './chatViewProvider';
import { askInstruction, sendSelectionToModel } from './sendSelectionToModel';

export interface ChatFeature extends vscode.Disposable {
  readonly controller: ChatController;
  /** the chat's commands, by id */
  readonly commands: Readonly<Record<string, CommandHandler>>;
  /** shows the chat view */
  reveal(): Promise<void>;
}

export function createChatFeature(options: {
  services: HostServices;
  extensionUri: vscode.Uri;
  /** the window's state: the open conversation across reloads */
  windowState: KeyValueStore;
  /** the test seam that sees every post (outside production only) */
  observer?: (message: HostToWebview) => void;
}): ChatFeature {
  const { services } = options;
  const chat = new ChatController(services, options.windowState, options.observer);
  const viewProvider = new ChatViewProvider(options.extensionUri, chat, services.logger);
  const registration = vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, viewProvider, { webviewOptions: { retainContextWhenHidden: false } });
  const reveal = async (): Promise<void> => {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  };

  const selectionFromEditor = (): string | undefined => {
    const block = editorSelectionBlock();
    if (block === undefined) void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: select some code in an editor first.'));
    return block;
  };

  const exportConversation = async (conversationId?: unknown): Promise<void> => {
    let conversation: StoredConversation = chat.current;
    if (typeof conversationId === 'string' && conversationId !== chat.current.id) {
      conversation = await services.conversations.load(conversationId);
    }
    if (conversation.messages.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: this conversation is empty; there is nothing to export yet.'));
      return;
    }
    await exportConversationInteractive(conversation);
  };

  const commands: Record<string, CommandHandler> = {
    'switchboard.openChat': reveal,
    'switchboard.newChat': async () => {
      await chat.newChat();
      await reveal();
    },
    'switchboard.sendSelectionToChat': async () => {
      const block = selectionFromEditor();
      if (!block) return;
      chat.setDraft(block);
      await reveal();
    },
    'switchboard.sendSelectionToModel': () => sendSelectionToModel(chat, {
      selection: selectionFromEditor,
      pickModel: () => pickModel(services.core(), services.recent, services.winTally, {
        current: services.model.get(), title: vscode.l10n.t('Switchboard: Send Selection to Model'),
      }),
      instruction: askInstruction,
      reveal,
    }),
    'switchboard.exportConversation': exportConversation,
  };

  return {
    controller: chat,
    commands,
    reveal,
    dispose: () => {
      registration.dispose();
      chat.dispose();
    },
  };
}
