import type { z } from 'zod';
import type { RecordedEvent } from './recordedEvent.js';
import type { EventSchemas, EventTypeOf } from './eventSchemas.js';
import type { AnyPathDefinition } from './definition.js';

/** An event in the terms of a newer version of a path: its type and payload there. */
export type MigratedEventFor<TEvents extends EventSchemas> = {
  [K in EventTypeOf<TEvents>]: { readonly type: K; readonly payload?: z.input<TEvents[K]> };
}[EventTypeOf<TEvents>];

/**
 * How an open case recorded under an earlier version of a path moves to this version. Moving a
 * case replays its whole history through this version's machine and rules, each earlier event
 * first rewritten by `event` (left as it is when `event` is not given), so a case that this
 * version's rules would refuse is never moved. Stored events are never changed: the rewrite runs
 * again whenever the case is loaded, so a published migration must never change.
 *
 * @example
 * ```ts
 * // v2 added the state `active.escalated`; every v1 event means the same in v2.
 * const fromV1: PathMigration<typeof reviewEventsV2> = { from: 1 };
 * // v3 renamed PAUSED to ON_HOLD.
 * const fromV2: PathMigration<typeof reviewEventsV3> = {
 *   from: 2,
 *   // Every other event keeps its type and payload, which v3 declares as v2 did.
 *   event: ({ type, payload }) =>
 *     type === 'PAUSED' ? { type: 'ON_HOLD', payload: {} } : ({ type, payload } as MigratedEventFor<typeof reviewEventsV3>),
 * };
 * ```
 */
export interface PathMigration<TEvents extends EventSchemas> {
  /** The earlier version of the same path whose open cases may move to this one. */
  readonly from: number;
  /**
   * One event recorded under `from`, in this version's terms: same seq, time and actor, a type and
   * payload of this version. Pure and deterministic, like a rule.
   */
  event?(event: RecordedEvent): MigratedEventFor<TEvents>;
  /**
   * The version `from` itself, needed when a deadline of this version keeps something of the due
   * date that version armed (`onMigration: 'keep-due-date'` or `'keep-remaining'`): its rule says
   * what that date was. It must be that path at version `from`.
   */
  readonly fromPath?: AnyPathDefinition;
}

/** Any migration of any path, as the engine handles it. */
export interface AnyPathMigration {
  readonly from: number;
  event?(event: RecordedEvent): { readonly type: string; readonly payload?: unknown };
  readonly fromPath?: AnyPathDefinition;
}
