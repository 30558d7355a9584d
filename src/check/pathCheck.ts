import type { AnyPathDefinition, CaseInputOf, ContextOf, RuleIdOf, StateValueOf } from '../path/definition.js';

/**
 * A state the checker reached: its readable name (`healthCheck`, `active.review`), state value and
 * context.
 */
export interface ReachedState<D extends AnyPathDefinition = AnyPathDefinition> {
  readonly name: string;
  readonly value: StateValueOf<D>;
  readonly context: ContextOf<D>;
}

/**
 * A walk along a path from its initial state: ready-to-record inputs (event type, `at` increasing,
 * an actor with a permitted role, a payload its schema allows) and the state after each one.
 * `states[0]` is the initial state; `states[i + 1]` is the state after `inputs[i]`.
 *
 * @example
 * ```ts
 * const caseRef = openCase(workabilityPath, { caseId: 'replay-trace' });
 * for (const input of trace.inputs) caseRef.record(input);
 * ```
 */
export interface Trace<D extends AnyPathDefinition = AnyPathDefinition> {
  readonly inputs: readonly CaseInputOf<D>[];
  readonly states: readonly string[];
}

/**
 * The shortest walk after which the machine lets through a transition that breaks a rule: every
 * input but the last is accepted by a case (guards and every rule hold); the machine also accepts
 * the last one, but the step breaks the rule. The runtime refuses that last input with
 * `RULE_VIOLATED` — its safety net — but no guard stops it: a guard is missing or too weak.
 */
export interface Counterexample<D extends AnyPathDefinition = AnyPathDefinition> extends Trace<D> {
  readonly ruleId: RuleIdOf<D>;
}

/**
 * What the checker found for one rule: it holds on every reachable transition, the machine breaks
 * it (with the shortest counterexample), or the run stopped at a budget before deciding.
 */
export type RuleVerdict<D extends AnyPathDefinition = AnyPathDefinition> =
  | { readonly ruleId: RuleIdOf<D>; readonly verdict: 'held'; readonly counterexample?: never }
  | { readonly ruleId: RuleIdOf<D>; readonly verdict: 'violated'; readonly counterexample: Counterexample<D> }
  | { readonly ruleId: RuleIdOf<D>; readonly verdict: 'undecided'; readonly counterexample?: never };

/** A finding about many states: how many, and the first few (fewest steps away) with a walk to each. */
export interface StateFinding<D extends AnyPathDefinition = AnyPathDefinition> {
  readonly count: number;
  readonly examples: readonly { readonly state: ReachedState<D>; readonly trace: Trace<D> }[];
}

/**
 * Something that makes the result weaker than it looks: a guard or rule reads an open payload
 * field (a date, an identifier), which the checker tries at one sample value only.
 */
export interface CheckWarning {
  readonly code: 'GUARD_READS_OPEN_FIELD' | 'RULE_READS_OPEN_FIELD';
  readonly message: string;
  readonly eventType: string;
  readonly field: string;
  /** The guard's name or the rule's id. */
  readonly name: string;
}

/** Why a check stopped before it had explored every reachable state. */
export type CheckStop =
  | {
      readonly code: 'STATE_BUDGET_EXCEEDED';
      readonly message: string;
      readonly maxStates: number;
    }
  | {
      readonly code: 'TIME_BUDGET_EXCEEDED';
      readonly message: string;
      readonly timeBudgetMs: number;
      readonly elapsedMs: number;
    };

/** The stable codes of {@link CheckStop}. */
export type CheckStopCode = CheckStop['code'];

