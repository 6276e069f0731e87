import * as vscode from 'vscode';
import type { Logger } from '../../core/index';
import { chatMessageSchema } from '../../shared/chat/protocol';
import { hostWebview, webviewOptions } from '../webviews/hostWebview';
import type { ChatController } from './chatController';

export const CHAT_VIEW_ID = 'switchboard.chat';

/** Serves the chat webview (`switchboard.chat`); the controller owns the state, so nothing is retained when hidden. */
export class ChatViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
    private readonly logger: Logger,
  ) {}

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    const webview = view.webview;
    const hosted = hostWebview(webview, {
      extensionUri: this.extensionUri,
      bundle: 'chat',
      title: vscode.l10n.t('Switchboard Chat'),
      label: 'chat view',
      logger: this.logger,
      schema: chatMessageSchema,
      connection: this.controller.connection,
      handle: (message) => this.controller.handle(message),
    });
    const visibility = view.onDidChangeVisibility(() => {
      if (!view.visible) this.controller.connection.hidden(webview);
    });
    view.onDidDispose(() => {
      visibility.dispose();
      hosted.dispose();
      if (this.view === view) this.view = undefined;
    });
  }
}
