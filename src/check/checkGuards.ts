import type { AnyPathDefinition, RuleIdOf } from '../path/definition.js';
import { defaultStart, exploreOptionsOf, summarizeExploration } from './checkPath.js';
import { exploreStates, type Exploration } from './exploreStates.js';
import { guardOccurrences } from './guardOccurrences.js';
import { createTraceBuilder } from './buildTrace.js';
import type { CheckOptions, Counterexample, Trace } from './pathCheck.js';
import { createStateIndex } from '../machine/stateKey.js';

/**
 * How a guard is used. A `gate` refuses an event when it fails. A `routing` guard sits on one of
 * several transitions for the same event in the same state and chooses between their targets
 * (`nextRoleIsNurse`): when it fails, another transition may be taken instead.
 */
export type GuardKind = 'gate' | 'routing';

/**
 * What removing a guard does:
 * - `caught`: it breaks a rule — the guard is justified by that rule;
 * - `not-caught`: a gate whose removal lets new transitions through but breaks no rule — a rule
 *   is missing, or the guard enforces something no rule states;
 * - `routes`: a routing guard whose removal changes where the path goes but breaks no rule — it
 *   decides a route, and no rule is expected to stand behind it;
 * - `dead`: removing it (either way, for a routing guard) changes nothing reachable;
 * - `unused`: declared in `setup()` but on no transition;
 * - `undecided`: a check stopped at its budget before deciding.
 */
export type GuardVerdict = 'caught' | 'not-caught' | 'routes' | 'dead' | 'unused' | 'undecided';

/** One mutant: the machine with one guard replaced by a constant, and what its check found. */
export interface GuardMutation<D extends AnyPathDefinition = AnyPathDefinition> {
  /** The constant the guard was replaced by. */
  readonly value: boolean;
  readonly states: number;
  readonly transitions: number;
  /** Whether the reachable states or transitions differ from the unmutated machine's. */
  readonly changed: boolean;
  /**
   * One difference, as the shortest walk to it: a transition the mutant takes that the machine
   * does not (`added`), or else one the machine takes that the mutant does not (`removed`).
   */
  readonly witness?: { readonly change: 'added' | 'removed'; readonly trace: Trace<D> };
  readonly complete: boolean;
  /**
   * The rules the mutant breaks that held in the unmutated path. A rule the path already breaks
   * (see `GuardCheck.baseline.violatedRules`) is broken in the mutant too, and says nothing about
   * this guard.
   */
  readonly brokenRules: readonly string[];
}

/** The verdict on one guard. */
export interface GuardJustification<D extends AnyPathDefinition = AnyPathDefinition> {
  readonly guard: string;
  readonly kind: GuardKind;
  readonly verdict: GuardVerdict;
  /** The rules that name this guard in `enforcedBy`. */
  readonly enforces: readonly RuleIdOf<D>[];
  /**
   * The rules broken when the guard is removed, each with its shortest counterexample: only rules
   * that held before the removal, so only rules that this guard keeps.
   */
  readonly brokenRules: readonly Counterexample<D>[];
  readonly mutations: readonly GuardMutation<D>[];
}

/** A rule that names a guard in `enforcedBy`, yet removing the guard does not break the rule. */
export interface EnforcementGap<D extends AnyPathDefinition = AnyPathDefinition> {
  readonly ruleId: RuleIdOf<D>;
  readonly guard: string;
}

/**
 * The result of {@link checkGuards}. `justified` is true when every guard is `caught` or `routes`
 * and every guard a rule names in `enforcedBy` breaks that rule when removed.
 */
export interface GuardCheck<D extends AnyPathDefinition = AnyPathDefinition> {
  readonly path: { readonly id: string; readonly version: number };
  /**
   * The unmutated machine. `violatedRules`: the rules it already breaks (a guard is missing, or
   * the rule is wrong); they justify no guard, because removing a guard cannot be what breaks them.
   */
  readonly baseline: {
    readonly states: number;
    readonly transitions: number;
    readonly proven: boolean;
    readonly complete: boolean;
    readonly violatedRules: readonly RuleIdOf<D>[];
  };
  /** One verdict per guard declared in `setup()`, in declaration order. */
  readonly guards: readonly GuardJustification<D>[];
  readonly enforcementGaps: readonly EnforcementGap<D>[];
  readonly justified: boolean;
}

