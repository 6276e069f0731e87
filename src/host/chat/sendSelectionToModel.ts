/**
 * `Switchboard: Send Selection to Model...`: pick a model and an optional instruction, then the selection goes to
 * that model in a NEW chat (the open one when it is still empty), so an unrelated conversation is never extended;
 * the earlier conversation stays in History. The picked model becomes the chat's model, as picking it in the view's
 * dropdown does, and the status bar says so.
 */
import * as vscode from 'vscode';
import type { ChatController } from './chatController';

/** What the command asks the person; the host test answers in their place. */
export interface SendSelectionPrompts {
  /** the selection as a fenced block, or undefined when there is none (the person was told) */
  selection(): string | undefined;
  /** the model to send to; undefined = cancelled */
  pickModel(): Thenable<string | undefined>;
  /** what to do with the code ('' = send the code alone); undefined = cancelled */
  instruction(model: string): Thenable<string | undefined>;
  /** shows the chat view */
  reveal(): Promise<void>;
}

/** Runs the command; resolves once the message was sent (the reply streams on: `chat.idle()` waits for it). */
export async function sendSelectionToModel(chat: ChatController, prompts: SendSelectionPrompts): Promise<void> {
  const block = prompts.selection();
  if (!block) return;
  const model = await prompts.pickModel();
  if (!model) return;
  const instruction = await prompts.instruction(model);
  if (instruction === undefined) return;
  await prompts.reveal();
  await chat.sendInNewChat(model, instruction.trim() ? `${instruction.trim()}\n\n${block}` : block);
}

/** The instruction input box of the command. */
export function askInstruction(model: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Switchboard: send the selection to {0}', model),
    prompt: vscode.l10n.t('What should the model do with it? (optional: Enter sends the code alone)'),
    placeHolder: vscode.l10n.t('e.g. Explain this code, or find the bug'),
  });
}
