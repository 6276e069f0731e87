/**
 * What the webview bench feeds the real bundles: a markdown reply cut into tokens, pushed through the host's own
 * `StreamCoalescer` on a virtual clock (so the posts have the sizes and spacing the host really produces), and
 * long conversations for the history-open figure.
 */
import { StreamCoalescer } from '../../src/host/replies/streamCoalescer';
import type { HostToWebview } from '../../src/shared/chat/protocol';
import type { MessageView } from '../../src/shared/viewModels';
import { assistantMessage, meta, userMessage } from '../../test/webview/support/viewStates';

/** One host post and when (virtual ms from the first token) the host posts it. */
export interface TimedPost {
  atMs: number;
  message: HostToWebview;
}

const PARAGRAPHS = [
  'A binary search halves the range on every step, so it needs **O(log n)** comparisons instead of `n`; see [MDN](https://developer.mozilla.org/docs/Web/JavaScript) for the operators used below.',
  'The loop keeps two bounds, `low` and `high`, and stops when they cross. Each step compares the middle element with the target and drops the half that cannot contain it.',
  'When the items are not sorted the result is meaningless, so sort once up front (or keep them sorted as you insert), which costs *O(n log n)* but pays off after a few searches.',
];
const LIST = ['- **Sorted input**: the precondition everything else rests on.', '- **Overflow**: `(low + high) >>> 1` cannot overflow a 32-bit index.', '- **Duplicates**: return the first match by moving `high` left after a hit.', '- **Empty arrays**: `high` starts at `-1`, the loop never runs.'];
const CODE = ['```ts', 'export function binarySearch(items: number[], target: number): number {', '  let low = 0;', '  let high = items.length - 1;',
  '  while (low <= high) {', '    const middle = (low + high) >>> 1;', '    if (items[middle] === target) return middle;', '    if (items[middle] < target) low = middle + 1;',
  '    else high = middle - 1;', '  }', '  return -1; // not found', '}', '```'];

/** A realistic reply (paragraphs, headings, lists, code fences, links) of about `tokens` tokens. */
export function replyTokens(tokens: number): string[] {
  const pieces: string[] = [];
  for (let section = 0; pieces.length < tokens; section++) {
    const text = [`## Step ${section + 1}`, PARAGRAPHS[section % 3], LIST.join('\n'), CODE.join('\n'), PARAGRAPHS[(section + 1) % 3]].join('\n\n') + '\n\n';
    // about 4 characters a token, whitespace kept with the word after it, like real tokenizers do
    pieces.push(...(text.match(/\s*[^\s]{1,4}|\s+/g) ?? []));
  }
  return pieces.slice(0, tokens);
}

/**
 * Runs `produce` with `setTimeout`/`clearTimeout` replaced by a virtual clock that only moves when `produce`
 * advances it, so the coalescer's real timer logic decides when it posts, at any simulated speed.
 */
function withVirtualClock<T>(produce: (advanceTo: (ms: number) => void, now: () => number) => T): T {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const original = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  globalThis.setTimeout = ((callback: () => void, delay = 0) => {
    const id = nextId++;
    timers.set(id, { at: now + delay, callback });
    return id;
  }) as unknown as typeof setTimeout;
  globalThis.clearTimeout = ((id: number) => { timers.delete(id); }) as unknown as typeof clearTimeout;
  const advanceTo = (ms: number) => {
    for (;;) {
      const due = [...timers.entries()].filter(([, timer]) => timer.at <= ms).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = ms;
  };
  try {
    return produce(advanceTo, () => now);
  } finally {
    globalThis.setTimeout = original.setTimeout;
    globalThis.clearTimeout = original.clearTimeout;
  }
}

/** One stream per entry of `streams` (a column each when `compare`), interleaved token by token at `tokensPerSecond`. */
export function streamPosts(streams: string[][], requestId: string, tokensPerSecond: number, compare: boolean): TimedPost[] {
  return withVirtualClock((advanceTo, now) => {
    const posts: TimedPost[] = [];
    const coalescers = streams.map((_, index) => new StreamCoalescer(requestId, compare ? `m${index}` : 'a-stream',
      (message) => posts.push({ atMs: now(), message }), undefined, compare ? index : undefined));
    const longest = Math.max(...streams.map((tokens) => tokens.length));
    for (let token = 0; token < longest; token++) {
      advanceTo((token * 1000) / tokensPerSecond);
      streams.forEach((tokens, index) => { if (token < tokens.length) coalescers[index]!.push({ text: tokens[token] }); });
    }
    advanceTo((longest * 1000) / tokensPerSecond);
    for (const coalescer of coalescers) coalescer.end();
    return posts;
  });
}

/** A saved conversation of `count` messages: questions, and replies with paragraphs, lists, code and meta. */
export function conversation(count: number): MessageView[] {
  const messages: MessageView[] = [];
  for (let index = 0; index < count; index++) {
    if (index % 2 === 0) {
      messages.push(userMessage(`u${index}`, `Question ${index}: how do I search a sorted array of ${index} numbers quickly?`));
    } else {
      const text = index % 4 === 1
        ? [PARAGRAPHS[index % 3], LIST.join('\n'), PARAGRAPHS[(index + 1) % 3]].join('\n\n')
        : [PARAGRAPHS[index % 3], CODE.join('\n')].join('\n\n');
      messages.push(assistantMessage(`a${index}`, text, { meta: meta() }));
    }
  }
  return messages;
}
