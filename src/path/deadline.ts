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
}

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
