import type { AnyPathDefinition } from '../path/definition.js';
import { exploreStates } from '../check/exploreStates.js';
import { describeStateValue } from '../machine/stateNodes.js';
import { outcomeOfView } from '../case/typeErasure.js';

/** The end reasons each final state can carry, by final state's dotted path. @internal */
export interface ReachableOutcomes {
  readonly byFinalState: ReadonlyMap<string, readonly string[]>;
  /** False when the state budget ran out: every outcome is then listed for every final state. */
  readonly complete: boolean;
}

/** States explored at most when looking for outcomes. */
const stateBudget = 20_000;

/**
 * Which end reasons each final state of a path can carry, found by the checker's own explorer
 * (`exploreStates`: the whole input alphabet in every state, each state once by the checker's
 * state key, rules checked on every step). A final state's end events in BPMN come from here.
 * Over a budget of states the walk stops and every outcome is listed for every final state.
 * Walked once per definition. A guard, action or rule that throws is a bug in the definition:
 * it surfaces as a `PathRuntimeError`, as from `checkPath`, and no diagram is drawn without the step.
 *
 * @internal
 */
export function reachableOutcomes(definition: AnyPathDefinition): ReachableOutcomes {
  const cached = found.get(definition);
  if (cached) return cached;
  const result = walk(definition);
  found.set(definition, result);
  return result;
}

const found = new WeakMap<AnyPathDefinition, ReachableOutcomes>();

function walk(definition: AnyPathDefinition): ReachableOutcomes {
  const exploration = exploreStates(definition, {
    maxStates: stateBudget,
    timeBudget: undefined,
    counterCeilings: undefined,
    onProgress: undefined,
    progressEvery: Number.POSITIVE_INFINITY,
  });
  const complete = exploration.stop === undefined;
  const outcomesByState = new Map<string, Set<string>>();
  for (const snapshot of exploration.snapshots) {
    if (snapshot.status !== 'done') continue;
    const state = describeStateValue(snapshot.value);
    const reached = outcomesByState.get(state) ?? new Set<string>();
    outcomesByState.set(state, reached);
    const outcome = outcomeOfView(definition, snapshot);
    if (outcome !== undefined) reached.add(outcome);
  }
  const outcomes = Object.keys(definition.outcomes);
  const byFinalState = new Map<string, readonly string[]>();
  for (const [state, reached] of outcomesByState) {
    byFinalState.set(state, complete ? outcomes.filter((outcome) => reached.has(outcome)) : outcomes);
  }
  return { byFinalState, complete };
}
