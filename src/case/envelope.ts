import { z } from 'zod';
import { eventTypeMaxLength, hostIdMaxLength, pathIdMaxLength } from '../schema/codeStrings.js';
import { isoInstant } from '../time/instant.js';
import { maxCaseIdLength } from '../schema/codeStrings.js';

/**
 * The actor of an input: a role and the host's id for the person. The id is a pseudonymous key,
 * never a name, so it is bounded.
 */
export const eventActorSchema = z.strictObject({
  role: z.string().min(1).max(100),
  id: z.string().min(1).max(hostIdMaxLength),
});

/**
 * A host-given id of one event (a request id, a message id): a retried input or append that
 * carries an id already stored is answered as already stored, never written twice.
 */
export const eventIdSchema = z.string().min(1).max(hostIdMaxLength);

/**
 * The envelope of an input, without its payload: `{ type, at, actor, payload?, eventId? }`. Unknown keys
 * are refused, so a typo (`payLoad`) is an `INVALID_EVENT`, not a silently empty payload.
 *
 * @internal
 */
export const caseInputEnvelope = z.strictObject({
  type: z.string().min(1).max(eventTypeMaxLength),
  at: isoInstant,
  actor: eventActorSchema,
  payload: z.unknown().optional(),
  eventId: eventIdSchema.optional(),
});

/**
 * The envelope of a stored event, as `replayCase` reads it. Keys a store adds of its own (a global
 * position) are ignored.
 *
 * @internal
 */
export const recordedEventEnvelope = z.object({
  caseId: z.string().min(1).max(maxCaseIdLength),
  seq: z.number().int().min(1),
  type: z.string().min(1).max(eventTypeMaxLength),
  at: isoInstant,
  actor: eventActorSchema,
  payload: z.unknown(),
  path: z.object({ id: z.string().min(1).max(pathIdMaxLength), version: z.number().int().min(1) }),
  eventId: eventIdSchema.optional(),
});
