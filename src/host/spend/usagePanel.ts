/**
 * Hosts the usage view in an editor panel (`switchboard.usage`): one at a time, restored after a reload
 * (a panel serializer), no state kept in the page: a full snapshot answers `webview/ready`.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/index';
import { usageMessageSchema, type HostToUsage } from '../../shared/usage/protocol';
import { EditorPanel } from '../webviews/editorPanel';
import type { UsageController } from './usageController';

export const USAGE_VIEW_TYPE = 'switchboard.usage';

/** The usage view's panel: EditorPanel with the usage page, restored after a reload. */
export class UsagePanel extends EditorPanel<typeof usageMessageSchema, HostToUsage> {
  constructor(extensionUri: vscode.Uri, controller: UsageController, logger: Logger) {
    super(
      USAGE_VIEW_TYPE,
      vscode.l10n.t('Switchboard Usage'),
      () => ({
        extensionUri,
        bundle: 'usage',
        title: vscode.l10n.t('Switchboard Usage'),
        label: 'usage view',
        logger,
        schema: usageMessageSchema,
        connection: controller.connection,
        handle: (message) => controller.handle(message),
      }),
      { restore: true },
    );
  }
}
