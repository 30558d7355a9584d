import type { z } from 'zod';

/**
 * One zod payload schema per event type of a path. Payloads are codes, dates and flags, never free
 * text, so every schema is a (strict) object.
 *
 * @example
 * ```ts
 * const events = {
 *   SITUATION_MAPPED: z.strictObject({}),
 *   CLOSED: z.strictObject({ endReason: z.enum(['employed', 'other']) }),
 * } satisfies EventSchemas;
 * ```
 */
export type EventSchemas = Readonly<Record<string, z.ZodObject>>;

/** The event type names of a set of event schemas. */
export type EventTypeOf<TEvents extends EventSchemas> = keyof TEvents & string;

/**
 * The event objects a path's machine receives: `{ type, payload }`, the payload already parsed by
 * its schema. Declare a machine with `setup({ types: { events: {} as MachineEventOf<typeof events> } })`.
 *
 * @example
 * ```ts
 * type WorkabilityMachineEvent = MachineEventOf<typeof workabilityEvents>;
 * ```
 */
export type MachineEventOf<TEvents extends EventSchemas> = {
  [K in EventTypeOf<TEvents>]: { readonly type: K; readonly payload: z.output<TEvents[K]> };
}[EventTypeOf<TEvents>];
