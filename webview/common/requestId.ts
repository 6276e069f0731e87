/** A fresh id for a request the webview starts (the host answers under it). */
export function newRequestId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `request-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
