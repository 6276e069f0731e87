/**
 * Formatting of money, prices, tokens and durations, shared by the host and the webviews.
 * Money arrives as integer micro-USD (1 USD = 1_000_000); `undefined` means not known.
 */

/** A cost as the views carry it (structurally the same as the core's `Cost`). */
export type CostLike =
  | { kind: 'billed'; microUsd: number }
  | { kind: 'estimated'; microUsd: number }
  | { kind: 'reconciled'; microUsd: number }
  | { kind: 'unknown' };

/**
 * `$1.23` from $0.10 up and for whole cents, `$0.0042` below (four decimals), `<$0.0001` for tiny non-zero amounts,
 * `$0.00` for zero. Thousands are grouped: `$1,234.50`.
 */
export function formatUsd(microUsd: number): string {
  if (!Number.isFinite(microUsd)) return '$?';
  const sign = microUsd < 0 ? '-' : '';
  const amount = Math.abs(Math.round(microUsd));
  if (amount === 0) return '$0.00';
  if (amount < 100) return `${sign}<$0.0001`;
  if (amount < 100_000 && amount % 10_000 !== 0) return `${sign}$${(amount / 1_000_000).toFixed(4)}`;
  const cents = Math.round(amount / 10_000);
  const dollars = Math.floor(cents / 100);
  return `${sign}$${groupThousands(dollars)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * A chart axis tick in USD, with as many decimals as the ticks' spacing `stepUsd` needs to tell them apart:
 * ticks 0.00002 apart read `$0.00002`, `$0.00004` (formatUsd would print `<$0.0001` for each); from a cent up,
 * formatUsd.
 */
export function formatAxisUsd(usd: number, stepUsd: number): string {
  if (!(stepUsd > 0) || stepUsd >= 0.01 || usd === 0) return formatUsd(usd * 1_000_000);
  const decimals = Math.min(8, Math.max(2, Math.ceil(-Math.log10(stepUsd) - 1e-9)));
  return `${usd < 0 ? '-' : ''}$${Math.abs(usd).toFixed(decimals)}`;
}

/** `message` with `{0}`, `{1}`, ... replaced by `args` (the placeholder syntax of vscode.l10n.t). */
export function fillPlaceholders(message: string, args: ReadonlyArray<string | number>): string {
  return args.length === 0 ? message : message.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : match));
}

/**
 * Puts an English source string into the display language: the webviews pass their `t` (webview/common/l10n.ts),
 * so the labels below are translated there; everywhere else they stay English.
 */
export type Translate = (message: string, ...args: Array<string | number>) => string;
/** English with the placeholders filled: the default where no `Translate` is passed */
export const englishText: Translate = (message, ...args) => fillPlaceholders(message, args);

/**
 * What a module that writes messages without importing `vscode` is given: `vscode.l10n` in the extension (each
 * call is l10n.t with a literal, so the l10n check finds it), `inEnglish` where there is no VS Code (unit tests).
 */
export interface Localizer {
  t: Translate;
}
export const inEnglish: Localizer = { t: englishText };

/**
 * `$0.0042 billed`, `~$0.0040 est.`, `$0.0042 billed (reconciled)` (learnt afterwards from OpenRouter's
 * `/generation`), `cost unknown` (never `$0` for unknown).
 */
export function formatCost(cost: CostLike, t: Translate = englishText): string {
  switch (cost.kind) {
    case 'billed': return t('{0} billed', formatUsd(cost.microUsd));
    case 'estimated': return t('~{0} est.', formatUsd(cost.microUsd));
    case 'reconciled': return t('{0} billed (reconciled)', formatUsd(cost.microUsd));
    case 'unknown': return t('cost unknown');
  }
}

/**
 * A total with the requests whose cost is not known beside it, never folded in as $0: `$0.0042`,
 * `$0.0042 + 2 unknown`.
 */
export function formatSpend(microUsd: number, unknownCount = 0, t: Translate = englishText): string {
  return unknownCount > 0 ? `${formatUsd(microUsd)}${t(' + {0} unknown', unknownCount)}` : formatUsd(microUsd);
}

/**
 * The cost under a reply: `no charge` for a request that failed before any output (refused with HTTP 4xx/5xx,
 * connection refused: the core settles it at zero), else formatCost. A cut stream's cost stays `cost unknown`,
 * never $0.
 */
export function formatReplyCost(cost: CostLike, reply: { failed: boolean; outputTokens?: number }, t: Translate = englishText): string {
  const nothingGenerated = reply.outputTokens === undefined || reply.outputTokens === 0;
  if (reply.failed && cost.kind !== 'unknown' && cost.microUsd === 0 && nothingGenerated) return t('no charge');
  return formatCost(cost, t);
}

/**
 * A per-token price as USD per million tokens (micro-USD per token is numerically USD per million):
 * 2.5 -> `$2.50`, 0.075 -> `$0.075`, 0 -> `$0`, undefined -> `?`.
 */
export function formatPricePerMillion(microUsdPerToken: number | undefined): string {
  if (microUsdPerToken === undefined || !Number.isFinite(microUsdPerToken) || microUsdPerToken < 0) return '?';
  if (microUsdPerToken === 0) return '$0';
  const rounded = Number(microUsdPerToken.toFixed(4));
  if (rounded === 0) return '<$0.0001';
  const [whole, fraction = ''] = String(rounded).split('.');
  const digits = fraction.length <= 2 ? fraction.padEnd(2, '0') : fraction;
  return `$${groupThousands(Number(whole))}.${digits}`;
}

/** `$2.50 / $10.00` (prompt / completion per million tokens), `free`, or `price unknown`. */
export function formatPriceLabel(promptMicroUsdPerToken: number | undefined, completionMicroUsdPerToken: number | undefined): string {
  if (promptMicroUsdPerToken === undefined || completionMicroUsdPerToken === undefined) return 'price unknown';
  if (promptMicroUsdPerToken === 0 && completionMicroUsdPerToken === 0) return 'free';
  return `${formatPricePerMillion(promptMicroUsdPerToken)} / ${formatPricePerMillion(completionMicroUsdPerToken)}`;
}

/** `950`, `1.2k`, `12k`, `1.2M`; undefined -> `–` (not reported). */
export function formatTokens(tokens: number | undefined): string {
  if (tokens === undefined || !Number.isFinite(tokens)) return '–';
  const value = Math.round(tokens);
  if (Math.abs(value) < 1000) return String(value);
  if (Math.abs(value) < 10_000) return `${trimZero((value / 1000).toFixed(1))}k`;
  if (Math.abs(value) < 1_000_000) return `${Math.round(value / 1000)}k`;
  if (Math.abs(value) < 10_000_000) return `${trimZero((value / 1_000_000).toFixed(1))}M`;
  return `${Math.round(value / 1_000_000)}M`;
}

/** `850 ms`, `1.2 s`, `42 s`, `2 min 05 s`; undefined -> `–`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${trimZero((ms / 1000).toFixed(1))} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** The part of a StreamStatus that formatStreamStatus reads (structurally the protocol's StreamStatus). */
export interface StreamStatusLike {
  kind: 'retrying' | 'fallback';
  message: string;
  untilEpochMs?: number;
  attempt?: number;
  maxAttempts?: number;
}

/**
 * The line a streaming reply shows while the engine retries or falls back:
 * `OpenRouter rate limited; retrying in 12 s (attempt 2 of 3)` counting down with `nowEpochMs` (then `retrying now`),
 * or the fallback message as it is.
 */
export function formatStreamStatus(status: StreamStatusLike, nowEpochMs: number, t: Translate = englishText): string {
  if (status.kind === 'fallback') return status.message;
  const seconds = status.untilEpochMs !== undefined ? Math.ceil((status.untilEpochMs - nowEpochMs) / 1000) : 0;
  const when = seconds > 0 ? t('retrying in {0} s', seconds) : t('retrying now');
  const of = status.attempt !== undefined && status.maxAttempts !== undefined ? t(' (attempt {0} of {1})', status.attempt, status.maxAttempts) : '';
  return `${status.message}; ${when}${of}`;
}
