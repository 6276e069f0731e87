/** Registers `@switchboard` (chat participants are stable since 1.90; the contribution is in package.json). */
import * as vscode from 'vscode';
import type { HostServices } from '../hostServices';
import type { CompareController } from '../compare/compareController';
import type { ModelSets } from '../compare/modelSets';
import { createParticipantHandler, SHOW_COMPARISON_COMMAND, type ParticipantDependencies } from './participantHandler';
import { hostSpendSource } from './spendSummary';

export const PARTICIPANT_ID = 'switchboard.participant';
/** models a default `/compare` runs at most */
const DEFAULT_COMPARE_SIZE = 3;

export interface ParticipantWiring {
  services: HostServices;
  compare: { controller: CompareController; sets: ModelSets; showPanel(): void };
  /** the model quick pick (`Switchboard: Select Model`) */
  pickModel(): Promise<string | undefined>;
}

/** The participant's dependencies from the host's features (the in-host tests build the same). */
export function participantDependencies(wiring: ParticipantWiring): ParticipantDependencies {
  const { services, compare } = wiring;
  return {
    services,
    spend: hostSpendSource(services),
    compareModels: () => compare.sets.list()[0]?.models
      ?? [...new Set([services.model.get(), ...services.winTally.winners(), ...services.recent.list()])].slice(0, DEFAULT_COMPARE_SIZE),
    runComparison: async (models, prompt) => {
      compare.controller.setModels(models);
      await compare.controller.run(prompt);
      return compare.controller.current;
    },
    pickModel: wiring.pickModel,
    l10n: vscode.l10n,
  };
}

export function registerParticipant(context: vscode.ExtensionContext, wiring: ParticipantWiring): void {
  const handler = createParticipantHandler(participantDependencies(wiring));
  try {
    const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, chatContext, stream, token) => handler(request, chatContext.history, stream, token));
    participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    context.subscriptions.push(participant);
  } catch (error) {
    wiring.services.logger.error(`could not register @switchboard: ${error instanceof Error ? error.message : String(error)}`);
  }
  context.subscriptions.push(vscode.commands.registerCommand(SHOW_COMPARISON_COMMAND, () => wiring.compare.showPanel()));
}
