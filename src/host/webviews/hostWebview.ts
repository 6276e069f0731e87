/**
 * What hosting any Switchboard webview takes: the page (nonce CSP, resources through `asWebviewUri`), the
 * connection to its controller, and every incoming message validated against the view's protocol before the
 * controller sees it. The chat view and the compare panel both use it.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type * as v from 'valibot';
import type { Logger } from '../../core/index';
import { renderWebviewHtml } from '../../shared/webviewHtml';
import { validateWebviewMessage } from './validateMessage';
import type { WebviewConnection } from './webviewConnection';

/** The options both webviews take: scripts on, resources only from dist/webview and media. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export interface HostedView<S extends Parameters<typeof validateWebviewMessage>[0], M extends { type: string }> {
  extensionUri: vscode.Uri;
  /** the bundle's name in dist/webview: `chat` loads chat.js (and chat.css when the build emits one) */
  bundle: string;
  title: string;
  /** names the view in the log: "chat view", "compare panel" */
  label: string;
  logger: Logger;
  /** the view's protocol */
  schema: S;
  connection: WebviewConnection<M>;
  /** runs one validated message */
  handle(message: v.InferOutput<S>): Promise<void>;
}

/** Renders the page into `webview`, attaches it to the connection and routes its messages; dispose to stop. */
export function hostWebview<S extends Parameters<typeof validateWebviewMessage>[0], M extends { type: string }>(
  webview: vscode.Webview,
  view: HostedView<S, M>,
): vscode.Disposable {
  const webviewRoot = vscode.Uri.joinPath(view.extensionUri, 'dist', 'webview');
  const asUri = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, name)).toString();
  webview.html = renderWebviewHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64url'),
    scriptUri: asUri(`${view.bundle}.js`),
    // the webview bundle may inject its own CSS; a <bundle>.css next to it is linked when the build emits one
    styleUris: ['codicon.css', `${view.bundle}.css`].filter((name) => existsSync(vscode.Uri.joinPath(webviewRoot, name).fsPath)).map(asUri),
    title: view.title,
    // the page's strings in the display language (none in English: the source strings are the keys)
    bodyAttributes: { 'data-view': view.bundle, 'data-l10n': JSON.stringify(vscode.l10n.bundle ?? {}) },
  });
  view.connection.attach(webview);
  const subscription = webview.onDidReceiveMessage((raw: unknown) => {
    const result = validateWebviewMessage(view.schema, raw);
    if (!result.ok) {
      view.logger.warn(`${view.label}: ignored a malformed message (${result.reason})`);
      return;
    }
    view.handle(result.message).catch((error: unknown) => {
      view.logger.error(`${view.label}: ${result.message.type} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
  });
  return new vscode.Disposable(() => {
    subscription.dispose();
    view.connection.detach(webview);
  });
}
