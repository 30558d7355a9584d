import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { AnyPathDefinition } from '../path/definition.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { createCheckedStepper, type CheckedStep } from '../check/checkedStepper.js';
import { describeStateValue } from '../machine/stateNodes.js';
import { outcomeOfView } from '../case/typeErasure.js';
import { dueDatesOf } from '../case/migratedDueDates.js';
import { replayPrefix } from '../case/replayCase.js';

/**
 * How long cases stayed in one state, in days.
 *
 * @example
 * ```ts
 * const { median, p90 } = summarizeCases(workabilityPath, histories).timeInState.healthCheck!;
 * ```
 */
export interface StayDistribution {
  /**
   * Cases that left the state; each case counts once, with the days of all its stays there
   * together. A stay not yet ended is not counted.
   */
  readonly count: number;
  readonly min: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly p90: number;
  readonly max: number;
}

/**
 * What a set of cases on one path shows: how many reached each state, how they ended, how long
 * they stayed in each state, and which deadlines are overdue. The report draws its charts from it.
 *
 * @example
 * ```ts
 * const summary = summarizeCases(workabilityPath, histories, { now: '2026-01-01T00:00:00Z' });
 * (summary.reached.doctorAssessment ?? 0) / summary.cases; // the share that reached the doctor
 * ```
 */
export interface PathCasesSummary {
  readonly pathId: string;
  readonly cases: number;
  readonly closed: number;
  /** The instant the summary is taken at: the given `now`, or the last event's time. */
  readonly now: string | undefined;
  /** Cases that ever entered each state (dotted path, leaf and compound), in the machine's order. */
  readonly reached: Readonly<Record<string, number>>;
  /** Closed cases by end reason (`(none)` when the path gives none). */
  readonly endReasons: Readonly<Record<string, number>>;
  /** Open cases by the leaf state they are in. */
  readonly openByState: Readonly<Record<string, number>>;
  /** Days each case spent in each state (its ended stays together), over the cases that left it. */
  readonly timeInState: Readonly<Record<string, StayDistribution>>;
  /** Open cases with each deadline due, and how many of them are overdue at `now`. */
  readonly deadlines: Readonly<Record<string, { readonly due: number; readonly overdue: number }>>;
  /**
   * Histories the path does not accept as given (not from this path, or changed since): an event the
   * machine refuses, an event after the case closed, a step that breaks a rule. Not counted above.
   */
  readonly skipped: number;
}

/**
 * Options of {@link summarizeCases}.
 *
 * @example
 * ```ts
 * summarizeCases(workabilityPath, histories, { now: '2026-01-01T00:00:00Z' }).deadlines;
 * ```
 */
export interface SummarizeOptions {
  /** The instant deadlines are judged at (ISO). Default: the latest event of all the histories. */
  readonly now?: string;
}

