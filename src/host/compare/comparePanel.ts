/**
 * Hosts the compare webview in an editor-area panel (`switchboard.compare`). One panel at a time; the controller
 * owns the state, so nothing is retained when the panel is hidden and a full snapshot answers `webview/ready`.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/index';
import { compareMessageSchema, type HostToWebview } from '../../shared/compare/protocol';
import { EditorPanel } from '../webviews/editorPanel';
import type { CompareController } from './compareController';

export const COMPARE_VIEW_TYPE = 'switchboard.compare';

export class ComparePanel implements vscode.Disposable {
  private controller: CompareController | undefined;
  private readonly panel: EditorPanel<typeof compareMessageSchema, HostToWebview>;

  constructor(extensionUri: vscode.Uri, logger: Logger) {
    this.panel = new EditorPanel(COMPARE_VIEW_TYPE, vscode.l10n.t('Compare Models'), () => {
      const controller = this.controller;
      if (!controller) throw new Error('The compare panel is not connected to its controller.');
      return {
        extensionUri,
        bundle: 'compare',
        title: vscode.l10n.t('Switchboard: Compare Models'),
        label: 'compare panel',
        logger,
        schema: compareMessageSchema,
        connection: controller.connection,
        handle: (message) => controller.handle(message),
      };
    });
  }

  /** The controller is built after the panel host (it needs `show`), so it is connected here. */
  connect(controller: CompareController): void {
    this.controller = controller;
  }

  get isOpen(): boolean {
    return this.panel.isOpen;
  }

  /** Shows the panel, creating it in the active editor group when it is closed. */
  show(): void {
    this.panel.show();
  }

  dispose(): void {
    this.panel.dispose();
  }
}
