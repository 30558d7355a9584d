import { excerptOf } from '../clientExcerpt.js';
import { caseIdProblem } from '../case/caseId.js';
import { instantYears, isoInstant } from '../time/instant.js';
import { largestClaimBatch, type DeadlineClaim, type DeadlineFailure } from './deadlineClaims.js';

/** A claim request's fields, checked and copied once: what a store may put into SQL or compare. @internal */
export interface CheckedClaimRequest {
  /** `now` as UTC ISO, the form every store compares alike. */
  readonly now: string;
  readonly nowMillis: number;
  readonly limit: number;
  readonly workerId: string;
  /** `now + lease`, UTC ISO. */
  readonly leaseUntil: string;
}

/** A claim's identifying fields, checked and copied once. @internal */
export interface CheckedClaim {
  readonly caseId: string;
  readonly deadlineId: string;
  readonly dueAt: string;
  readonly dueMillis: number;
  readonly workerId: string;
  readonly attempt: number;
}

type Field = Extract<DeadlineFailure, { code: 'INVALID_DEADLINE_REQUEST' }>['field'];

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters would make a worker's name unreadable in a log line; NUL cannot be stored.
const controlCharacter = /[\u0000-\u001F\u007F]/;

const longestName = 200;
const shortestLease = 1000;
const longestLease = 86_400_000;

function invalid(operation: string, field: Field, expected: string): { ok: false; failure: DeadlineFailure } {
  // The message names the field and what it must be, never the value given.
  return { ok: false, failure: { code: 'INVALID_DEADLINE_REQUEST', message: `${operation}: ${field} must be ${expected}`, field } };
}

/** The own fields of a plain object, each read once, or undefined when it cannot be read. */
function fieldsOf(value: unknown): Map<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  try {
    return new Map(Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]));
  } catch {
    // A throwing getter or a revoked Proxy.
    return undefined;
  }
}

function isName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= longestName &&
    !controlCharacter.test(value) &&
    !loneSurrogate.test(value)
  );
}

const instantYearsText = `in the years ${instantYears.first} to ${instantYears.last}`;
const instantExpected = `an ISO 8601 instant with an offset, ${instantYearsText} (2025-03-04T09:30:00Z)`;
const nameExpected = `a string of 1 to ${longestName} characters without control characters`;

/** Checks `claimDueDeadlines`' request for every store alike, before any SQL. @internal */
export function checkClaimRequest(request: unknown): { ok: true; request: CheckedClaimRequest } | { ok: false; failure: DeadlineFailure } {
  const operation = 'claimDueDeadlines';
  const fields = fieldsOf(request);
  if (!fields) return invalid(operation, 'request', 'a plain object of now, limit, workerId and lease whose fields can be read');
  for (const key of fields.keys())
    if (!['now', 'limit', 'workerId', 'lease'].includes(key))
      return invalid(operation, 'request', 'an object of now, limit, workerId and lease only');
  const now = fields.get('now');
  if (typeof now !== 'string' || !isoInstant.safeParse(now).success) return invalid(operation, 'now', instantExpected);
  const limit = fields.get('limit');
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > largestClaimBatch)
    return invalid(operation, 'limit', `an integer from 1 to ${largestClaimBatch}`);
  const workerId = fields.get('workerId');
  if (!isName(workerId)) return invalid(operation, 'workerId', nameExpected);
  const lease = fields.get('lease');
  if (typeof lease !== 'number' || !Number.isInteger(lease) || lease < shortestLease || lease > longestLease)
    return invalid(operation, 'lease', `an integer number of milliseconds from ${shortestLease} to ${longestLease}`);
  const nowMillis = Date.parse(now);
  return {
    ok: true,
    request: { now: new Date(nowMillis).toISOString(), nowMillis, limit, workerId, leaseUntil: new Date(nowMillis + lease).toISOString() },
  };
}

/** Checks a claim given back to `completeDeadline` / `releaseDeadline`. @internal */
export function checkClaim(
  operation: string,
  claim: DeadlineClaim,
): { ok: true; claim: CheckedClaim } | { ok: false; failure: DeadlineFailure } {
  const fields = fieldsOf(claim);
  const expected = 'a claim as claimDueDeadlines returned it';
  if (!fields) return invalid(operation, 'claim', expected);
  const caseId = fields.get('caseId');
  const deadlineId = fields.get('deadlineId');
  const dueAt = fields.get('dueAt');
  const workerId = fields.get('workerId');
  const attempt = fields.get('attempt');
  if (
    typeof caseId !== 'string' ||
    caseIdProblem(caseId) !== undefined ||
    !isName(deadlineId) ||
    typeof dueAt !== 'string' ||
    !isoInstant.safeParse(dueAt).success ||
    !isName(workerId) ||
    typeof attempt !== 'number' ||
    !Number.isInteger(attempt) ||
    attempt < 1
  )
    return invalid(operation, 'claim', expected);
  return { ok: true, claim: { caseId, deadlineId, dueAt, dueMillis: Date.parse(dueAt), workerId, attempt } };
}

/** A claim's deadline is no longer the worker's. @internal */
export function notHeld(claim: CheckedClaim, reason: 'claimedAgain' | 'settled' | 'moot'): { ok: false; failure: DeadlineFailure } {
  const why = {
    claimedAgain: 'its lease ran out and another worker claimed it',
    settled: 'it was settled already',
    moot: 'the case no longer has that deadline at that instant (it was met, or moved)',
  }[reason];
  return {
    ok: false,
    failure: {
      code: 'CLAIM_NOT_HELD',
      message: `the claim of deadline '${excerptOf(claim.deadlineId)}' of case '${excerptOf(claim.caseId)}' is not held: ${why}`,
      caseId: claim.caseId,
      deadlineId: claim.deadlineId,
      reason,
    },
  };
}
