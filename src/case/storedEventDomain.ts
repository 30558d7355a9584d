import { checkDomain } from '../schema/valueDomain.js';
import { isoInstant } from '../time/instant.js';
import { recordedEventEnvelope } from './envelope.js';
import { isWellFormedRecordedEvent } from './envelopeCheck.js';
import type { EventIssue } from './rejection.js';

/**
 * The first reason a stored event (one given to `store.append`) is not one `record` could have
 * given: outside the value domain, or not a well-formed recorded event. `undefined` when it is one.
 * What every store refuses alike, so the memory store refuses exactly what the SQL stores cannot
 * hold.
 *
 * @internal
 */
export function storedEventIssue(event: unknown): EventIssue | undefined {
  const inDomain = checkDomain(event);
  if (!inDomain.ok) return inDomain.issue;
  if (isWellFormedRecordedEvent(event)) return undefined;
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
  if (nextDueAt === undefined) return undefined;
  const parsed = isoInstant.safeParse(nextDueAt);
  return parsed.success ? undefined : { ...parsed.error.issues[0]!, path: ['projection', 'nextDueAt'] };
}

/** A field path in a store's message: keys cut short, so no stored text is repeated whole. @internal */
export function describeIssue(issue: EventIssue): string {
  const path = issue.path.map((key) => (typeof key === 'string' && key.length > 40 ? `${Array.from(key).slice(0, 40).join('')}…` : String(key))).join('.');
  return `${path || '(event)'}: ${issue.message}`;
}
