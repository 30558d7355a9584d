import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { EventActor, RecordedEventFor } from './recordedEvent.js';
import type { EventSchemas } from './eventSchemas.js';
import type { StateView } from './stateView.js';
import type { Label } from './label.js';
import type { SourceRef } from './source.js';

/**
 * What a deadline asks for: a soft `target` (a service level, a recommended step) or a
 * `decision` a professional must take (the case has reached a limit). Neither is a guard: a
 * deadline never refuses an event and never closes a case by itself.
 */
export type DeadlineKind = 'target' | 'decision';

/**
 * A deadline of a path: a pure function of the case's history and state that says when
 * something is due. Deadlines come from history, not timers, so a case replayed months later
 * shows the same deadlines for the same `now`.
 *
 * @example
 * ```ts
 * const firstService: DeadlineRule<M, E, Role, 'first-service-within-one-month'> = {
 *   id: 'first-service-within-one-month',
 *   label: { fi: 'Palvelu kuukauden sisällä', sv: 'Tjänst inom en månad', en: 'Service within one month' },
 *   source: { seed: '000_a7d8ebcb45cc7bbc.txt', lines: '119' },
 *   kind: 'target',
 *   dueAt: (history) => (history[0] ? addMonths(history[0].at, 1) : undefined),
 * };
 * ```
 */
export interface DeadlineRule<
  TMachine extends AnyStateMachine,
  TEvents extends EventSchemas,
  TRole extends string,
  TDeadlineId extends string,
> {
  readonly id: TDeadlineId;
  readonly label: Label;
  readonly source: SourceRef;
  readonly kind: DeadlineKind;
  /** When the thing is due (an ISO instant), or `undefined` when nothing is due now. */
  dueAt(history: readonly RecordedEventFor<TEvents, TRole>[], state: StateView<TMachine>): string | undefined;
  /**
   * What a worker does once the deadline is due (`fireDeadline`): nothing but a notice to the host
   * (the default), or an event of this path, recorded through the ordinary pipeline so every rule
   * still applies and replay stays identical. A firing the rules refuse is reported, never forced.
   */
  readonly onDue?: DeadlineAction<TEvents, TRole>;
  /**
   * What a migration to this version does to the due date of a case that moves here with this
   * deadline running (see {@link DeadlineMigration}); `'recompute'` when not given. A restart of the
   * store or a re-arm never moves a due date under any reading: due dates come from history.
   */
  readonly onMigration?: DeadlineMigration;
}

/**
 * How a deadline's due date moves when a case migrates to a newer version of its path: the three
 * readings of a delay through a restore (XState #5331), and the default. `M` is the migration
 * instant, the `at` of the first event the case records under the new version (or the instant
 * `checkMigration` is given); every reading takes time from events only, so replay stays
 * deterministic. Whichever reading, the new version's rule decides *whether* anything is due; the
 * reading decides *when*, for as long as the rule still gives the due date it gave at migration
 * (an event after the migration that moves or meets the deadline is the new rule's alone).
 *
 * - `'recompute'` (the default): the new version's rule over the whole history, as if the case had
 *   always been on it. A date staff can check against the recorded facts and the rule in force.
 * - `'keep-due-date'`: the due date the old version armed stays (Camunda's default for a timer).
 *   A date already settled under the old version is never handed out again.
 * - `'keep-remaining'`: the time that was left when the case was last written under the old
 *   version is kept, counted from `M`: the time between does not count, "as if time froze". A
 *   deadline already due by then keeps its old date (no time was left to keep).
 * - `'restart'`: the new version's rule counted afresh from `M`, as if every earlier event had
 *   been recorded at `M`.
 *
 * The two readings that keep something of the old version's date need that version's rule: the
 * migration names it (`fromPath`).
 *
 * @example
 * ```ts
 * const reviewedWithinTwoWeeks = {
 *   id: 'review-within-a-week',
 *   label: { fi: 'Käsitelty kahdessa viikossa', sv: 'Granskad inom två veckor', en: 'Reviewed within two weeks' },
 *   source: { seed: '000_a7d8ebcb45cc7bbc.txt', lines: '119' },
 *   kind: 'target',
 *   dueAt: (history: readonly { type: string; at: string }[]) => (history[0] ? addDays(history[0].at, 14) : undefined),
 *   // A case that moves here keeps the date it was promised under the old version.
 *   onMigration: 'keep-due-date',
 * } as const;
 * ```
 */
export type DeadlineMigration = 'recompute' | 'keep-due-date' | 'keep-remaining' | 'restart';

/** The event a due deadline records, without `at` (the instant it fires) and `eventId` (its own). */
export type DeadlineEventInput<TEvents extends EventSchemas, TRole extends string> = {
  [K in keyof TEvents & string]: {
    readonly type: K;
    /** Usually a `system` role the path defines and permits for this event. */
    // NoInfer: the path's roles and events come from its `roles` and `events`, never from here.
    readonly actor: EventActor<NoInfer<TRole>>;
    readonly payload: z.input<NoInfer<TEvents>[K]>;
  };
}[keyof TEvents & string];

/**
 * What a due deadline does, declared per deadline.
 *
 * @example
 * ```ts
 * const onDue = {
 *   kind: 'event',
 *   event: () => ({ type: 'REMINDED', actor: { role: 'system', id: 'deadline-worker' }, payload: { deadline: 'answer-within-3-days' } }),
 * } as const;
 * ```
 */
export type DeadlineAction<TEvents extends EventSchemas, TRole extends string> =
  | { readonly kind: 'notice' }
  | {
      readonly kind: 'event';
      /** The event to record when the deadline, due at `dueAt`, fires at `now`. */
      readonly event: (due: { readonly dueAt: string; readonly now: string }) => DeadlineEventInput<TEvents, TRole>;
    };

/**
 * A deadline that is due for a case, as `caseRef.deadlines(now)` returns it.
 *
 * @example
 * ```ts
 * for (const deadline of caseRef.deadlines('2025-05-01T00:00:00Z')) {
 *   if (deadline.overdue) console.log(deadline.id, deadline.dueAt);
 * }
 * ```
 */
export interface Deadline<TDeadlineId extends string = string> {
  readonly id: TDeadlineId;
  readonly label: Label;
  readonly source: SourceRef;
  readonly kind: DeadlineKind;
  /** ISO instant when it is due. */
  readonly dueAt: string;
  /** True when `now` is later than `dueAt`. */
  readonly overdue: boolean;
}
