/**
 * Renders a streaming reply so a frame costs the same at any length: top-level blocks that later text can no
 * longer change become frozen DOM, and only the growing tail (the last block or two) is parsed, rendered and
 * sanitised again, at most once per animation frame (the shared frame scheduler coalesces deltas).
 *
 * A block is frozen once a later top-level block starts on a complete line: markdown's block structure is decided
 * line by line, so nothing after that line can reopen it (a partial line can: `#` is a heading until `#x` arrives).
 * The one thing later text can change in a frozen block is a reference-style link whose definition arrives after
 * its use (definitions apply to the whole document): when the document's definitions change, the frozen runs that
 * could use one are parsed and sanitised again. An entity, a fence or a `javascript:` cut across deltas only ever
 * sits in the tail, which is re-rendered and re-sanitised whole every frame. Fenced code is highlighted once its
 * block is frozen, in idle time (and at once when the reply ends or a finished message is rendered).
 */
import { cancelFrame, scheduleFrame } from './frameScheduler';
import { cancelIdle, scheduleIdle } from './idleScheduler';
import { parseMarkdown, renderTokens, type MarkdownToken, type RenderEnvironment } from './markdown';

/** the line breaks markdown-it counts lines by */
const NEWLINE = /\r\n?|\n/g;
/** a line that may hold a link reference definition (`[label]: destination`) */
const DEFINITION_LINE = /^ {0,3}\[/m;

/** The DOM of a run of complete top-level blocks, and the source it came from. */
interface FrozenRun {
  source: string;
  nodes: Node[];
  /** may contain a reference-style link, so may render differently once a definition arrives */
  usesReferences: boolean;
  /** holds fenced code rendered plain while streaming, to be highlighted in idle time */
  plainCode: boolean;
}

export class StreamingMarkdown {
  private source = '';
  /** characters of `source` rendered into frozen runs */
  private frozenLength = 0;
  private runs: FrozenRun[] = [];
  private tailNodes: Node[] = [];
  /** link reference definitions found in the frozen runs, in document order */
  private frozenReferences: Record<string, unknown> = {};
  /** the document's definitions the frozen runs were last rendered with */
  private referencesKey = '{}';
  private references: Record<string, unknown> = {};
  /** what is on screen: that text, and whether its tail was rendered as final (code highlighted) */
  private shown: { text: string; final: boolean } | undefined;
  private readonly renderNext = () => this.render(false);
  /** one unit of idle work: highlights the next frozen run that holds plain code; true while more are left */
  private readonly highlightNext = () => {
    const run = this.runs.find((candidate) => candidate.plainCode);
    if (run) this.renderRun(run);
    return this.runs.some((candidate) => candidate.plainCode);
  };

  constructor(private readonly target: HTMLElement) {}

  /** The full text received so far. */
  get text(): string {
    return this.source;
  }

  /** Replaces the text (a snapshot) and renders on the next frame; text that only extends what is shown keeps its frozen DOM. */
  set(text: string): void {
    if (text === this.source) return;
    if (!text.startsWith(this.source)) this.reset();
    this.source = text;
    scheduleFrame(this.renderNext);
  }

  /** Appends a delta and renders on the next frame. */
  append(delta: string): void {
    if (!delta) return;
    this.source += delta;
    scheduleFrame(this.renderNext);
  }

  /**
   * Renders now, as final (stream end, or a finished message): the tail's code is highlighted too; code frozen
   * while streaming is still highlighted in idle time, so six columns ending together do not share one long frame.
   */
  flush(): void {
    cancelFrame(this.renderNext);
    this.render(true);
  }

  dispose(): void {
    cancelFrame(this.renderNext);
    cancelIdle(this.highlightNext);
  }

  private reset(): void {
    this.frozenLength = 0;
    this.runs = [];
    this.tailNodes = [];
    this.frozenReferences = {};
    this.referencesKey = '{}';
    this.references = {};
    this.shown = undefined;
    this.target.replaceChildren();
  }

  private render(final: boolean): void {
    if (this.shown && this.shown.text === this.source && (this.shown.final || !final)) return;
    const tail = this.source.slice(this.frozenLength);
    const environment: RenderEnvironment = { references: { ...this.frozenReferences } };
    const tokens = parseMarkdown(tail, environment);
    const referencesKey = JSON.stringify(environment.references);
    this.references = environment.references ?? {};
    if (referencesKey !== this.referencesKey) this.renderRunsAgain(referencesKey);
    const split = splitPoint(tail, tokens);
    let tailTokens = tokens;
    if (split) {
      const frozen = tokens.slice(0, split.tokenIndex);
      // highlighting waits for idle time while streaming: six columns closing a code block in one frame stay cheap
      const plainCode = !final && frozen.some((token) => token.type === 'fence');
      this.freeze(tail.slice(0, split.offset), renderTokens(frozen, { ...environment, plainCode }), plainCode);
      tailTokens = tokens.slice(split.tokenIndex);
    }
    const fragment = renderTokens(tailTokens, { ...environment, plainCode: !final });
    for (const node of this.tailNodes) node.parentNode?.removeChild(node);
    this.tailNodes = [...fragment.childNodes];
    this.target.append(fragment);
    this.shown = { text: this.source, final };
  }

  private freeze(source: string, fragment: DocumentFragment, plainCode: boolean): void {
    this.frozenLength += source.length;
    if (DEFINITION_LINE.test(source)) {
      const found: RenderEnvironment = { references: {} };
      parseMarkdown(source, found);
      for (const [label, definition] of Object.entries(found.references ?? {})) {
        if (!(label in this.frozenReferences)) this.frozenReferences[label] = definition;
      }
    }
    const nodes = [...fragment.childNodes];
    if (nodes.length === 0) return;
    this.target.insertBefore(fragment, this.tailNodes[0] ?? null);
    this.runs.push({ source, nodes, usesReferences: source.includes('['), plainCode });
    if (plainCode) scheduleIdle(this.highlightNext);
  }

  /** A definition appeared or changed: frozen runs that may use one are parsed and sanitised again with all of them. */
  private renderRunsAgain(key: string): void {
    this.referencesKey = key;
    for (const run of this.runs) if (run.usesReferences) this.renderRun(run);
  }

  /** Parses, renders (code highlighted) and sanitises one frozen run again, in place. */
  private renderRun(run: FrozenRun): void {
    const environment: RenderEnvironment = { references: { ...this.references } };
    const fragment = renderTokens(parseMarkdown(run.source, environment), environment);
    if (!fragment.firstChild) fragment.append(document.createTextNode(''));
    const nodes = [...fragment.childNodes];
    this.target.insertBefore(fragment, run.nodes[0] ?? null);
    for (const node of run.nodes) node.parentNode?.removeChild(node);
    run.nodes = nodes;
    run.plainCode = false;
  }
}

/**
 * Where the tail can be cut: the start of its last top-level block (not the first) that begins on a complete
 * line. Everything before that line is final markdown structure.
 */
function splitPoint(tail: string, tokens: MarkdownToken[]): { tokenIndex: number; offset: number } | undefined {
  const lineStarts = [0];
  NEWLINE.lastIndex = 0;
  for (let match = NEWLINE.exec(tail); match; match = NEWLINE.exec(tail)) lineStarts.push(match.index + match[0].length);
  const completeLines = lineStarts.length - 1;
  let split: { tokenIndex: number; offset: number } | undefined;
  let first = true;
  tokens.forEach((token, tokenIndex) => {
    if (token.level !== 0 || token.nesting === -1 || !token.map) return;
    if (first) {
      first = false;
      return;
    }
    const line = token.map[0];
    if (line < completeLines) split = { tokenIndex, offset: lineStarts[line]! };
  });
  return split;
}
