/**
 * Validation of messages from a webview. A webview renders untrusted model output, so everything it sends is
 * checked here before the host acts on it: the type must be one the host accepts, every field must have the
 * right type and a bounded length, and unknown fields are dropped. No vscode import: unit-tested in plain Node.
 */
import { WEBVIEW_TO_HOST_TYPES, type WebviewToHost } from '../shared/protocol';

type FieldSpec =
  | { kind: 'string'; max: number; optional?: boolean; pattern?: RegExp; oneOf?: readonly string[] }
  | { kind: 'integer'; min: number; max: number; optional?: boolean };

/** ids made by the webview or the host: also used as file names, so no dots, slashes or spaces */
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const id: FieldSpec = { kind: 'string', max: 100, pattern: ID_PATTERN };
/** a prompt or an edited message: 200k characters is far above any context window we would send */
const promptText: FieldSpec = { kind: 'string', max: 200_000 };
/** a namespaced model id: `provider:vendor/model:variant` */
const modelId: FieldSpec = { kind: 'string', max: 300, pattern: /^[A-Za-z0-9_.-]+:\S+$/ };
const providerId: FieldSpec = { kind: 'string', max: 100, pattern: ID_PATTERN, optional: true };
const code: FieldSpec = { kind: 'string', max: 1_000_000 };
const column: FieldSpec = { kind: 'integer', min: 0, max: 5 };

/** Every field each message type carries, besides `type`. Typed so a new message type fails to compile here. */
const SPECS: { [T in WebviewToHost['type']]: Record<string, FieldSpec> } = {
  'webview/ready': {},
  'chat/send': { requestId: id, text: promptText },
  'chat/cancel': { requestId: id },
  'chat/retry': { messageId: id },
  'chat/edit': { messageId: id, text: promptText },
  'chat/new': {},
  'chat/estimate': { text: promptText },
  'model/select': { model: modelId },
  'model/pick': {},
  'key/set': { provider: providerId },
  'history/open': { conversationId: id },
  'history/delete': { conversationId: id },
  'history/export': { conversationId: { ...id, optional: true } },
  'code/copy': { code },
  'code/insert': { code },
  'code/open': { code, language: { kind: 'string', max: 50, pattern: /^[A-Za-z0-9_+#.-]*$/, optional: true } },
  'link/open': { href: { kind: 'string', max: 8192 } },
  'error/action': {
    action: { kind: 'string', max: 30, oneOf: ['set-key', 'pick-model', 'open-settings', 'retry', 'add-credits', 'lower-max-tokens'] },
    provider: providerId,
    messageId: { ...id, optional: true },
    column: { ...column, optional: true },
  },
  'compare/open': {},
  'compare/start': { requestId: id, prompt: promptText },
  'compare/cancel': { requestId: id, column: { ...column, optional: true } },
  'compare/pickWinner': { column },
  'compare/continueInChat': { column },
  'compare/pickModels': {},
  'compare/export': {},
  'compare/estimate': { text: promptText },
};

export type ValidationResult =
  | { ok: true; message: WebviewToHost }
  | { ok: false; reason: string };

function checkField(name: string, spec: FieldSpec, value: unknown): string | undefined {
  if (value === undefined) return spec.optional ? undefined : `missing ${name}`;
  if (spec.kind === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${name} is not an integer`;
    if (value < spec.min || value > spec.max) return `${name} is out of range ${spec.min}..${spec.max}`;
    return undefined;
  }
  if (typeof value !== 'string') return `${name} is not a string`;
  if (value.length > spec.max) return `${name} is longer than ${spec.max} characters`;
  if (spec.pattern && !spec.pattern.test(value)) return `${name} has unexpected characters`;
  if (spec.oneOf && !spec.oneOf.includes(value)) return `${name} is not one of ${spec.oneOf.join(', ')}`;
  return undefined;
}

/**
 * Checks one message posted by a webview. Returns a fresh object holding only the known fields,
 * or the reason it was refused (for the log; never echo the payload, it may be large or hostile).
 */
export function validateWebviewMessage(value: unknown): ValidationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not an object' };
  const record = value as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !WEBVIEW_TO_HOST_TYPES.has(type as WebviewToHost['type'])) {
    return { ok: false, reason: `unknown message type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}` };
  }
  const specs = SPECS[type as WebviewToHost['type']];
  const message: Record<string, unknown> = { type };
  for (const [name, spec] of Object.entries(specs)) {
    const problem = checkField(name, spec, record[name]);
    if (problem) return { ok: false, reason: `${type}: ${problem}` };
    if (record[name] !== undefined) message[name] = record[name];
  }
  return { ok: true, message: message as WebviewToHost };
}
