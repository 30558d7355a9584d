import type { z } from 'zod';
import type { AnyPathDefinition, EventSchemas, EventTypeOf, RoleOf } from './definition.js';

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

/**
 * A recorded event of a path, typed per event type.
 *
 * @example
 * ```ts
 * caseRef.on('recorded', (event: RecordedEventOf<typeof workabilityPath>) => save(event));
 * ```
 */
export type RecordedEventOf<D extends AnyPathDefinition> = RecordedEventFor<D['events'], RoleOf<D>>;

// `{}` (not `object`): an empty strict schema infers `Record<string, never>`, which `{}` satisfies.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type PayloadField<TPayload> = {} extends TPayload
  ? { readonly payload?: TPayload }
  : { readonly payload: TPayload };

/**
 * What a host records on a case: the event type, when it happened, who recorded it, the payload
 * its schema describes and, optionally, the host's id of the event. A payload may be left out when
 * the event has no fields.
 *
 * @example
 * ```ts
 * const input: CaseInputOf<typeof workabilityPath> = {
 *   type: 'SITUATION_MAPPED',
 *   at: '2025-03-10T10:00:00+02:00',
 *   actor: { role: 'coordinator', id: 'c-4' },
 * };
 * ```
 */
export type CaseInputOf<D extends AnyPathDefinition> = {
  [K in EventTypeOf<D['events']>]: {
    readonly type: K;
    readonly at: string;
    readonly actor: EventActor<RoleOf<D>>;
    /**
     * The host's id of this event (at most 200 characters), to make a retry safe: recording or
     * appending an event whose id the case already holds answers "already stored" and writes
     * nothing.
     */
    readonly eventId?: string;
  } & PayloadField<z.input<D['events'][K]>>;
}[EventTypeOf<D['events']>];
