import { checkDomain, stringProblem } from '../schema/valueDomain.js';
import { isoInstant } from '../time/instant.js';
import { recordedEventEnvelope } from './envelope.js';
import { isWellFormedRecordedEvent } from './envelopeCheck.js';
import { describeFieldPath } from './fieldPath.js';
import type { EventIssue } from './rejection.js';

/** A stored event whose envelope is well formed. @internal */
export type WellFormedRecordedEvent = Parameters<typeof isWellFormedRecordedEvent>[0] & {
  caseId: string;
  type: string;
  actor: { role: string; id: string };
  payload: unknown;
  path: { id: string; version: number };
  eventId?: string;
};

const payloadPath = ['payload'] as const;

const paths = {
  caseId: ['caseId'],
  type: ['type'],
  role: ['actor', 'role'],
  actorId: ['actor', 'id'],
  pathId: ['path', 'id'],
  eventId: ['eventId'],
} as const;

/** The strings of an event already found inside the domain: the case's previous event. */
interface CheckedStrings {
  readonly caseId: string;
  readonly type: string;
  readonly actor: { readonly role: string; readonly id: string };
  readonly path: { readonly id: string };
}

/**
 * Strings a compiled path already knows to be inside the domain: its event types and roles and its
 * id. A stored event's string equal to one of them needs no walk.
 *
 * @internal
 */
export interface KnownStrings {
  readonly types: ReadonlySet<string>;
  readonly roles: ReadonlySet<string>;
  readonly pathId: string;
  /** Actors of events already checked: a role and id found here are inside the domain. */
  readonly actors?: { get(role: string, id: string): unknown };
}

/**
 * The value domain of an event whose envelope is already known to be well formed: its strings one
 * by one (`at` and the integers are checked by the envelope already), then a walk of its payload.
 * Cheaper than walking the whole event, which replay pays for on every event. A string equal to
 * the same field of `previous` (an event already found inside the domain: the case's last one) is
 * not walked again: most events of a case repeat its id, its path and their actor.
 *
 * @internal
 */
export function recordedEventDomainIssue(event: WellFormedRecordedEvent, previous?: CheckedStrings): EventIssue | undefined {
  return envelopeStringsIssue(event, previous) ?? payloadDomainIssue(event.payload);
}

/**
 * The first string of a well-formed event's envelope outside the domain, or undefined. A string
 * equal to the same field of `previous`, or one `known` holds, or the case id `caseId` (of the case
 * being replayed, checked when it was opened) is not walked again.
 *
 * @internal
 */
export function envelopeStringsIssue(
  event: WellFormedRecordedEvent,
  previous?: CheckedStrings,
  known?: KnownStrings,
  caseId?: string,
): EventIssue | undefined {
  // One by one, without building a list: replay runs this on every event.
  return (
    (event.caseId === previous?.caseId || event.caseId === caseId ? undefined : stringIssue(paths.caseId, event.caseId)) ??
    (event.type === previous?.type || known?.types.has(event.type) ? undefined : stringIssue(paths.type, event.type)) ??
    (event.actor.role === previous?.actor.role || known?.roles.has(event.actor.role)
      ? undefined
      : stringIssue(paths.role, event.actor.role)) ??
    (event.actor.id === previous?.actor.id || known?.actors?.get(event.actor.role, event.actor.id) !== undefined
      ? undefined
      : stringIssue(paths.actorId, event.actor.id)) ??
    (event.path.id === previous?.path.id || event.path.id === known?.pathId ? undefined : stringIssue(paths.pathId, event.path.id)) ??
    (event.eventId === undefined ? undefined : stringIssue(paths.eventId, event.eventId))
  );
}

/** The first value of a stored event's payload outside the domain, or undefined. @internal */
export function payloadDomainIssue(payload: unknown): EventIssue | undefined {
  const inDomain = checkDomain(payload, payloadPath);
  return inDomain.ok ? undefined : inDomain.issue;
}

function stringIssue(path: readonly PropertyKey[], text: string): EventIssue | undefined {
  const problem = stringProblem(text);
  return problem === undefined ? undefined : { code: 'custom', path: [...path], message: problem };
}

/**
 * True when a stored event's envelope is certainly well formed; false for anything else, and for a
 * getter or Proxy that throws. Never throws.
 *
 * @internal
 */
export function isWellFormedSafely(event: unknown): event is WellFormedRecordedEvent {
  try {
    return isWellFormedRecordedEvent(event);
  } catch {
    // A getter or Proxy that throws: the full walk below names where.
    return false;
  }
}

/**
 * The first reason a stored event (one given to `store.append` or read back for replay) is not one
 * `record` could have given: not a well-formed recorded event, or outside the value domain.
 * `undefined` when it is one. What every store refuses alike, so the memory store refuses exactly
 * what the SQL stores cannot hold. `previous`, an event already found inside the domain, spares
 * walking the strings this one repeats. Never throws.
 *
 * @internal
 */
export function storedEventIssue(event: unknown, previous?: CheckedStrings): EventIssue | undefined {
  if (isWellFormedSafely(event)) return recordedEventDomainIssue(event as WellFormedRecordedEvent, previous);
  const inDomain = checkDomain(event);
  if (!inDomain.ok) return inDomain.issue;
  return recordedEventEnvelope.safeParse(event).error?.issues[0];
}

/**
 * The first reason a store's case row cannot hold a projection (a deadline outside the years of
 * instants, a string outside the domain), or `undefined`.
 *
 * @internal
 */
export function projectionIssue(projection: unknown): EventIssue | undefined {
  const inDomain = checkDomain(projection, ['projection']);
  if (!inDomain.ok) return inDomain.issue;
  const nextDueAt = (projection as { nextDueAt?: unknown }).nextDueAt;
  if (nextDueAt !== undefined) {
    const parsed = isoInstant.safeParse(nextDueAt);
    if (!parsed.success) return { ...parsed.error.issues[0]!, path: ['projection', 'nextDueAt'] };
  }
  return armedDeadlinesIssue((projection as { deadlines?: unknown }).deadlines);
}

/** The most deadlines one case arms: far past any path's, small enough for one statement. */
const mostArmedDeadlines = 100;

function armedDeadlinesIssue(deadlines: unknown): EventIssue | undefined {
  if (deadlines === undefined) return undefined;
  const path = ['projection', 'deadlines'];
  if (!Array.isArray(deadlines) || deadlines.length > mostArmedDeadlines)
    return { code: 'custom', message: `must be an array of at most ${mostArmedDeadlines} deadlines`, path, input: undefined };
  for (const [index, deadline] of deadlines.entries()) {
    const { id, dueAt } = (deadline ?? {}) as { id?: unknown; dueAt?: unknown };
    if (typeof id !== 'string' || id.length === 0 || id.length > 200)
      return { code: 'custom', message: 'must be a deadline id of 1 to 200 characters', path: [...path, index, 'id'], input: undefined };
    const parsed = isoInstant.safeParse(dueAt);
    if (!parsed.success) return { ...parsed.error.issues[0]!, path: [...path, index, 'dueAt'] };
  }
  return undefined;
}

/** One issue in a store's message: where and why, keys cut short so no stored text is repeated whole. @internal */
export function describeIssue(issue: EventIssue): string {
  return `${describeFieldPath(issue.path, '(event)')}: ${issue.message}`;
}
