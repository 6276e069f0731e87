/**
 * "Sign in with OpenRouter": OAuth with PKCE (S256), no key pasting (PLATFORM-FACTS §3.4).
 *
 * 1. `SignInRegistry.begin()` makes a verifier, its challenge and a random nonce, and remembers them for 10 minutes.
 * 2. The host puts the nonce in its callback URL (`...?state=<nonce>`), and opens `authorizationUrl(...)`.
 * 3. OpenRouter redirects to the callback with `?code=`; `SignInRegistry.complete(query)` finds the sign-in by
 *    its nonce (once only), or refuses a stale, repeated or foreign callback with the reason.
 * 4. `exchangeCode(...)` posts `{code, code_verifier, code_challenge_method}` to `{base}/auth/keys` (no
 *    Authorization header) and returns the new key.
 * Without a working callback (headless), the page shows the code instead: `completeWithCode(nonce, code)`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SwitchboardError } from '../errors/switchboardError';
import { networkError, type ErrorSource } from '../errors/httpErrors';
import { joinUrl, parseJson, isRecord } from '../providers/providerHttp';
import type { Clock } from '../ports';
import type { Transport } from '../transport/transport';

/** ms a sign-in waits for its callback (OpenRouter's codes live 10 minutes too). */
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;

/** The query parameter of the callback URL that carries the sign-in's nonce. */
export const SIGN_IN_STATE_PARAMETER = 'state';

const OPENROUTER: ErrorSource = { id: 'openrouter', label: 'OpenRouter' };

