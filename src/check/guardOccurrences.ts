import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { listStateNodes, statePathOf } from '../machine/stateNodes.js';

/**
 * One place a named guard is used: on which state node and event, whether a `true` result lets
 * the transition through (`positive`) or a `false` one does (under an odd number of `not`s), and
 * whether the transition is one of several for the same event and node (`routing`: its guard
 * chooses between targets rather than refusing the event).
 *
 * @internal
 */
export interface GuardOccurrence {
  readonly guard: string;
  readonly state: string;
  readonly eventType: string;
  readonly positive: boolean;
  readonly routing: boolean;
}

interface HigherOrderGuard {
  readonly name: string;
  readonly guards: readonly unknown[];
}

function isHigherOrder(guard: unknown): guard is HigherOrderGuard {
  return typeof guard === 'function' && 'guards' in guard && 'check' in guard;
}

function namedGuardsOf(
  machine: AnyStateMachine,
  guard: unknown,
  positive: boolean,
  seen: ReadonlySet<string>,
): { name: string; positive: boolean }[] {
  if (guard === undefined || guard === null) return [];
  if (isHigherOrder(guard)) {
    // xstate's `not` flips which result lets a transition through; `and` and `or` keep it.
    const inner = guard.name === 'not' ? !positive : positive;
    return guard.guards.flatMap((part) => namedGuardsOf(machine, part, inner, seen));
  }
  const name =
    typeof guard === 'string'
      ? guard
      : typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string'
        ? guard.type
        : undefined;
  if (name === undefined || seen.has(name)) return [];
  // A guard declared in setup() as and/or/not of other guards uses those too.
  const implementation = (machine.implementations.guards as Record<string, unknown>)[name];
  const inner = isHigherOrder(implementation) ? namedGuardsOf(machine, implementation, positive, new Set([...seen, name])) : [];
  return [{ name, positive }, ...inner];
}

/**
 * Every use of every named guard on the machine's transitions (eventless ones included, as event
 * type `''`), in state-node and declaration order.
 *
 * @internal
 */
export function guardOccurrences(machine: AnyStateMachine): GuardOccurrence[] {
  const occurrences: GuardOccurrence[] = [];
  const nodes: AnyStateNode[] = [machine.root, ...listStateNodes(machine)];
  for (const node of nodes) {
    const lists: [string, readonly { guard?: unknown }[]][] = [...node.transitions.entries()];
    if (node.always && node.always.length > 0) lists.push(['', node.always]);
    for (const [eventType, transitions] of lists) {
      const routing = transitions.length > 1;
      for (const transition of transitions) {
        for (const { name, positive } of namedGuardsOf(machine, transition.guard, true, new Set())) {
          occurrences.push({ guard: name, state: statePathOf(node) || '(root)', eventType, positive, routing });
        }
      }
    }
  }
  return occurrences;
}
