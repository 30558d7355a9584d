/**
 * A named guard as it appears on a transition: its name, its params, and whether a failing result
 * of this guard alone is enough to refuse the transition. Guards under `and(...)` (or at the top)
 * are `decisive`; guards under `or(...)` or `not(...)` are not, because their own result does not
 * decide the transition's.
 *
 * @internal
 */
export interface GuardRef {
  readonly name: string;
  readonly params: unknown;
  readonly decisive: boolean;
}

interface HigherOrderGuard {
  readonly guards: readonly unknown[];
  readonly check: unknown;
}

function isHigherOrderGuard(guard: unknown): guard is HigherOrderGuard & { name?: string } {
  return typeof guard === 'function' && 'guards' in guard && 'check' in guard;
}

/**
 * The named guards inside a transition's guard, with `and`/`or`/`not` unfolded. Inline function
 * guards have no name and are skipped: a path author names every guard in `setup()` so that
 * diagrams and rules can refer to it.
 *
 * @internal
 */
export function guardRefsOf(guard: unknown, decisive = true): GuardRef[] {
  if (guard === undefined || guard === null) return [];
  if (typeof guard === 'string') return [{ name: guard, params: undefined, decisive }];
  if (isHigherOrderGuard(guard)) {
    // xstate's `and` keeps decisiveness; `or` and `not` break it.
    const keeps = guard.name === 'and';
    return guard.guards.flatMap((inner) => guardRefsOf(inner, decisive && keeps));
  }
  if (typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') {
    return [{ name: guard.type, params: 'params' in guard ? guard.params : undefined, decisive }];
  }
  return [];
}
