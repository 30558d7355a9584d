import { checkDomain, stringProblem } from '../schema/valueDomain.js';
import { isoInstant } from '../time/instant.js';
import { recordedEventEnvelope } from './envelope.js';
import { isWellFormedRecordedEvent } from './envelopeCheck.js';
import { describeFieldPath } from './fieldPath.js';
import type { EventIssue } from './rejection.js';

type WellFormedRecordedEvent = Parameters<typeof isWellFormedRecordedEvent>[0] & {
  caseId: string;
  type: string;
  actor: { role: string; id: string };
  payload: unknown;
  path: { id: string };
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

/**
 * The value domain of an event whose envelope is already known to be well formed: its strings one
 * by one (`at` and the integers are checked by the envelope already), then a walk of its payload.
 * Cheaper than walking the whole event, which replay pays for on every event.
 *
 * @internal
 */
export function recordedEventDomainIssue(event: WellFormedRecordedEvent): EventIssue | undefined {
  // One by one, without building a list: replay runs this on every event.
  const problem =
    stringIssue(paths.caseId, event.caseId) ??
    stringIssue(paths.type, event.type) ??
    stringIssue(paths.role, event.actor.role) ??
    stringIssue(paths.actorId, event.actor.id) ??
    stringIssue(paths.pathId, event.path.id) ??
    (event.eventId === undefined ? undefined : stringIssue(paths.eventId, event.eventId));
  if (problem) return problem;
  const payload = checkDomain(event.payload, payloadPath);
  return payload.ok ? undefined : payload.issue;
}

function stringIssue(path: readonly PropertyKey[], text: string): EventIssue | undefined {
  const problem = stringProblem(text);
  return problem === undefined ? undefined : { code: 'custom', path: [...path], message: problem };
}

function isWellFormedSafely(event: unknown): boolean {
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
 * what the SQL stores cannot hold. Never throws.
 *
 * @internal
 */
export function storedEventIssue(event: unknown): EventIssue | undefined {
  if (isWellFormedSafely(event)) return recordedEventDomainIssue(event as WellFormedRecordedEvent);
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
