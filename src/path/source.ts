/**
 * Where a rule, deadline or number comes from: a seed document by its file name and the line(s)
 * in it, so a reader can open `shared/seeds/<seed>` and find the sentence.
 *
 * @example
 * ```ts
 * const onlyPrecondition: SourceRef = { seed: '001_55550c4af1568658.txt', lines: '185' };
 * ```
 */
export interface SourceRef {
  /** The seed's file name, e.g. `001_55550c4af1568658.txt`. */
  readonly seed: string;
  /** A line or a range, e.g. `185` or `368-372`. */
  readonly lines: string;
}

/**
 * Prints a source as `file:lines`, the form used in docs and counterexamples.
 *
 * @example
 * ```ts
 * formatSource({ seed: '001_55550c4af1568658.txt', lines: '185' }); // '001_55550c4af1568658.txt:185'
 * ```
 */
export function formatSource(source: SourceRef): string {
  return `${source.seed}:${source.lines}`;
}
