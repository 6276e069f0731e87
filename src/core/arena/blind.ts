/**
 * Blind mode: the columns are shown as A, B, C... in a random order, and the names behind the letters stay with
 * the host until the person picks a winner or reveals. The random source is injected so a test can fix the order.
 */

/** A number in [0, 1), like Math.random. */
export type RandomSource = () => number;

/** The letter shown for the column at `position` (0 = A). */
export function blindLabel(position: number): string {
  if (!Number.isInteger(position) || position < 0 || position >= 26) throw new RangeError(`No blind label for column ${position}`);
  return String.fromCharCode(65 + position);
}

/**
 * The order the models are shown in: a uniform shuffle (Fisher-Yates) of `models` drawn from `random`. Column i of
 * the run shows `order[i]` under the label blindLabel(i). The caller keeps the result; the webview only learns the
 * labels.
 */
export function shuffleForBlind<T>(models: readonly T[], random: RandomSource): T[] {
  const order = [...models];
  for (let index = order.length - 1; index > 0; index--) {
    const draw = random();
    if (!(draw >= 0 && draw < 1)) throw new RangeError(`A random source must return a number in [0, 1); it returned ${draw}`);
    const other = Math.floor(draw * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}

/**
 * The host's secret of one blind run: which model stands behind each letter, and whether the names may be shown.
 * The webview gets `labels` while `hidden`; names only after `reveal()` (which a pick also does).
 */
export class BlindMapping {
  private revealedNow = false;
  /** models in column order: column i is labelled blindLabel(i) */
  readonly models: readonly string[];
  /** `A`, `B`, ... one per column */
  readonly labels: readonly string[];

  constructor(models: readonly string[], random: RandomSource) {
    this.models = shuffleForBlind(models, random);
    this.labels = this.models.map((_model, column) => blindLabel(column));
  }

  get hidden(): boolean {
    return !this.revealedNow;
  }

  /** From now on the names may be shown. */
  reveal(): void {
    this.revealedNow = true;
  }

  /** The model behind `label`, or undefined when no column has it. */
  modelOf(label: string): string | undefined {
    const column = this.labels.indexOf(label);
    return column < 0 ? undefined : this.models[column];
  }
}
