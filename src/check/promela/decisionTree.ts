/**
 * A pure function of finitely many variables, as a tree: each inner node tests one variable and
 * has one branch per value of its domain (in domain order); each leaf is the function's result.
 *
 * @internal
 */
export type DecisionTree<T> =
  | { readonly kind: 'leaf'; readonly value: T }
  | { readonly kind: 'test'; readonly variable: string; readonly branches: readonly DecisionTree<T>[] };

/**
 * Why a machine cannot be exported: `UNSUPPORTED_MACHINE` for structure the exporter does not
 * mirror (parallel states, eventless transitions, actions that raise events), `UNTABULATED_CODE`
 * for a guard, action or rule that cannot be tabulated (it throws, or reads too much),
 * `CONTEXT_TOO_LARGE` for a context field with more values than a Promela byte holds.
 */
export type PromelaFailureCode = 'UNSUPPORTED_MACHINE' | 'UNTABULATED_CODE' | 'CONTEXT_TOO_LARGE';

/** Thrown inside the exporter when something cannot be tabulated; becomes a failure value. @internal */
export class TabulationError extends Error {
  override readonly name = 'TabulationError';

  constructor(
    message: string,
    readonly code: PromelaFailureCode = 'UNSUPPORTED_MACHINE',
  ) {
    super(message);
  }
}

/**
 * Tabulates a pure function by watching what it reads. `evaluate` gets a `read(variable)` to
 * look variables up with; the first variable it reads that is not yet fixed becomes a test node,
 * and the function is evaluated again once per value of that variable. A function that reads
 * three booleans of twenty context fields gets a tree over those three alone: its result cannot
 * depend on what it never read (it is pure: same reads, same result).
 *
 * @internal
 */
export function buildDecisionTree<T>(
  evaluate: (read: (variable: string) => unknown) => T,
  domainOf: (variable: string) => readonly unknown[],
  limits: { readonly maxNodes: number; readonly what: string },
): DecisionTree<T> {
  let nodes = 0;
  const build = (fixed: ReadonlyMap<string, number>): DecisionTree<T> => {
    if (++nodes > limits.maxNodes) {
      throw new TabulationError(
        `${limits.what} reads too many variables to tabulate (more than ${limits.maxNodes} cases)`,
        'UNTABULATED_CODE',
      );
    }
    let unfixed: string | undefined;
    const defaults = new Map<string, unknown>();
    const read = (variable: string): unknown => {
      const at = fixed.get(variable);
      if (at !== undefined) return domainOf(variable)[at];
      unfixed ??= variable;
      if (!defaults.has(variable)) {
        const domain = domainOf(variable);
        if (domain.length === 0) throw new TabulationError(`${limits.what} reads '${variable}', which has no values`, 'UNTABULATED_CODE');
        defaults.set(variable, domain[0]);
      }
      return defaults.get(variable);
    };
    let value: T;
    try {
      value = evaluate(read);
    } catch (error) {
      if (error instanceof TabulationError) throw error;
      // Thrown on a default value of a variable not yet fixed: fix it and try every value.
      if (unfixed === undefined) {
        throw new TabulationError(`${limits.what} throws: ${error instanceof Error ? error.message : String(error)}`, 'UNTABULATED_CODE');
      }
    }
    if (unfixed === undefined) return { kind: 'leaf', value: value! };
    const variable = unfixed;
    const branches = domainOf(variable).map((_, index) => build(new Map([...fixed, [variable, index]])));
    const first = branches[0]!;
    if (first.kind === 'leaf' && branches.every((branch) => branch.kind === 'leaf' && sameLeaf(branch.value, first.value))) return first;
    return { kind: 'test', variable, branches };
  };
  return build(new Map());
}

/** Deep equality of plain data; unlike JSON, a key holding `undefined` differs from a missing key. */
function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && sameLeaf((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
