import type { StateValue } from 'xstate';
import type { AnyPathDefinition } from '../path/definition.js';
import { activeStateNodes, listStateNodes, statePathOf } from '../machine/stateNodes.js';
import { inputAlphabet, type InputAlphabet } from './inputAlphabet.js';
import { findOpenFieldReads } from './openFieldReads.js';
import type { CheckWarning } from './pathCheck.js';

/** The inputs worth trying in a state, per event type. @internal */
export interface Candidates {
  readonly indices: readonly number[];
  /** Some transition for the type is unguarded: a step that returns the same snapshot is a self-loop. */
  readonly alwaysEnabled: boolean;
  /** XState would take an unguarded transition with no target and no actions: the snapshot stays as it is. */
  readonly selfLoop: boolean;
  /**
   * Every transition for the type assigns: an enabled one always makes a new snapshot, so the same
   * snapshot back means the event was refused.
   */
  readonly sameMeansRefused: boolean;
}

/** What a state value says, once: the inputs worth trying there and the state nodes it makes active. @internal */
export interface ValueFacts {
  readonly candidates: readonly Candidates[];
  /** Dotted paths of the active state nodes below the root. */
  readonly nodes: readonly string[];
}

/**
 * What the checker needs of a definition that does not depend on a run, computed once and kept
 * for the definition's lifetime, as `compilePath` keeps the runtime's: the input alphabet, the
 * facts of each state value met, the open-field lint.
 *
 * @internal
 */
export interface CheckPlan {
  readonly alphabet: InputAlphabet;
  /** Whether the machine has history states (then a state's identity includes its history value). */
  readonly hasHistory: boolean;
  /** Dotted paths of every state node but history states, in declaration order. */
  readonly statePaths: readonly string[];
  factsOf(value: StateValue): ValueFacts;
  readonly warnings: readonly CheckWarning[];
}

const plans = new WeakMap<AnyPathDefinition, CheckPlan>();


/** @internal */
export function compileCheck(definition: AnyPathDefinition): CheckPlan {
  const cached = plans.get(definition);
  if (cached) return cached;
  const machine = definition.machine;
  const alphabet = inputAlphabet(definition);
  const nodes = listStateNodes(machine);
  const hasEventless = [machine.root, ...nodes].some((node) => (node.always?.length ?? 0) > 0);
  const facts = new Map<string, ValueFacts>();
  // XState's assign action, inline or named in setup(): it always makes a new context.
  const isAssign = (action: unknown): boolean => {
    const name = typeof action === 'string' ? action : typeof action === 'object' && action !== null && 'type' in action ? String(action.type) : undefined;
    const resolved = name === undefined ? action : (machine.implementations.actions as Record<string, unknown>)[name];
    return typeof resolved === 'function' && 'type' in resolved && resolved.type === 'xstate.assign';
  };
  let warnings: readonly CheckWarning[] | undefined;
  const plan: CheckPlan = {
    alphabet,
    hasHistory: nodes.some((node) => node.type === 'history'),
    statePaths: nodes.filter((node) => node.type !== 'history').map(statePathOf),
    get warnings() {
      return (warnings ??= findOpenFieldReads(definition));
    },
    factsOf(value) {
      const valueKey = typeof value === 'string' ? value : JSON.stringify(value);
      let found = facts.get(valueKey);
      if (found === undefined) {
        const active = activeStateNodes(machine, value);
        // Only the event types with a transition on an active node: any other input the machine
        // ignores without looking at it.
        const candidates = [...alphabet.byType]
          .filter(([type]) => active.some((node) => node.transitions.has(type)))
          .map(([type, indices]) => {
            // XState tries the deepest active node's transitions first, in order; the first one
            // it tries, if unguarded, is taken.
            const first = [...active].reverse().find((node) => node.transitions.has(type))!.transitions.get(type)![0]!;
            return {
              indices,
              alwaysEnabled: active.some((node) => (node.transitions.get(type) ?? []).some((transition) => !transition.guard)),
              // No exit, no entry, no action; and without eventless transitions nothing follows.
              selfLoop: !hasEventless && !first.guard && (first.target ?? []).length === 0 && first.actions.length === 0,
              sameMeansRefused: active.every((node) => (node.transitions.get(type) ?? []).every((transition) => transition.actions.some(isAssign))),
            };
          });
        found = { candidates, nodes: active.filter((node) => node.parent).map(statePathOf) };
        facts.set(valueKey, found);
      }
      return found;
    },
  };
  plans.set(definition, plan);
  return plan;
}
