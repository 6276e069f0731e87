/**
 * Validation of messages from a webview. A webview renders untrusted model output, so everything it sends is
 * checked against its view's protocol schema before the host acts on it: the type must be one the view may send,
 * every field must have the right type and a bounded length, and unknown fields are dropped. No vscode import:
 * unit-tested in plain Node.
 */
import * as v from 'valibot';

/** A view's protocol: a union of object schemas told apart by their literal `type`. */
type MessageSchema = v.VariantSchema<'type', readonly v.ObjectSchema<{ type: v.LiteralSchema<string, undefined> } & v.ObjectEntries, undefined>[], undefined>;

export type ValidationResult<T> =
  | { ok: true; message: T }
  | { ok: false; reason: string };

/** at most this many characters of a refused message's type in the reason */
const TYPE_IN_REASON = 40;

/**
 * Checks one message posted by a webview against `schema`. Returns a fresh object holding only the declared
 * fields, or the reason it was refused (for the log; it never echoes a field's value, which may be large or hostile).
 */
export function validateWebviewMessage<S extends MessageSchema>(schema: S, value: unknown): ValidationResult<v.InferOutput<S>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not an object' };
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !messageTypes(schema).includes(type)) {
    return { ok: false, reason: `unknown message type ${typeof type === 'string' ? JSON.stringify(type.slice(0, TYPE_IN_REASON)) : typeof type}` };
  }
  const result = v.safeParse(schema, value);
  if (result.success) return { ok: true, message: result.output };
  return { ok: false, reason: `${type}: ${result.issues.map(describeIssue).join('; ')}` };
}

/** The message types a view's protocol declares (read from its schema, never listed by hand). */
export function messageTypes(schema: MessageSchema): string[] {
  return schema.options.map((option) => option.entries.type.literal);
}

/** "requestId has unexpected characters", "text is longer than 200000 characters": the field and what is wrong. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const field = issue.path?.map((item) => String(item.key)).join('.') ?? 'message';
  if (issue.input === undefined && issue.kind === 'schema') return `missing ${field}`;
  switch (issue.type) {
    case 'max_length':
      return `${field} is longer than ${String(issue.requirement)} characters`;
    case 'min_value':
    case 'max_value':
      return `${field} is out of range`;
    case 'picklist':
      return `${field} is not one of ${(issue.expected ?? '').slice(0, 120)}`;
    case 'regex':
    case 'integer':
      // the custom message of the check: "has unexpected characters", "is not an integer"
      return `${field} ${issue.message}`;
    default:
      return `${field} is not a ${issue.expected ?? issue.type}`;
  }
}
