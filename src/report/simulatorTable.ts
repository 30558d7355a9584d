import type { AnyPathDefinition } from '../path/definition.js';
import { explainRefusal } from '../case/explainRefusal.js';
import { compilePath } from '../case/compilePath.js';
import { exploreOptionsOf } from '../check/checkPath.js';
import { exploreStates, type Exploration } from '../check/exploreStates.js';
import { activeStateNodes, describeStateValue } from '../machine/stateNodes.js';

/**
 * The report's step-through simulator as data: every reachable state of a path × every input of
 * the checker's alphabet, answered as `record` answers it. Built from the checker's explored state
 * graph ({@link exploreStates}), never by a second implementation of the engine: accepted steps are
 * the exploration's successors, steps a rule forbids its broken steps, and a refusal's reason is
 * the engine's own `explainRefusal`. Compact, for embedding in a page as JSON.
 *
 * @internal
 */
export interface SimulatorTable {
  /** The inputs: event type, payload as a host records it, and a role that may record it. */
  readonly entries: readonly { readonly type: string; readonly payload: Readonly<Record<string, unknown>>; readonly role: string }[];
  /** The distinct state values, as `describeStateValue` writes them, with their active state nodes (dotted ids). */
  readonly values: readonly { readonly name: string; readonly nodes: readonly string[] }[];
  /** Per reachable state (index 0 is the initial state): the index of its value in `values`. */
  readonly states: readonly number[];
  /** The states in which the case is closed: `record` answers `CASE_CLOSED` to every input. */
  readonly closed: readonly number[];
  /**
   * Per state, flat pairs `[entry, answer, …]` in entry order: `answer ≥ 0` is the next state,
   * `answer < 0` is `RULE_VIOLATED` by rule `rules[-1 - answer]`. An entry not listed is refused
   * with `NOT_ALLOWED_IN_STATE`.
   */
  readonly steps: readonly (readonly number[])[];
  /** The path's rule ids, in definition order. */
  readonly rules: readonly string[];
}

/** One answer of the simulator: the next state, or the refusal's code and rule. @internal */
export type SimulatorAnswer =
  | { readonly kind: 'accepted'; readonly to: number }
  | { readonly kind: 'refused'; readonly code: 'NOT_ALLOWED_IN_STATE' | 'CASE_CLOSED' | 'RULE_VIOLATED'; readonly ruleId?: string };

/**
 * The simulator table of a path from an exploration of it; `undefined` when the exploration
 * stopped at a budget (the table would not hold every reachable state).
 *
 * @internal
 */
export function simulatorTableOf(exploration: Exploration): SimulatorTable | undefined {
  if (exploration.stop) return undefined;
  const definition = exploration.definition;
  const plan = compilePath(definition);
  const entries = exploration.alphabet.entries;
  const ruleIndex = new Map(definition.rules.map((rule, index) => [rule.id, index]));
  const valueIndex = new Map<string, number>();
  const values: { name: string; nodes: string[] }[] = [];
  const states: number[] = [];
  const closed: number[] = [];
  const steps: number[][] = [];
  exploration.snapshots.forEach((snapshot, state) => {
    const name = describeStateValue(snapshot.value);
    let at = valueIndex.get(name);
    if (at === undefined) {
      at = values.length;
      valueIndex.set(name, at);
      const nodes = activeStateNodes(definition.machine, snapshot.value)
        .map((node) => node.path.join('.'))
        .filter((id) => id !== '');
      values.push({ name, nodes });
    }
    states.push(at);
    if (snapshot.status !== 'active') {
      closed.push(state);
      steps.push([]);
      return;
    }
    const answers = new Map<number, number>();
    const vias = exploration.successorVias[state]!;
    for (const [position, via] of vias.entries()) answers.set(via, exploration.successors[state]![position]!);
    for (const broken of exploration.brokenSteps[state]!) answers.set(broken.via, -1 - broken.rule);
    entries.forEach((entry, via) => {
      if (answers.has(via)) return;
      // The machine refuses this input here; the engine says why, as `record` would.
      const refusal = explainRefusal(plan, snapshot, entry.event);
      if (refusal.code === 'RULE_VIOLATED') answers.set(via, -1 - ruleIndex.get(refusal.ruleId)!);
    });
    steps.push([...answers.entries()].sort(([a], [b]) => a - b).flat());
  });
  return {
    entries: entries.map((entry) => ({ type: entry.type, payload: entry.payload, role: entry.role })),
    values,
    states,
    closed,
    steps,
    rules: definition.rules.map((rule) => rule.id),
  };
}

/**
 * The most states a page's simulator embeds: about 150 bytes of JSON a state on the built-in paths,
 * so at most some 1.5 MB. A path with more gets no simulator (the page says so) rather than a page
 * too heavy to open.
 *
 * @internal
 */
export const simulatorMaxStates = 10_000;

/**
 * Explores a path as `checkPath` does and returns its simulator table, or `undefined` when the
 * path has more than `maxStates` reachable states (default {@link simulatorMaxStates}).
 *
 * @internal
 */
export function simulatorTable(definition: AnyPathDefinition, maxStates = simulatorMaxStates): SimulatorTable | undefined {
  return simulatorTableOf(exploreStates(definition, exploreOptionsOf({ maxStates })));
}

/**
 * What the simulator answers to input `entry` in state `state`: the lookup the page's script does
 * too, written here once for the tests that compare it with `record`.
 *
 * @internal
 */
export function simulatorAnswer(table: SimulatorTable, state: number, entry: number): SimulatorAnswer {
  if (table.closed.includes(state)) return { kind: 'refused', code: 'CASE_CLOSED' };
  const pairs = table.steps[state]!;
  for (let at = 0; at < pairs.length; at += 2) {
    if (pairs[at] !== entry) continue;
    const answer = pairs[at + 1]!;
    return answer >= 0 ? { kind: 'accepted', to: answer } : { kind: 'refused', code: 'RULE_VIOLATED', ruleId: table.rules[-1 - answer]! };
  }
  return { kind: 'refused', code: 'NOT_ALLOWED_IN_STATE' };
}
