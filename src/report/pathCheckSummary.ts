/**
 * What the report shows of the model checker's verdict on a path. The checker (`checkPath`,
 * issue 5) is the source; a host or the CLI maps its result to this shape, so the report does not
 * depend on the checker's own types.
 *
 * @example
 * ```ts
 * const check: PathCheckSummary = {
 *   status: 'proved',
 *   states: 212,
 *   transitions: 1830,
 *   rules: [{ id: 'situation-mapped-before-doctor', holds: true }],
 *   findings: [],
 * };
 * ```
 */
export interface PathCheckSummary {
  /** `proved`: every rule holds in every reachable state; `violated`: some rule does not; `incomplete`: a budget ran out. */
  readonly status: 'proved' | 'violated' | 'incomplete';
  /** Reachable states explored. */
  readonly states: number;
  /** Transitions explored. */
  readonly transitions: number;
  /** Every rule of the path: whether it holds, and for a violation the shortest counterexample as readable steps. */
  readonly rules: readonly { readonly id: string; readonly holds: boolean; readonly counterexample?: readonly string[] }[];
  /** Other findings as sentences: dead ends, unreachable states, events no role may record. */
  readonly findings: readonly string[];
}