/** Options of {@link checkGuards}: those of every check it runs, and a callback per guard. */
export interface GuardCheckOptions extends CheckOptions {
  /** Called before each guard's mutants are checked. */
  readonly onGuard?: (guard: string, index: number, total: number) => void;
}

function withGuard<D extends AnyPathDefinition>(definition: D, guard: string, value: boolean): D {
  // provide() keeps the machine's config and replaces one implementation; the definition is
  // otherwise the same object graph, so its rules, events and roles are checked unchanged.
  const machine = definition.machine.provide({ guards: { [guard]: () => value } });
  return { ...definition, machine, id: definition.id };
}

interface EdgeIndex {
  readonly keys: readonly string[];
  readonly edges: ReadonlySet<string>;
}

function indexEdges(exploration: Exploration): EdgeIndex {
  const index = createStateIndex(exploration.definition.machine);
  const keys = exploration.snapshots.map((snapshot) => index.keyOf(snapshot));
  const edges = new Set<string>();
  exploration.successors.forEach((targets, from) => {
    targets.forEach((target, at) => {
      edges.add(`${keys[from]}\u0001${exploration.successorVias[from]![at]}\u0001${keys[target]}`);
    });
  });
  return { keys, edges };
}

/** The first transition of `exploration`, breadth first, that `other` does not have. */
function firstEdgeMissingFrom(exploration: Exploration, own: EdgeIndex, other: EdgeIndex) {
  for (let from = 0; from < exploration.snapshots.length; from++) {
    const targets = exploration.successors[from]!;
    for (let at = 0; at < targets.length; at++) {
      const via = exploration.successorVias[from]![at]!;
      if (!other.edges.has(`${own.keys[from]}\u0001${via}\u0001${own.keys[targets[at]!]}`))
        return { from, via, to: exploration.snapshots[targets[at]!]! };
    }
  }
  return undefined;
}

/**
 * Checks that every guard of a path is justified, by mutation: each guard in turn is removed
 * (replaced by the constant that lets its transitions through: `true`, or `false` under a `not`)
 * and the path is checked again. A guard whose removal breaks a rule that held before is justified
 * by that rule; a rule the path already breaks justifies no guard (it is listed in
 * `baseline.violatedRules`). A gate whose removal breaks no rule is reported: a rule is missing, or
 * the guard is dead.
 *
 * Routing guards (one of several transitions for the same event, choosing the target) are checked
 * both ways, always true and always false, because removing one only sends the case elsewhere;
 * one that breaks no rule either way but changes the reachable graph is reported as `routes`, and
 * one that changes nothing as `dead`.
 *
 * Every guard a rule names in `enforcedBy` must break that rule when removed; each one that does
 * not is an {@link EnforcementGap}.
 *
 * @example
 * ```ts
 * const guards = checkGuards(workabilityPath);
 * guards.guards.find((guard) => guard.guard === 'situationMapped')?.verdict; // 'caught'
 * console.log(formatGuardCheck(workabilityPath, guards, { lang: 'en' }));
 * ```
 */
