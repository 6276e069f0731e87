/**
 * OpenRouter's OAuth PKCE routes for the loopback fixture server (PLATFORM-FACTS §3.4), mounted by one hook in
 * index.ts before the wire-format routes (`server.auth` steers and observes them):
 *   GET  /openrouter/auth?callback_url=&code_challenge=&code_challenge_method=
 *        the authorization page: issues a single-use code bound to the challenge, then redirects (302) to
 *        `callback_url` with `code` added to its query; without `callback_url` (headless mode, or
 *        `auth.page('show-code')`) it answers an HTML page showing the code in `#code`. A missing challenge, or a
 *        method other than S256/plain, gets 400.
 *   POST /openrouter/api/v1/auth/keys  `{code, code_verifier, code_challenge_method}` -> 200 `{key, user_id}` when
 *        the verifier hashes to the code's challenge; 403 for an unknown, used, expired or mismatched code; 400 for
 *        an unknown method; 405 for any other HTTP method. An Authorization header is recorded (it must not be sent).
 * code-server opens a 127.0.0.1 URL through its port resolver, which writes the query back decoded
 * (`encodeURI(uri.toString(true))`), so a callback_url's own query (`?vscode-reqid=…&vscode-scheme=…`) arrives split
 * into top-level parameters. openrouter.ai is not resolved that way (the string is opened as given), so the page folds
 * parameters it does not know back into callback_url, and records that it had to (`IssuedCode.refolded`).
 * The bodies are SYNTHETIC, in the shape of OpenRouter's OpenAPI spec (`/auth/keys`); the keys look like real ones
 * (`sk-or-v1-` prefix) but are fixture values.
 */
import type { ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';

/** One code the page issued. */
export interface IssuedCode {
  code: string;
  challenge: string;
  method: 'S256' | 'plain';
  /** the callback the page redirected to; undefined = headless */
  callbackUrl?: string;
  /** parameters that arrived beside callback_url and were folded back into it (see the note above) */
  refolded?: string[];
  used: boolean;
  expired: boolean;
}

/** One exchange the server answered. */
export interface AuthExchange {
  status: number;
  code?: string;
  /** true when the request carried an Authorization header (it must not) */
  hadAuthorization: boolean;
}

export interface OpenRouterAuthRoutes {
  /** 'redirect' (default) follows callback_url; 'show-code' always shows the code (the copy-the-code fallback) */
  page(mode: 'redirect' | 'show-code'): void;
  /** issues a code for a challenge as the page would (for tests that skip the browser) */
  issueCode(challenge: string, method?: 'S256' | 'plain'): string;
  /** marks every issued code expired (OpenRouter's codes live 10 minutes) */
  expireCodes(): void;
  readonly codes: IssuedCode[];
  readonly exchanges: AuthExchange[];
  /** the hook: answers when `path` (without the query) is one of these routes */
  handle(request: { method: string; url: string; path: string; headers: Record<string, string>; json?: unknown }, response: ServerResponse): boolean;
}

const PAGE_PATH = '/openrouter/auth';
const KEYS_PATH = '/openrouter/api/v1/auth/keys';

function base64Url(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function createOpenRouterAuthRoutes(): OpenRouterAuthRoutes {
  let mode: 'redirect' | 'show-code' = 'redirect';
  const codes: IssuedCode[] = [];
  const exchanges: AuthExchange[] = [];
  const issue = (challenge: string, method: 'S256' | 'plain', callbackUrl?: string): string => {
    const code = `fixture-code-${codes.length + 1}-${base64Url(createHash('sha256').update(challenge).digest()).slice(0, 8)}`;
    codes.push({ code, challenge, method, callbackUrl, used: false, expired: false });
    return code;
  };
  const json = (response: ServerResponse, status: number, value: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(value));
  };

  return {
    codes,
    exchanges,
    page(next) {
      mode = next;
    },
    issueCode(challenge, method = 'S256') {
      return issue(challenge, method);
    },
    expireCodes() {
      for (const code of codes) code.expired = true;
    },
    handle(request, response) {
      if (request.path === PAGE_PATH) {
        const query = new URL(request.url, 'http://127.0.0.1').searchParams;
        const challenge = query.get('code_challenge') ?? '';
        const method = query.get('code_challenge_method') ?? 'plain';
        if (challenge === '' || (method !== 'S256' && method !== 'plain')) {
          response.writeHead(400, { 'content-type': 'text/plain' });
          response.end('fixture auth page: code_challenge is required and code_challenge_method must be S256 or plain');
          return true;
        }
        let callback = query.get('callback_url') ?? undefined;
        const known = new Set(['callback_url', 'code_challenge', 'code_challenge_method', 'key_label']);
        const strays = [...query.keys()].filter((key) => !known.has(key));
        if (callback !== undefined && strays.length > 0) {
          const folded = new URL(callback.replace(/%3F/i, '?'));
          for (const key of strays) folded.searchParams.set(key, query.get(key) ?? '');
          callback = folded.toString();
        }
        const code = issue(challenge, method, mode === 'redirect' ? callback : undefined);
        if (strays.length > 0) codes[codes.length - 1].refolded = strays;
        if (callback !== undefined && mode === 'redirect') {
          const target = new URL(callback);
          target.searchParams.set('code', code);
          response.writeHead(302, { location: target.toString() });
          response.end();
          return true;
        }
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(`<!doctype html><title>Fixture OpenRouter sign-in</title><p>Paste this code into your app:</p><code id="code">${code}</code>`);
        return true;
      }
      if (request.path !== KEYS_PATH) return false;
      const hadAuthorization = request.headers.authorization !== undefined;
      const answer = (status: number, value: unknown, code?: string): true => {
        exchanges.push({ status, code, hadAuthorization });
        json(response, status, value);
        return true;
      };
      if (request.method !== 'POST') return answer(405, { error: { code: 405, message: 'Method not allowed' } });
      const body = (request.json ?? {}) as { code?: unknown; code_verifier?: unknown; code_challenge_method?: unknown };
      const code = typeof body.code === 'string' ? body.code : undefined;
      const method = body.code_challenge_method ?? 'plain';
      if (method !== 'S256' && method !== 'plain') return answer(400, { error: { code: 400, message: 'Invalid code_challenge_method' } }, code);
      const issued = codes.find((item) => item.code === code);
      const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
      const derived = method === 'S256' ? base64Url(createHash('sha256').update(verifier, 'ascii').digest()) : verifier;
      if (!issued || issued.used || issued.expired || issued.method !== method || derived !== issued.challenge) {
        return answer(403, { error: { code: 403, message: 'Invalid code or code_verifier' } }, code);
      }
      issued.used = true;
      const index = String(codes.indexOf(issued) + 1).padStart(4, '0');
      return answer(200, { key: `sk-or-v1-oauth-fixture-${index}`, user_id: 'user_fixture' }, code);
    },
  };
}
