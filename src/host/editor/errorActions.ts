/**
 * The error panel's actions that are the same in every view: set a key, open the settings, lower max tokens,
 * add credits. Retry and pick-model depend on the view (a chat reply or a compare column), so each view runs those.
 */
import * as vscode from 'vscode';
import { builtInProvider } from '../../core/index';
import type { ErrorAction } from '../../shared/viewModels';

/** Runs `action` for `provider` (the provider whose request failed). */
export async function runCommonErrorAction(action: Exclude<ErrorAction, 'retry'>, provider: string | undefined): Promise<void> {
  switch (action) {
    case 'set-key':
      await vscode.commands.executeCommand('switchboard.setApiKey', provider);
      return;
    case 'pick-model':
      await vscode.commands.executeCommand('switchboard.selectModel');
      return;
    case 'open-settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard');
      return;
    case 'open-budget':
      // the three caps, not every Switchboard setting (the refusal names which cap to raise)
      await vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.budget');
      return;
    case 'lower-max-tokens':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.maxTokens');
      return;
    case 'add-credits': {
      const page = builtInProvider(provider ?? 'openrouter')?.creditsPage;
      if (page) await vscode.env.openExternal(vscode.Uri.parse(page));
      return;
    }
    default: {
      const unreachable: never = action;
      throw new Error(`unknown error action ${String(unreachable)}`);
    }
  }
}