interface PathCheckBase<D extends AnyPathDefinition> {
  readonly path: { readonly id: string; readonly version: number };
  /** Distinct states reached (state value + context, + history where the machine has history states). */
  readonly states: number;
  /** Accepted transitions explored, self-loops included; those that break a rule are not counted. */
  readonly transitions: number;
  /** Transitions the machine accepts that break at least one rule (the exploration does not follow them). */
  readonly violatingTransitions: number;
  /** The most events needed to reach a state. */
  readonly depth: number;
  /** The number of inputs tried in each state (event types × payloads). */
  readonly alphabet: number;
  /** One verdict per rule, in the definition's order. */
  readonly rules: readonly RuleVerdict<D>[];
  /** Event types no role may record: the runtime refuses every one. */
  readonly unrecordableEvents: readonly string[];
  /** Guards and rules that read a field the checker samples (see {@link CheckWarning}). */
  readonly warnings: readonly CheckWarning[];
  /** Milliseconds the check took, when a clock was given. */
  readonly elapsedMs: number | undefined;
}

/**
 * Every reachable state was explored. `proven` is true when every rule held; the other findings
 * are about the path's shape and do not make a rule fail.
 */
export interface CompletePathCheck<D extends AnyPathDefinition = AnyPathDefinition> extends PathCheckBase<D> {
  readonly complete: true;
  readonly proven: boolean;
  readonly stop?: never;
  /** States that are not final and accept no event: a case there is stuck. */
  readonly deadEnds: StateFinding<D>;
  /** States from which no final state can be reached (dead ends included). */
  readonly cannotFinish: StateFinding<D>;
  /** State nodes (dotted paths) never active in any reachable state. */
  readonly unreachedStates: readonly string[];
  /** Event types some role may record that are never accepted in any reachable state. */
  readonly unreachedEvents: readonly string[];
}

/**
 * The check stopped at a budget. A violation already found is real; the rules not yet violated
 * are `undecided`, and nothing is proven.
 */
export interface StoppedPathCheck<D extends AnyPathDefinition = AnyPathDefinition> extends PathCheckBase<D> {
  readonly complete: false;
  readonly proven: false;
  readonly stop: CheckStop;
}

/**
 * The result of {@link checkPath}: narrow on `complete` before reading the findings that need a
 * complete exploration.
 *
 * @example
 * ```ts
 * const check = checkPath(workabilityPath);
 * if (!check.complete) console.warn(check.stop.code);
 * else if (!check.proven) console.error(formatPathCheck(workabilityPath, check, { lang: 'fi' }));
 * ```
 */
export type PathCheck<D extends AnyPathDefinition = AnyPathDefinition> = CompletePathCheck<D> | StoppedPathCheck<D>;

/** How far a running check has come, for progress bars. */
export interface CheckProgress {
  readonly states: number;
  readonly transitions: number;
  /** States found but not yet explored. */
  readonly frontier: number;
  /** Steps from the initial state of the states being explored now. */
  readonly depth: number;
}

/**
 * A time budget. The checker reads no clock of its own (the library never does); give it one:
 * `{ ms: 5_000, clock: () => performance.now() }`. The CLI does.
 */
export interface TimeBudget {
  readonly ms: number;
  /** Milliseconds from any fixed origin, increasing. */
  readonly clock: () => number;
}

/** Options of {@link checkPath}. */
export interface CheckOptions {
  /** Stop with `STATE_BUDGET_EXCEEDED` beyond this many states. Default 200 000. */
  readonly maxStates?: number;
  /** Stop with `TIME_BUDGET_EXCEEDED` after this long. Default: no time budget. */
  readonly timeBudget?: TimeBudget;
  /**
   * Counters in the context saturate at a ceiling: a numeric context field above its ceiling is
   * stored as the ceiling, so a counter that only grows gives finitely many states. Give each
   * counter the largest threshold any guard or rule compares it with. Default: none.
   */
  readonly counterCeilings?: Readonly<Record<string, number>>;
  /** Called every `progressEvery` states explored, and once at the end. */
  readonly onProgress?: (progress: CheckProgress) => void;
  /** Default 1 000. */
  readonly progressEvery?: number;
  /** How many examples each state finding keeps. Default 5. */
  readonly maxExamples?: number;
  /** The `at` of the first input of every trace; each later input is one day after. Default `2025-01-06T08:00:00Z`. */
  readonly start?: string;
}
