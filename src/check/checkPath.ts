import type { AnyPathDefinition } from '../path/definition.js';
import { describeStateValue } from '../machine/stateNodes.js';
import { createTraceBuilder } from './buildTrace.js';
import { exploreStates, type Exploration } from './exploreStates.js';
import { compileCheck } from './compileCheck.js';
import type { CheckOptions, PathCheck, ReachedState, RuleVerdict, StateFinding } from './pathCheck.js';
import { tracedCheck } from '../telemetry/tracedCheck.js';

/** @internal */
export const defaultMaxStates = 200_000;
/** @internal */
export const defaultStart = '2025-01-06T08:00:00Z';

/** The options of {@link exploreStates} from those of {@link checkPath}. @internal */
export function exploreOptionsOf(options: CheckOptions) {
  const maxStates = options.maxStates ?? defaultMaxStates;
  if (!Number.isInteger(maxStates) || maxStates < 1)
    throw new RangeError(`checkPath: maxStates must be a positive integer, got ${maxStates}`);
  const progressEvery = options.progressEvery ?? 1000;
  if (!Number.isInteger(progressEvery) || progressEvery < 1)
    throw new RangeError(`checkPath: progressEvery must be a positive integer, got ${progressEvery}`);
  if (options.timeBudget && !(options.timeBudget.ms >= 0 && typeof options.timeBudget.clock === 'function')) {
    throw new RangeError('checkPath: timeBudget needs ms ≥ 0 and a clock, e.g. { ms: 5000, clock: () => performance.now() }');
  }
  return {
    maxStates,
    timeBudget: options.timeBudget,
    counterCeilings: options.counterCeilings,
    onProgress: options.onProgress,
    progressEvery,
  };
}

/**
 * Proves that a path's machine keeps its rules on every reachable state, or finds the shortest
 * walk on which it does not.
 *
 * Breadth first over every state the machine can reach from its initial state. The input alphabet
 * is every event type some role may record × every payload its zod schema allows when that set is
 * finite (enums, literals, booleans, small integer ranges, optional fields present and absent).
 * Open fields (dates, identifiers) are tried at one sample value: guards and rules must not
 * branch on them. Times are an ordered sequence: the machine never sees `at`. A state is its state
 * value and context (and history value, where the machine has history states) in canonical form;
 * no state is explored twice. Every rule is checked on every transition the machine accepts; a
 * transition that breaks one is reported with the shortest counterexample and not followed
 * (the runtime refuses it). Counters in the context can be given a ceiling (`counterCeilings`).
 *
 * Never hangs: it stops at `maxStates` (default 200 000) or at a time budget, with a typed
 * {@link StoppedPathCheck}. Throws only when the definition's own code throws (a
 * `PathRuntimeError`) or on bad options.
 *
 * @example
 * ```ts
 * import { checkPath, formatPathCheck } from 'kykypolku';
 * import { workabilityPath } from 'kykypolku/paths';
 *
 * const check = checkPath(workabilityPath);
 * check.complete && check.proven; // true: every rule holds on every reachable state
 * console.log(formatPathCheck(workabilityPath, check, { lang: 'fi' }));
 * ```
 */
export function checkPath<D extends AnyPathDefinition>(definition: D, options: CheckOptions = {}): PathCheck<D> {
  return tracedCheck(definition, () => {
    const exploration = exploreStates(definition, exploreOptionsOf(options));
    return summarizeExploration(exploration, options) as PathCheck<D>;
  });
}

/** The public result of an exploration. @internal */
export function summarizeExploration(exploration: Exploration, options: CheckOptions): PathCheck {
  const { definition } = exploration;
  const traceTo = createTraceBuilder(exploration, options.start ?? defaultStart);
  const complete = exploration.stop === undefined;
  const rules: RuleVerdict[] = definition.rules.map((rule) => {
    const found = exploration.violations.get(rule.id);
    if (found) return { ruleId: rule.id, verdict: 'violated', counterexample: { ruleId: rule.id, ...traceTo(found.from, found) } };
    return { ruleId: rule.id, verdict: complete ? 'held' : 'undecided' };
  });
  const base = {
    path: { id: definition.id, version: definition.version },
    states: exploration.snapshots.length,
    transitions: exploration.transitions,
    violatingTransitions: exploration.violatingTransitions,
    depth: exploration.depths.length === 0 ? 0 : exploration.depths[exploration.depths.length - 1]!,
    alphabet: exploration.alphabet.entries.length,
    rules,
    unrecordableEvents: exploration.alphabet.unrecordable,
    warnings: compileCheck(definition).warnings,
    elapsedMs: exploration.elapsedMs,
  };
  if (exploration.stop) return { ...base, complete: false, proven: false, stop: exploration.stop };

  const maxExamples = options.maxExamples ?? 5;
  const finding = (states: readonly number[]): StateFinding => ({
    count: states.length,
    examples: states.slice(0, maxExamples).map((state) => ({ state: reachedState(exploration, state), trace: traceTo(state) })),
  });
  const open = (state: number) => exploration.snapshots[state]!.status === 'active';
  const deadEnds = exploration.snapshots
    .map((_, state) => state)
    .filter((state) => open(state) && exploration.successors[state]!.length === 0);
  const finishing = statesThatCanFinish(exploration);
  const cannotFinish = exploration.snapshots.map((_, state) => state).filter((state) => !finishing[state]);
  return {
    ...base,
    complete: true,
    proven: rules.every((verdict) => verdict.verdict === 'held'),
    deadEnds: finding(deadEnds),
    cannotFinish: finding(cannotFinish),
    unreachedStates: compileCheck(definition).statePaths.filter((path) => !exploration.reachedNodes.has(path)),
    unreachedEvents: [...exploration.alphabet.byType.keys()].filter((type) => !exploration.acceptedTypes.has(type)),
  };
}

function reachedState(exploration: Exploration, state: number): ReachedState {
  const snapshot = exploration.snapshots[state]!;
  return { name: describeStateValue(snapshot.value), value: snapshot.value, context: snapshot.context };
}

/** Backwards from every final state over accepted transitions. */
function statesThatCanFinish(exploration: Exploration): boolean[] {
  const count = exploration.snapshots.length;
  const predecessors: number[][] = Array.from({ length: count }, () => []);
  exploration.successors.forEach((targets, from) => {
    for (const target of targets) predecessors[target]!.push(from);
  });
  const finishing = new Array<boolean>(count).fill(false);
  const queue: number[] = [];
  for (let state = 0; state < count; state++) {
    if (exploration.snapshots[state]!.status === 'done') {
      finishing[state] = true;
      queue.push(state);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    for (const from of predecessors[queue[head]!]!) {
      if (!finishing[from]) {
        finishing[from] = true;
        queue.push(from);
      }
    }
  }
  return finishing;
}
