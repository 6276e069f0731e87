/**
 * The model new replies go to. SWITCHBOARD_MODEL wins; otherwise the last one picked (kept in globalState) and,
 * before anything was picked, `switchboard.model`. Changing `switchboard.model` makes it the current one again.
 * No vscode import.
 */
import type { KeyValueStore } from '../../core/index';
import type { HostSettings } from '../platform/settings';

const KEY = 'switchboard.selectedModel';

export class CurrentModel {
  private readonly listeners = new Set<(model: string) => void>();

  constructor(private readonly store: KeyValueStore, private readonly settings: () => HostSettings) {}

  get(): string {
    const settings = this.settings();
    if (settings.modelFromEnvironment) return settings.model;
    return this.store.get<string>(KEY) ?? settings.model;
  }

  async set(model: string): Promise<void> {
    await this.store.set(KEY, model);
    this.fire();
  }

  /** `switchboard.model` changed: it becomes the current model */
  async settingChanged(): Promise<void> {
    await this.store.set(KEY, undefined);
    this.fire();
  }

  onDidChange(listener: (model: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(): void {
    const model = this.get();
    for (const listener of this.listeners) listener(model);
  }
}