export function checkGuards<D extends AnyPathDefinition>(definition: D, options: GuardCheckOptions = {}): GuardCheck<D> {
  const exploreOptions = exploreOptionsOf(options);
  const baseline = exploreStates(definition, exploreOptions);
  const baselineSummary = summarizeExploration(baseline, options);
  // A rule the unmutated path already breaks is broken in every mutant: it justifies no guard.
  const violatedBefore = new Set<string>(
    baselineSummary.rules.filter((verdict) => verdict.verdict === 'violated').map((verdict) => verdict.ruleId),
  );
  const start = options.start ?? defaultStart;
  let baselineEdges: EdgeIndex | undefined;
  const compare = (mutant: Exploration): GuardMutation<D>['witness'] => {
    baselineEdges ??= indexEdges(baseline);
    const mutantEdges = indexEdges(mutant);
    const added = firstEdgeMissingFrom(mutant, mutantEdges, baselineEdges);
    // The mutant is D with one guard replaced: its inputs are D's inputs.
    if (added) return { change: 'added', trace: createTraceBuilder(mutant, start)(added.from, added) as unknown as Trace<D> };
    const removed = firstEdgeMissingFrom(baseline, baselineEdges, mutantEdges);
    if (removed) return { change: 'removed', trace: createTraceBuilder(baseline, start)(removed.from, removed) as unknown as Trace<D> };
    return undefined;
  };

  const occurrences = guardOccurrences(definition.machine);
  const declared = Object.keys(definition.machine.implementations.guards ?? {});
  const guards: GuardJustification<D>[] = declared.map((guard, index) => {
    options.onGuard?.(guard, index, declared.length);
    const enforces = definition.rules.filter((rule) => rule.enforcedBy.includes(guard)).map((rule) => rule.id as RuleIdOf<D>);
    const uses = occurrences.filter((occurrence) => occurrence.guard === guard);
    const kind: GuardKind = uses.length > 0 && uses.every((use) => use.routing) ? 'routing' : 'gate';
    if (uses.length === 0) return { guard, kind, verdict: 'unused', enforces, brokenRules: [], mutations: [] };
    // Removing a gate means letting its transitions through; a routing guard is tried both ways.
    const values = kind === 'routing' ? [true, false] : [...new Set(uses.map((use) => use.positive))];
    const broken = new Map<string, Counterexample<D>>();
    const mutations: GuardMutation<D>[] = values.map((value) => {
      const mutant = exploreStates(withGuard(definition, guard, value), exploreOptions);
      const summary = summarizeExploration(mutant, options);
      const newlyBroken = summary.rules.filter(
        (verdict): verdict is Extract<typeof verdict, { verdict: 'violated' }> =>
          verdict.verdict === 'violated' && !violatedBefore.has(verdict.ruleId),
      );
      for (const verdict of newlyBroken) {
        const known = broken.get(verdict.ruleId);
        // The mutant is D with one guard replaced: its inputs are D's inputs.
        const counterexample = verdict.counterexample as unknown as Counterexample<D>;
        if (!known || counterexample.inputs.length < known.inputs.length) broken.set(verdict.ruleId, counterexample);
      }
      const witness = compare(mutant);
      return {
        value,
        states: mutant.snapshots.length,
        transitions: mutant.transitions,
        // Transitions that break a rule are not followed, so they are counted apart; where the
        // path already breaks a rule, only a different count is a change.
        changed: mutant.violatingTransitions !== baseline.violatingTransitions || witness !== undefined,
        ...(witness ? { witness } : {}),
        complete: mutant.stop === undefined,
        brokenRules: newlyBroken.map((verdict) => verdict.ruleId),
      };
    });
    const brokenRules = definition.rules
      .map((rule) => broken.get(rule.id))
      .filter((found): found is Counterexample<D> => found !== undefined);
    const verdict: GuardVerdict =
      brokenRules.length > 0
        ? 'caught'
        : mutations.some((mutation) => !mutation.complete) || baseline.stop
          ? 'undecided'
          : !mutations.some((mutation) => mutation.changed)
            ? 'dead'
            : kind === 'routing'
              ? 'routes'
              : 'not-caught';
    return { guard, kind, verdict, enforces, brokenRules, mutations };
  });

  const enforcementGaps: EnforcementGap<D>[] = definition.rules.flatMap((rule) =>
    rule.enforcedBy
      .filter(
        (guard) => !guards.find((found) => found.guard === guard)?.brokenRules.some((counterexample) => counterexample.ruleId === rule.id),
      )
      .map((guard) => ({ ruleId: rule.id as RuleIdOf<D>, guard })),
  );
  return {
    path: { id: definition.id, version: definition.version },
    baseline: {
      states: baseline.snapshots.length,
      transitions: baseline.transitions,
      proven: baselineSummary.proven,
      complete: baselineSummary.complete,
      violatedRules: definition.rules.filter((rule) => violatedBefore.has(rule.id)).map((rule) => rule.id as RuleIdOf<D>),
    },
    guards,
    enforcementGaps,
    justified: enforcementGaps.length === 0 && guards.every((guard) => guard.verdict === 'caught' || guard.verdict === 'routes'),
  };
}
