import type { StateValue } from 'xstate';
import type { AnyPathDefinition } from '../path/definition.js';
import { activeStateNodes, listStateNodes, statePathOf } from '../machine/stateNodes.js';
import { inputAlphabet, type InputAlphabet } from './inputAlphabet.js';
import { findOpenFieldReads } from './openFieldReads.js';
import type { CheckWarning } from './pathCheck.js';

/** The inputs worth trying in a state, per event type. @internal */
export interface Candidates {
  readonly indices: readonly number[];
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
  const facts = new Map<string, ValueFacts>();
  let warnings: readonly CheckWarning[] | undefined;
  const plan: CheckPlan = {
    alphabet,
    hasHistory: nodes.some((node) => node.type === 'history'),
    statePaths: nodes.filter((node) => node.type !== 'history').map(statePathOf),
    get warnings() {
      warnings ??= findOpenFieldReads(definition);
      return warnings;
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
          // Whether the machine takes one is the stepper's answer (check/checkedStepper.ts).
          .map(([, indices]) => ({ indices }));
        found = { candidates, nodes: active.filter((node) => node.parent).map(statePathOf) };
        facts.set(valueKey, found);
      }
      return found;
    },
  };
  plans.set(definition, plan);
  return plan;
}
