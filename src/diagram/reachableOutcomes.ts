import type { AnyMachineSnapshot } from 'xstate';
import type { AnyPathDefinition } from '../path/definition.js';
import { compilePath } from '../case/compilePath.js';
import { snapshotKey } from '../machine/snapshotKey.js';
import { describeStateValue } from '../machine/stateNodes.js';

/** The end reasons each final state can carry, by final state's dotted path. @internal */
export interface ReachableOutcomes {
  readonly byFinalState: ReadonlyMap<string, readonly string[]>;
  /** False when the state budget ran out: every outcome is then listed for every final state. */
  readonly complete: boolean;
}

/** States explored at most when looking for outcomes. */
const stateBudget = 20_000;

/**
 * Which end reasons each final state of a path can carry, found by walking the machine over
 * every sample event (breadth first, each state once, rules checked on every step). A final
 * state's end events in BPMN come from here. Over a budget of states the walk stops and every
 * outcome is listed for every final state. Walked once per definition.
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
  const plan = compilePath(definition);
  const candidates = plan.eventTypes.flatMap((type) => (plan.samplePayloads.get(type) ?? []).map((payload) => ({ type, payload })));
  const keyOf = snapshotKey;
  const seen = new Set<string>([keyOf(plan.stepper.initialSnapshot)]);
  const queue: AnyMachineSnapshot[] = [plan.stepper.initialSnapshot];
  const outcomesByState = new Map<string, Set<string>>();
  const view = (snapshot: AnyMachineSnapshot) => ({ value: snapshot.value, context: snapshot.context }) as never;
  let complete = true;
  for (let index = 0; index < queue.length; index++) {
    const snapshot = queue[index]!;
    if (snapshot.status === 'done') {
      const outcome = definition.outcomeOf(view(snapshot));
      const state = describeStateValue(snapshot.value);
      if (!outcomesByState.has(state)) outcomesByState.set(state, new Set());
      if (outcome !== undefined) outcomesByState.get(state)!.add(outcome);
      continue;
    }
    for (const event of candidates) {
      let next: AnyMachineSnapshot;
      try {
        next = plan.stepper.next(snapshot, event);
      } catch {
        continue; // a guard that throws on this sample refuses it at runtime too
      }
      if (next === snapshot) continue;
      const step = { from: view(snapshot), event, to: view(next) } as never;
      if (!plan.rules.every((rule) => rule.holds(step))) continue;
      const key = keyOf(next);
      if (seen.has(key)) continue;
      if (seen.size >= stateBudget) {
        complete = false;
        break;
      }
      seen.add(key);
      queue.push(next);
    }
    if (!complete) break;
  }
  const outcomes = Object.keys(definition.outcomes);
  const byFinalState = new Map<string, readonly string[]>();
  for (const [state, reached] of outcomesByState) {
    byFinalState.set(state, complete ? outcomes.filter((outcome) => reached.has(outcome)) : outcomes);
  }
  return { byFinalState, complete };
}
