/**
 * Redaction for anything serialised (logs, the webview, exports): keys never leave the process in text.
 */

const REDACTED = '[REDACTED]';

/** Header names whose values are credentials, lower-case. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'x-goog-api-key', 'api-key', 'cookie', 'set-cookie']);

/**
 * Key-shaped strings, most specific first. Each keeps a short recognisable prefix so a log still says which kind
 * of key was there.
 */
const SECRET_PATTERNS: { pattern: RegExp; replacement: string }[] = [
  { pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, replacement: `$1 ${REDACTED}` },
  { pattern: /\bsk-or-v1-[A-Za-z0-9_-]{8,}/g, replacement: `sk-or-v1-${REDACTED}` },
  { pattern: /\bsk-ant-[A-Za-z0-9_-]{8,}/g, replacement: `sk-ant-${REDACTED}` },
  { pattern: /\bsk-(?!or-v1-\[|ant-\[)[A-Za-z0-9_-]{16,}/g, replacement: `sk-${REDACTED}` },
  { pattern: /\bAIza[0-9A-Za-z_-]{20,}/g, replacement: `AIza${REDACTED}` },
  {
    pattern: /((?:"|')?(?:authorization|x-api-key|x-goog-api-key|api[_-]?key|apikey)(?:"|')?\s*[:=]\s*(?:"|')?)(?!\[REDACTED\]|(?:Bearer|Basic)\s)[^"'\s,;}&]+/gi,
    replacement: `$1${REDACTED}`,
  },
  { pattern: /([?&](?:key|api_key|apikey)=)[^&\s"']+/gi, replacement: `$1${REDACTED}` },
];

/** Replaces API keys, bearer tokens and key-valued fields in free text with `[REDACTED]`. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const { pattern, replacement } of SECRET_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

/** A copy of `headers` with credential headers replaced and key-shaped strings in the others redacted. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) {
      continue;
    }
    const text = Array.isArray(value) ? value.join(', ') : value;
    result[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactSecrets(text);
  }
  return result;
}
