import type { AnyMachineSnapshot, EventObject, StateValue } from 'xstate';
import type { AnyPathDefinition } from '../path/definition.js';
import { createCheckedStepper } from './checkedStepper.js';
import { compileCheck, type Candidates, type ValueFacts } from './compileCheck.js';
import type { InputAlphabet } from './inputAlphabet.js';
import type { CheckProgress, CheckStop, TimeBudget } from './pathCheck.js';
import { createStateIndex } from '../machine/stateKey.js';
import { resolveWithContext } from '../case/typeErasure.js';

/** Options of {@link exploreStates}. @internal */
export interface ExploreOptions {
  readonly maxStates: number;
  readonly timeBudget: TimeBudget | undefined;
  readonly counterCeilings: Readonly<Record<string, number>> | undefined;
  readonly onProgress: ((progress: CheckProgress) => void) | undefined;
  readonly progressEvery: number;
}

/** The first transition found (so: on a shortest walk) that breaks a rule. @internal */
export interface FoundViolation {
  readonly from: number;
  readonly via: number;
  readonly to: AnyMachineSnapshot;
}

/**
 * The reachable state graph of a path, breadth first: states by index in the order found (so a
 * state's index never precedes its parent's), each with the transition that first reached it.
 *
 * @internal
 */
export interface Exploration {
  readonly definition: AnyPathDefinition;
  readonly alphabet: InputAlphabet;
  readonly snapshots: readonly AnyMachineSnapshot[];
  /** The state each state was first reached from; -1 for the initial state. */
  readonly parents: readonly number[];
  /** The alphabet entry of that transition; -1 for the initial state. */
  readonly vias: readonly number[];
  readonly depths: readonly number[];
  /** Accepted transitions that keep every rule, per state: target state and alphabet entry. */
  readonly successors: readonly (readonly number[])[];
  readonly successorVias: readonly (readonly number[])[];
  /**
   * Transitions the machine takes but a rule forbids (so the runtime refuses them), per state:
   * alphabet entry and the index in `definition.rules` of the first rule broken, the one `record`
   * names. Kept so that the report's simulator answers every input from the exploration itself.
   */
  readonly brokenSteps: readonly (readonly { readonly via: number; readonly rule: number }[])[];
  readonly transitions: number;
  readonly violatingTransitions: number;
  /** Per rule id, the first violation found. */
  readonly violations: ReadonlyMap<string, FoundViolation>;
  /** Event types accepted (keeping every rule) somewhere. */
  readonly acceptedTypes: ReadonlySet<string>;
  /** Dotted paths of the state nodes active in some reachable state. */
  readonly reachedNodes: ReadonlySet<string>;
  readonly stop: CheckStop | undefined;
  readonly elapsedMs: number | undefined;
}

/**
 * Explores every state a path's machine can reach from its initial state, breadth first, trying
 * the whole input alphabet in each state and checking every rule on every transition the machine
 * accepts. A transition that breaks a rule is recorded but not followed: the runtime refuses it,
 * so a case can never be in the state beyond it, and a counterexample's earlier steps are all
 * steps a case accepts.
 *
 * Steps go through {@link createCheckedStepper}, the one way the engine's walkers step a machine
 * (one inert actor scope per machine: no actors are started, nothing is spawned); a guard, action
 * or rule that throws surfaces as a PathRuntimeError.
 *
 * @internal
 */
