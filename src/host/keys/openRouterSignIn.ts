/**
 * "Sign in with OpenRouter" in VS Code: opens OpenRouter's page with a PKCE challenge and a callback into this
 * extension (`<uriScheme>://switchboard-dev.switchboard/openrouter-auth?state=<nonce>`, turned into an https URL by
 * `env.asExternalUri` on the web and in remotes such as code-server), takes the callback through the URI handler,
 * exchanges the code for a key and stores it like a pasted one. When the browser cannot come back (a headless or
 * locked-down setup), "Paste a Code Instead" opens the page without a callback and asks for the code it shows.
 */
import * as vscode from 'vscode';
import { authorizationUrl, SignInRegistry, SIGN_IN_STATE_PARAMETER, systemClock, type SignInAccepted } from '../../core/index';
import type { HostServices } from '../hostServices';
import { saveCheckedApiKey } from './keyCommands';

/** The path of the callback URI the handler answers. */
export const SIGN_IN_CALLBACK_PATH = '/openrouter-auth';

/**
 * Opens an http(s) URL exactly as given. A vscode.Uri would decode the `%26` and `%3D` inside `callback_url` when
 * parsed and write them back as `&` and `=` (query encoding keeps those), so OpenRouter would see the callback's own
 * query split off; `env.openExternal` also takes the URL as a string (ExtHostWindow.openUri), which it opens as is.
 */
function openUrl(url: string): Thenable<boolean> {
  return vscode.env.openExternal(url as unknown as vscode.Uri);
}

export class OpenRouterSignIn implements vscode.UriHandler {
  private readonly registry = new SignInRegistry(systemClock);

  constructor(private readonly services: HostServices, private readonly extensionId: string) {}

  private baseUrl(): string {
    const openRouter = this.services.core().providers().find((provider) => provider.id === 'openrouter');
    if (!openRouter) throw new Error('OpenRouter is not among the providers.');
    return openRouter.baseUrl;
  }

  /** Begins a sign-in: the authorization URL with its challenge and the callback into this extension. */
  async authorizationUrl(): Promise<string> {
    return (await this.begin()).url;
  }

  private async begin(): Promise<{ url: string; nonce: string }> {
    const signIn = this.registry.begin();
    const callback = vscode.Uri.from({
      scheme: vscode.env.uriScheme, authority: this.extensionId, path: SIGN_IN_CALLBACK_PATH, query: `${SIGN_IN_STATE_PARAMETER}=${signIn.nonce}`,
    });
    const external = await vscode.env.asExternalUri(callback);
    const url = authorizationUrl({ openRouterBaseUrl: this.baseUrl(), codeChallenge: signIn.challenge, callbackUrl: external.toString(true) });
    return { url, nonce: signIn.nonce };
  }

  /** `Switchboard: Sign in with OpenRouter`: opens the browser; the URI handler finishes. */
  async start(): Promise<void> {
    const { url, nonce } = await this.begin();
    this.services.logger.info('OpenRouter sign-in: opened the authorization page');
    const opened = await openUrl(url);
    // not awaited: the command ends here and the URI handler finishes; the button stays as the way out
    void vscode.window.showInformationMessage(
      opened
        ? vscode.l10n.t('Switchboard: finish signing in with OpenRouter in your browser; VS Code picks the key up when you come back.')
        : vscode.l10n.t('Switchboard: the browser did not open. Sign in by copying a code instead?'),
      vscode.l10n.t('Paste a Code Instead'),
    ).then(async (choice) => {
      if (!choice) return;
      this.registry.cancel(nonce);
      await this.withCode();
    });
  }

  /** The copy-the-code fallback: the page without a callback shows a code; the person pastes it here. */
  async withCode(): Promise<void> {
    const signIn = this.registry.begin();
    const url = authorizationUrl({ openRouterBaseUrl: this.baseUrl(), codeChallenge: signIn.challenge });
    await openUrl(url);
    const code = await vscode.window.showInputBox({
      title: vscode.l10n.t('Switchboard: Sign in with OpenRouter'),
      prompt: vscode.l10n.t('Sign in on the page that opened (or open {0}), then paste the code it shows.', url),
      ignoreFocusOut: true,
      validateInput: (value) => (/\s/.test(value.trim()) ? vscode.l10n.t('A code has no spaces or line breaks: check what was copied.') : undefined),
    });
    if (code === undefined || !code.trim()) {
      this.registry.cancel(signIn.nonce);
      return;
    }
    await this.finish(this.registry.completeWithCode(signIn.nonce, code));
  }

  /** The callback from the browser (registered with `window.registerUriHandler`). */
  handleUri(uri: vscode.Uri): Promise<void> {
    return this.callback(uri).then(() => undefined);
  }

  /** Finishes the sign-in a callback belongs to; resolves with the refusal shown, if any. */
  async callback(uri: vscode.Uri): Promise<string | undefined> {
    if (uri.path !== SIGN_IN_CALLBACK_PATH) {
      this.services.logger.warn(`URI handler: ignored ${uri.path} (only ${SIGN_IN_CALLBACK_PATH} is handled)`);
      return vscode.l10n.t('Switchboard does not handle {0}.', uri.path);
    }
    return this.finish(this.registry.complete(uri.query));
  }

  /** Exchanges an accepted code and stores the key; resolves with the refusal or failure shown, if any. */
  private async finish(outcome: SignInAccepted | { refused: string; message: string }): Promise<string | undefined> {
    if ('refused' in outcome) {
      this.services.logger.warn(`OpenRouter sign-in refused (${outcome.refused})`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Switchboard: {0}', outcome.message));
      return outcome.message;
    }
    try {
      const exchanged = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Switchboard: signing in with OpenRouter…') },
        () => this.services.core().exchangeOpenRouterCode(outcome),
      );
      // the key came from OpenRouter itself: keep it even if the check cannot reach OpenRouter right now
      const saved = await saveCheckedApiKey(this.services, 'openrouter', exchanged.key, { saveUnverified: async () => true });
      if (!saved.saved) throw new Error(saved.message);
      this.services.logger.info('OpenRouter sign-in: key saved');
      void vscode.window.showInformationMessage(saved.check?.summary
        ? vscode.l10n.t('Switchboard: signed in with OpenRouter; the key is saved ({0}).', saved.check.summary)
        : vscode.l10n.t('Switchboard: signed in with OpenRouter; the key is saved.'));
      this.services.spendChanged();
      return undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.services.logger.warn(`OpenRouter sign-in failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Switchboard: {0}', message));
      return message;
    }
  }
}
