/**
 * Which Switchboard models VS Code's chat shows: the ones chosen with `Switchboard: Choose Models for VS Code
 * Chat` (`switchboard.vscodeChat.models`), else the current model, the recent ones and comparison winners (not the
 * whole catalog). No vscode import.
 */

/** Most models offered by default (the setting may list more). */
export const DEFAULT_CHOICE_LIMIT = 8;

/** What the default choice is made of, most important first. */
export interface ModelChoiceSources {
  current: string;
  recent: readonly string[];
  /** models that won comparisons, most wins first */
  winners: readonly string[];
}

/** A namespaced id (`provider:model`) as the setting must hold it. */
export function isModelId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]+:\S+$/.test(value.trim());
}

/** The models to show: the setting's valid entries when it has any, else the default choice; no duplicates. */
export function chosenModels(setting: unknown, sources: ModelChoiceSources): string[] {
  const configured = Array.isArray(setting) ? setting.filter(isModelId).map((id) => id.trim()) : [];
  if (configured.length > 0) return [...new Set(configured)];
  return [...new Set([sources.current, ...sources.recent, ...sources.winners])].filter(isModelId).slice(0, DEFAULT_CHOICE_LIMIT);
}
