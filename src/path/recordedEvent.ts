import type { z } from 'zod';
import type { EventSchemas, EventTypeOf } from './eventSchemas.js';

/** The path and version an event was recorded under. */
export interface PathVersion {
  readonly id: string;
  readonly version: number;
}

/** Who recorded an event: a role of the path and the host's id for the person (never a name). */
export interface EventActor<TRole extends string = string> {
  readonly role: TRole;
  readonly id: string;
}

/**
 * An event as it is stored: what the host persists on `recorded` and what `replayCase` reads back.
 * Untyped form, for stores and tools that work over every path.
 *
 * @example
 * ```ts
 * const stored: RecordedEvent = {
 *   caseId: 'case-1', seq: 1, type: 'CONTACT_RECEIVED', at: '2025-03-03T09:00:00Z',
 *   actor: { role: 'nurse', id: 'n-17' },
 *   payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
 *   path: { id: 'workability-path', version: 1 },
 * };
 * ```
 */
export interface RecordedEvent {
  readonly caseId: string;
  /** 1 for the first event of a case, then one more for each. */
  readonly seq: number;
  readonly type: string;
  /** ISO 8601 instant given by the host. */
  readonly at: string;
  readonly actor: EventActor;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly path: PathVersion;
  /** The host's id of the event, when the input carried one: unique within the case. */
  readonly eventId?: string;
}

/** A recorded event of a given set of event schemas and roles, typed per event type. */
export type RecordedEventFor<TEvents extends EventSchemas, TRole extends string> = {
  [K in EventTypeOf<TEvents>]: {
    readonly caseId: string;
    readonly seq: number;
    readonly type: K;
    readonly at: string;
    readonly actor: EventActor<TRole>;
    readonly payload: z.output<TEvents[K]>;
    readonly path: PathVersion;
    readonly eventId?: string;
  };
}[EventTypeOf<TEvents>];