/** base64url without padding (RFC 7636 §3). */
function base64Url(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A PKCE code verifier: 32 random bytes as base64url (43 characters, within RFC 7636's 43-128). */
export function createCodeVerifier(): string {
  return base64Url(randomBytes(32));
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
export function codeChallengeS256(verifier: string): string {
  return base64Url(createHash('sha256').update(verifier, 'ascii').digest());
}

/**
 * OpenRouter's authorization page for an API base URL: `https://openrouter.ai/api/v1` gives
 * `https://openrouter.ai/auth` (a base that is not `.../api/v1` gets `/auth` appended to it).
 */
export function authorizationPage(openRouterBaseUrl: string): string {
  const root = openRouterBaseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${root}/auth`;
}

/**
 * The URL to open in the browser. `callbackUrl` undefined = headless mode: the page shows the code to copy
 * (a challenge is then required, and always sent here). Parameters go through URLSearchParams, never string
 * concatenation, since a web callback (code-server's `asExternalUri`) carries its own query.
 */
export function authorizationUrl(options: { openRouterBaseUrl: string; codeChallenge: string; callbackUrl?: string }): string {
  const url = new URL(authorizationPage(options.openRouterBaseUrl));
  if (options.callbackUrl !== undefined) url.searchParams.set('callback_url', options.callbackUrl);
  url.searchParams.set('code_challenge', options.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** One sign-in waiting for its code. */
export interface PendingSignIn {
  /** random, carried in the callback URL's `state` parameter; identifies this sign-in */
  nonce: string;
  /** the PKCE verifier: stays on this machine until the exchange */
  verifier: string;
  /** base64url SHA-256 of the verifier, sent in the authorization URL */
  challenge: string;
  /** epoch ms after which the callback is refused */
  expiresAt: number;
}

/** Why a callback was refused; `message` says it to a person. */
export type SignInRefusal =
  | { refused: 'no-code'; message: string }
  | { refused: 'foreign'; message: string }
  | { refused: 'repeated'; message: string }
  | { refused: 'stale'; message: string };

/** A callback accepted: the code and the verifier to exchange it with. */
export interface SignInAccepted {
  code: string;
  verifier: string;
}

/**
 * Sign-ins in progress. Each is used at most once: a callback consumes it, so the same callback URL opened
 * again is refused ("repeated"), as is one past its expiry ("stale") or one no sign-in here started ("foreign").
 */
export class SignInRegistry {
  private readonly pending = new Map<string, PendingSignIn>();
  /** nonces already completed or expired, so a second callback gets the right reason */
  private readonly finished = new Map<string, 'repeated' | 'stale'>();

  constructor(private readonly clock: Pick<Clock, 'now'>, private readonly ttlMs = SIGN_IN_TTL_MS) {}

  begin(): PendingSignIn {
    const verifier = createCodeVerifier();
    const signIn: PendingSignIn = { nonce: base64Url(randomBytes(16)), verifier, challenge: codeChallengeS256(verifier), expiresAt: this.clock.now() + this.ttlMs };
    this.pending.set(signIn.nonce, signIn);
    return signIn;
  }

  /** Forgets a sign-in the person cancelled; its callback is then refused as repeated. */
  cancel(nonce: string): void {
    if (this.pending.delete(nonce)) this.finished.set(nonce, 'repeated');
  }

  /** The callback's query (`state=...&code=...`, with or without `?`), checked and consumed. */
  complete(query: string | URLSearchParams): SignInAccepted | SignInRefusal {
    const parameters = typeof query === 'string' ? new URLSearchParams(query.replace(/^\?/, '')) : query;
    const code = parameters.get('code')?.trim() ?? '';
    const nonce = parameters.get(SIGN_IN_STATE_PARAMETER) ?? '';
    if (code === '') {
      return { refused: 'no-code', message: 'OpenRouter sign-in: the callback carried no code. Run Sign in with OpenRouter again.' };
    }
    return this.completeWithCode(nonce, code);
  }

  /** A code for a known sign-in (the callback's, or one the person copied from the page in headless mode). */
  completeWithCode(nonce: string, code: string): SignInAccepted | SignInRefusal {
    this.expire();
    const signIn = this.pending.get(nonce);
    if (!signIn) {
      switch (this.finished.get(nonce)) {
        case 'repeated':
          return { refused: 'repeated', message: 'OpenRouter sign-in: this callback was already used. The key from it is kept; to sign in again, run Sign in with OpenRouter.' };
        case 'stale':
          return { refused: 'stale', message: 'OpenRouter sign-in: this callback came after its sign-in expired (10 minutes). Run Sign in with OpenRouter again.' };
        default:
          return { refused: 'foreign', message: 'OpenRouter sign-in: this callback does not belong to a sign-in started in this window, so it was ignored. Run Sign in with OpenRouter from here.' };
      }
    }
    this.pending.delete(nonce);
    this.finished.set(nonce, 'repeated');
    return { code: code.trim(), verifier: signIn.verifier };
  }

  /** The most recent sign-in still waiting (the copy-the-code fallback completes it). */
  latest(): PendingSignIn | undefined {
    this.expire();
    return [...this.pending.values()].at(-1);
  }

  private expire(): void {
    const now = this.clock.now();
    for (const [nonce, signIn] of this.pending) {
      if (now > signIn.expiresAt) {
        this.pending.delete(nonce);
        this.finished.set(nonce, 'stale');
      }
    }
  }
}

/** What the exchange returns: the new key, and the OpenRouter user id when said. */
export interface ExchangedKey {
  key: string;
  userId?: string;
}

/**
 * Exchanges an authorization code for a key: `POST {openRouterBaseUrl}/auth/keys` with the verifier, through the
 * core's transport, with no Authorization header. Failures are SwitchboardErrors that say what to do.
 */
export async function exchangeCode(
  transport: Transport,
  options: { openRouterBaseUrl: string; code: string; verifier: string; signal?: AbortSignal },
): Promise<ExchangedKey> {
  let status: number;
  let text: string;
  try {
    const response = await transport.request({
      url: joinUrl(options.openRouterBaseUrl, '/auth/keys'),
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code: options.code, code_verifier: options.verifier, code_challenge_method: 'S256' }),
      signal: options.signal,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw networkError(error, OPENROUTER);
  }
  const body = parseJson(text);
  if (status >= 200 && status < 300 && isRecord(body) && typeof body.key === 'string' && body.key.trim() !== '') {
    return { key: body.key.trim(), userId: typeof body.user_id === 'string' ? body.user_id : undefined };
  }
  throw exchangeError(status, body);
}

function exchangeError(status: number, body: unknown): SwitchboardError {
  const said = isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string' ? ` (${body.error.message})` : '';
  const make = (code: 'authentication' | 'bad-request' | 'provider-error', message: string, isRetryable = false): SwitchboardError =>
    new SwitchboardError({ code, message, provider: OPENROUTER.id, status, isRetryable });
  if (status === 403) {
    return make('authentication', `OpenRouter refused the sign-in code${said}: it is used, expired (codes last 10 minutes) or does not match this sign-in. Run Sign in with OpenRouter again.`);
  }
  if (status === 400 || status === 405) {
    return make('bad-request', `OpenRouter did not accept the sign-in request (HTTP ${status})${said}. Check switchboard.providerBaseUrls.openrouter, or set a key with Switchboard: Set API Key.`);
  }
  if (status >= 200 && status < 300) {
    return make('provider-error', 'OpenRouter answered the sign-in without a key. Run Sign in with OpenRouter again, or set a key with Switchboard: Set API Key.', true);
  }
  return make('provider-error', `OpenRouter sign-in failed (HTTP ${status})${said}. Retry in a moment.`, status >= 500 || status === 429);
}