export function exploreStates(definition: AnyPathDefinition, options: ExploreOptions): Exploration {
  const checkPlan = compileCheck(definition);
  const alphabet = checkPlan.alphabet;
  const entries = alphabet.entries;
  const stateIndex = createStateIndex(definition.machine, checkPlan.hasHistory);
  const clamp = options.counterCeilings ? createClamp(definition, options.counterCeilings) : undefined;
  const stepper = createCheckedStepper(definition, clamp);
  const clock = options.timeBudget?.clock;
  const started = clock?.();

  const snapshots: AnyMachineSnapshot[] = [];
  const parents: number[] = [];
  const vias: number[] = [];
  const depths: number[] = [];
  const successors: number[][] = [];
  const successorVias: number[][] = [];
  const brokenSteps: { via: number; rule: number }[][] = [];
  const violations = new Map<string, FoundViolation>();
  const acceptedTypes = new Set<string>();
  const reachedNodes = new Set<string>();
  let transitions = 0;
  let violatingTransitions = 0;
  let stop: CheckStop | undefined;

  const add = (snapshot: AnyMachineSnapshot, parent: number, via: number, depth: number): number => {
    const at = snapshots.length;
    snapshots.push(snapshot);
    parents.push(parent);
    vias.push(via);
    depths.push(depth);
    successors.push([]);
    successorVias.push([]);
    brokenSteps.push([]);
    stateIndex.addLastFound(at);
    return at;
  };

  const seenValues = new Set<ValueFacts>();
  const candidatesOf = (value: StateValue): readonly Candidates[] => {
    const facts = checkPlan.factsOf(value);
    if (!seenValues.has(facts)) {
      seenValues.add(facts);
      for (const node of facts.nodes) reachedNodes.add(node);
    }
    return facts.candidates;
  };

  const initial = stepper.initialSnapshot;
  stateIndex.find(initial);
  add(initial, -1, -1, 0);
  candidatesOf(initial.value);

  const progress = (head: number): CheckProgress => ({
    states: snapshots.length,
    transitions,
    frontier: snapshots.length - head,
    depth: depths[Math.min(head, depths.length - 1)]!,
  });

  let head = 0;
  explore: for (; head < snapshots.length; head++) {
    if (clock && (head & 63) === 0) {
      const elapsedMs = clock() - started!;
      if (elapsedMs > options.timeBudget!.ms) {
        stop = {
          code: 'TIME_BUDGET_EXCEEDED',
          message:
            `path '${definition.id}': stopped after ${Math.round(elapsedMs)} ms (budget ${options.timeBudget!.ms} ms) ` +
            `with ${snapshots.length} states found, ${snapshots.length - head} not yet explored`,
          timeBudgetMs: options.timeBudget!.ms,
          elapsedMs,
        };
        break;
      }
    }
    if (options.onProgress && head > 0 && head % options.progressEvery === 0) options.onProgress(progress(head));
    const from = snapshots[head]!;
    if (from.status !== 'active') continue;
    const depth = depths[head]! + 1;
    stateIndex.expanding(from);
    for (const candidate of candidatesOf(from.value)) {
      for (const via of candidate.indices) {
        const entry = entries[via]!;
        const outcome = stepper.step(from, entry.event as EventObject);
        if (outcome.kind === 'refused') continue;
        const to = outcome.to;
        if (outcome.kind === 'breaksRules') {
          for (const rule of outcome.broken) if (!violations.has(rule.id)) violations.set(rule.id, { from: head, via, to });
          violatingTransitions++;
          brokenSteps[head]!.push({ via, rule: definition.rules.indexOf(outcome.broken[0]!) });
          continue;
        }
        transitions++;
        acceptedTypes.add(entry.type);
        let target = stateIndex.find(to);
        if (target < 0) {
          if (snapshots.length >= options.maxStates) {
            stop = {
              code: 'STATE_BUDGET_EXCEEDED',
              message:
                `path '${definition.id}': more than ${options.maxStates} states; ` +
                'raise maxStates, or give counters a ceiling (counterCeilings)',
              maxStates: options.maxStates,
            };
            break explore;
          }
          target = add(to, head, via, depth);
          candidatesOf(to.value);
        }
        successors[head]!.push(target);
        successorVias[head]!.push(via);
      }
    }
  }
  options.onProgress?.(progress(head));
  return {
    definition,
    alphabet,
    snapshots,
    parents,
    vias,
    depths,
    successors,
    successorVias,
    brokenSteps,
    transitions,
    violatingTransitions,
    violations,
    acceptedTypes,
    reachedNodes,
    stop,
    elapsedMs: clock ? clock() - started! : undefined,
  };
}

function createClamp(
  definition: AnyPathDefinition,
  ceilings: Readonly<Record<string, number>>,
): (snapshot: AnyMachineSnapshot) => AnyMachineSnapshot {
  const fields = Object.entries(ceilings);
  for (const [field, ceiling] of fields) {
    if (!Number.isFinite(ceiling)) throw new RangeError(`checkPath: counterCeilings.${field} must be a finite number, got ${ceiling}`);
  }
  return (snapshot) => {
    const context = snapshot.context as Record<string, unknown>;
    let clamped: Record<string, unknown> | undefined;
    for (const [field, ceiling] of fields) {
      const value = context[field];
      if (typeof value === 'number' && value > ceiling) {
        clamped ??= { ...context };
        clamped[field] = ceiling;
      }
    }
    if (!clamped) return snapshot;
    // resolveState is XState's public way to a snapshot with a given value and context.
    return resolveWithContext(definition.machine, snapshot, clamped);
  };
}
