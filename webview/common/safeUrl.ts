/** The only URLs model output may point at: absolute http(s), nothing else (no javascript:, data:, file:, command:). */
export function isSafeHttpUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  // browsers ignore ASCII whitespace and control characters inside a scheme, so judge the URL as they would
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (!/^https?:\/\//i.test(compact)) return false;
  try {
    const parsed = new URL(compact);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}
