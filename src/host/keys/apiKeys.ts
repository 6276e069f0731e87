import * as vscode from 'vscode';
import type { SecretSource } from '../../core/index';

const PREFIX = 'switchboard.apiKey.';

/**
 * API keys in VS Code's SecretStorage, one entry per provider (`switchboard.apiKey.<provider>`), trimmed.
 * This is the only place keys are stored; the webview only ever learns `hasKey`.
 */
export class ApiKeyStore implements SecretSource, vscode.Disposable {
  /** provider id -> whether a key is stored, for the synchronous view state; filled by refresh() */
  private readonly present = new Map<string, boolean>();
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly subscription: vscode.Disposable;
  /** fires with the provider id after its key was set or cleared (here or in another window) */
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (!event.key.startsWith(PREFIX)) return;
      const provider = event.key.slice(PREFIX.length);
      this.present.set(provider, (await this.getApiKey(provider)) !== undefined);
      this.changed.fire(provider);
    });
  }

  async getApiKey(providerId: string): Promise<string | undefined> {
    const value = (await this.secrets.get(PREFIX + providerId))?.trim();
    return value ? value : undefined;
  }

  async setApiKey(providerId: string, apiKey: string): Promise<void> {
    const trimmed = apiKey.trim();
    if (!trimmed) throw new Error('An empty key was not saved.');
    await this.secrets.store(PREFIX + providerId, trimmed);
    this.present.set(providerId, true);
  }

  async clearApiKey(providerId: string): Promise<void> {
    await this.secrets.delete(PREFIX + providerId);
    this.present.set(providerId, false);
  }

  async hasApiKey(providerId: string): Promise<boolean> {
    const has = (await this.getApiKey(providerId)) !== undefined;
    this.present.set(providerId, has);
    return has;
  }

  /** what refresh() last saw; undefined = not looked yet */
  knownHasKey(providerId: string): boolean | undefined {
    return this.present.get(providerId);
  }

  async refresh(providerIds: readonly string[]): Promise<void> {
    await Promise.all(providerIds.map((id) => this.hasApiKey(id)));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