const dayMillis = 86_400_000;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** The state paths a state value names, leaves and their ancestors. */
function statePathsOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}${value}`];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...statePathsOf(inner, `${prefix}${key}.`)]);
}

/**
 * Summarises recorded cases of one path: each history is stepped through the path's machine the
 * way the checker steps it (events as recorded; a step the machine refuses or a rule forbids makes
 * the history `skipped`), each distinct step computed and checked once, so this costs less than
 * replaying them. A guard, action or rule that throws surfaces as a `PathRuntimeError`.
 *
 * @example
 * ```ts
 * const cohort = simulateCohort(workabilityPath, { clients: 1000 });
 * const summary = summarizeCases(workabilityPath, cohort.cases.map((caseRef) => caseRef.history));
 * ```
 */
export function summarizeCases(
  definition: AnyPathDefinition,
  histories: Iterable<readonly RecordedEvent[]>,
  options: SummarizeOptions = {},
): PathCasesSummary {
  const stepper = createCheckedStepper(definition);
  const order = Object.keys(definition.labels.states);
  const reached: Record<string, number> = Object.fromEntries(order.map((state) => [state, 0]));
  const endReasons: Record<string, number> = {};
  const openByState: Record<string, number> = {};
  const stays = new Map<string, number[]>(order.map((state) => [state, []]));
  const deadlineCounts: Record<string, { due: number; overdue: number }> = Object.fromEntries(
    definition.deadlines.map((deadline) => [deadline.id, { due: 0, overdue: 0 }]),
  );
  const open: { history: readonly RecordedEvent[]; snapshot: AnyMachineSnapshot }[] = [];
  let cases = 0;
  let closed = 0;
  let skipped = 0;
  let latest = Number.NEGATIVE_INFINITY;
  let latestAt: string | undefined;

  // The states a value names, computed once per distinct value: most steps keep or revisit states.
  // The compiled stepper hands every case that lands in a state the same frozen value object, so
  // an object value is looked up by identity before by its JSON.
  const pathsByValue = new Map<string, readonly string[]>();
  const pathsByObject = new WeakMap<object, readonly string[]>();
  const pathsOf = (value: unknown): readonly string[] => {
    if (typeof value === 'object' && value !== null) {
      const known = pathsByObject.get(value);
      if (known) return known;
    }
    const key = typeof value === 'string' ? value : JSON.stringify(value);
    let paths = pathsByValue.get(key);
    if (!paths) {
      paths = statePathsOf(value);
      pathsByValue.set(key, paths);
    }
    if (typeof value === 'object' && value !== null) pathsByObject.set(value, paths);
    return paths;
  };

  // Each event is stepped as the checker steps it. With the compiled stepper a step costs less
  // than a memo key for it would (a JSON of the payload), so none is kept.
  const step = (from: AnyMachineSnapshot, event: RecordedEvent): CheckedStep =>
    stepper.step(from, { type: event.type, payload: event.payload } as EventObject);

  for (const history of histories) {
    let snapshot = stepper.initialSnapshot;
    let current = pathsOf(snapshot.value);
    const enteredAt = new Map<string, number>();
    // Days per state of this case alone: counted only once the whole history is accepted.
    const caseDays = new Map<string, number>();
    const visited = new Set(current);
    let accepted = true;
    for (const [index, event] of history.entries()) {
      const at = Date.parse(event.at);
      if (at > latest) {
        latest = at;
        latestAt = event.at;
      }
      if (index === 0) for (const state of current) enteredAt.set(state, at);
      const taken = step(snapshot, event);
      if (taken.kind !== 'accepted') {
        accepted = false;
        break;
      }
      const next = taken.to;
      if (next.value !== snapshot.value) {
        const after = pathsOf(next.value);
        if (after !== current) {
          for (const state of current) {
            if (after.includes(state)) continue;
            const since = enteredAt.get(state);
            if (since !== undefined) caseDays.set(state, (caseDays.get(state) ?? 0) + (at - since) / dayMillis);
            enteredAt.delete(state);
          }
          for (const state of after) {
            if (current.includes(state)) continue;
            enteredAt.set(state, at);
            visited.add(state);
          }
          current = after;
        }
      }
      snapshot = next;
    }
    if (!accepted) {
      skipped++;
      continue;
    }
    cases++;
    for (const state of visited) reached[state] = (reached[state] ?? 0) + 1;
    for (const [state, days] of caseDays) stays.get(state)?.push(days);
    if (snapshot.status === 'done') {
      closed++;
      const outcome = outcomeOfView(definition, snapshot) ?? '(none)';
      endReasons[outcome] = (endReasons[outcome] ?? 0) + 1;
    } else {
      const name = describeStateValue(snapshot.value);
      openByState[name] = (openByState[name] ?? 0) + 1;
      open.push({ history, snapshot });
    }
  }

  const now = options.now ?? latestAt;
  if (now !== undefined) {
    const nowMillis = Date.parse(now);
    for (const { history, snapshot } of open) {
      // As the case arms them: moved by each deadline's onMigration if the case migrated.
      const dueDates = dueDatesOf(definition, history, snapshot, replayPrefix);
      for (const deadline of definition.deadlines) {
        const dueAt = dueDates.get(deadline.id);
        if (dueAt === undefined) continue;
        const counts = deadlineCounts[deadline.id]!;
        counts.due++;
        if (nowMillis > Date.parse(dueAt)) counts.overdue++;
      }
    }
  }

  const timeInState: Record<string, StayDistribution> = {};
  for (const [state, days] of stays) {
    const sorted = [...days].sort((a, b) => a - b);
    timeInState[state] = {
      count: sorted.length,
      min: sorted[0] ?? 0,
      p25: quantile(sorted, 0.25),
      median: quantile(sorted, 0.5),
      p75: quantile(sorted, 0.75),
      p90: quantile(sorted, 0.9),
      max: sorted[sorted.length - 1] ?? 0,
    };
  }
  return { pathId: definition.id, cases, closed, now, reached, endReasons, openByState, timeInState, deadlines: deadlineCounts, skipped };
}
