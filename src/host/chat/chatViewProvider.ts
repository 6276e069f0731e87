import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { renderWebviewHtml } from '../../shared/webviewHtml';
import type { Logger } from '../../core/index';
import { validateWebviewMessage } from '../validateMessage';
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
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [webviewRoot, vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    const asUri = (...segments: string[]): string => view.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, ...segments)).toString();
    view.webview.html = renderWebviewHtml({
      cspSource: view.webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: asUri('chat.js'),
      // the webview bundle may inject its own CSS; a chat.css next to it is linked when the build emits one
      styleUris: ['codicon.css', 'chat.css'].filter((name) => existsSync(vscode.Uri.joinPath(webviewRoot, name).fsPath)).map((name) => asUri(name)),
      title: 'Switchboard Chat',
      bodyAttributes: { 'data-view': 'chat' },
    });
    const webview = view.webview;
    this.controller.connection.attach(webview);
    const subscription = webview.onDidReceiveMessage((raw: unknown) => {
      const result = validateWebviewMessage(raw);
      if (!result.ok) {
        this.logger.warn(`chat view: ignored a malformed message (${result.reason})`);
        return;
      }
      this.controller.handle(result.message).catch((error: unknown) => {
        this.logger.error(`chat view: ${result.message.type} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      });
    });
    const visibility = view.onDidChangeVisibility(() => {
      if (!view.visible) this.controller.connection.hidden(webview);
    });
    view.onDidDispose(() => {
      visibility.dispose();
      subscription.dispose();
      this.controller.connection.detach(webview);
      if (this.view === view) this.view = undefined;
    });
  }
}
