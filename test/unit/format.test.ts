import assert from 'node:assert/strict';
import { formatAxisUsd, formatReplyCost, formatStreamStatus, formatCost, formatDuration, formatPriceLabel, formatPricePerMillion, formatTokens, formatUsd } from '../../src/shared/format';

describe('format', () => {
  it('formats micro-USD as dollars with cents above $0.10 and four decimals below', () => {
    assert.equal(formatUsd(4200), '$0.0042');
    assert.equal(formatUsd(1_230_000), '$1.23');
    assert.equal(formatUsd(120_000), '$0.12');
    assert.equal(formatUsd(50_000), '$0.05');
    assert.equal(formatUsd(99), '<$0.0001');
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(1_234_500_000), '$1,234.50');
  });

  it('labels billed, estimated and unknown costs, never showing unknown as $0', () => {
    assert.equal(formatCost({ kind: 'billed', microUsd: 4200 }), '$0.0042 billed');
    assert.equal(formatCost({ kind: 'estimated', microUsd: 4000 }), '~$0.0040 est.');
    assert.equal(formatCost({ kind: 'reconciled', microUsd: 4200 }), '$0.0042 billed (reconciled)');
    assert.equal(formatCost({ kind: 'unknown' }), 'cost unknown');
  });

  it('formats per-token micro-USD prices as USD per million tokens', () => {
    assert.equal(formatPricePerMillion(2.5), '$2.50');
    assert.equal(formatPricePerMillion(10), '$10.00');
    assert.equal(formatPricePerMillion(0.075), '$0.075');
    assert.equal(formatPricePerMillion(0.39999999999999997), '$0.40');
    assert.equal(formatPricePerMillion(0), '$0');
    assert.equal(formatPricePerMillion(undefined), '?');
    assert.equal(formatPriceLabel(2.5, 10), '$2.50 / $10.00');
    assert.equal(formatPriceLabel(0, 0), 'free');
    assert.equal(formatPriceLabel(undefined, 10), 'price unknown');
  });

  it('shortens token counts and durations', () => {
    assert.equal(formatTokens(950), '950');
    assert.equal(formatTokens(1234), '1.2k');
    assert.equal(formatTokens(12_345), '12k');
    assert.equal(formatTokens(1_250_000), '1.3M');
    assert.equal(formatTokens(undefined), '–');
    assert.equal(formatDuration(850), '850 ms');
    assert.equal(formatDuration(1234), '1.2 s');
    assert.equal(formatDuration(42_000), '42 s');
    assert.equal(formatDuration(125_000), '2 min 05 s');
  });
});

describe('formatAxisUsd', () => {
  it('gives tiny ticks the decimals that tell them apart, and formats a cent and up as formatUsd does', () => {
    assert.deepEqual([0, 0.00002, 0.00004, 0.00006].map((tick) => formatAxisUsd(tick, 0.00002)), ['$0.00', '$0.00002', '$0.00004', '$0.00006']);
    assert.deepEqual([0.0005, 0.001, 0.0015].map((tick) => formatAxisUsd(tick, 0.0005)), ['$0.0005', '$0.0010', '$0.0015']);
    assert.deepEqual([0.002, 0.004].map((tick) => formatAxisUsd(tick, 0.002)), ['$0.002', '$0.004']);
    assert.deepEqual([0.5, 1, 1.5].map((tick) => formatAxisUsd(tick, 0.5)), ['$0.50', '$1.00', '$1.50']);
    assert.equal(formatAxisUsd(1500, 500), '$1,500.00');
    assert.equal(formatAxisUsd(0.00003, 0), '<$0.0001', 'a single tick has no spacing: formatUsd');
  });
});

describe('formatReplyCost', () => {
  it('says "no charge" for a failed request with nothing generated, never "$0.00"', () => {
    assert.equal(formatReplyCost({ kind: 'estimated', microUsd: 0 }, { failed: true, outputTokens: undefined }), 'no charge');
    assert.equal(formatReplyCost({ kind: 'billed', microUsd: 0 }, { failed: true, outputTokens: 0 }), 'no charge');
  });

  it('keeps "cost unknown" for a cut stream and the figure for a failed reply that generated tokens', () => {
    assert.equal(formatReplyCost({ kind: 'unknown' }, { failed: true, outputTokens: undefined }), 'cost unknown');
    assert.equal(formatReplyCost({ kind: 'billed', microUsd: 4200 }, { failed: true, outputTokens: 12 }), '$0.0042 billed');
    assert.equal(formatReplyCost({ kind: 'estimated', microUsd: 0 }, { failed: false, outputTokens: 0 }), '~$0.00 est.');
  });
});

describe('formatStreamStatus', () => {
  const status = { kind: 'retrying' as const, message: 'OpenRouter rate limited', untilEpochMs: 20_000, attempt: 2, maxAttempts: 3 };
  it('counts down to the next attempt and names it', () => {
    assert.equal(formatStreamStatus(status, 8_000), 'OpenRouter rate limited; retrying in 12 s (attempt 2 of 3)');
    assert.equal(formatStreamStatus(status, 19_500), 'OpenRouter rate limited; retrying in 1 s (attempt 2 of 3)');
    assert.equal(formatStreamStatus(status, 20_000), 'OpenRouter rate limited; retrying now (attempt 2 of 3)');
  });
  it('shows a fallback as it is', () => {
    assert.equal(formatStreamStatus({ kind: 'fallback', message: 'fell back from A to B: C' }, 0), 'fell back from A to B: C');
  });
});
