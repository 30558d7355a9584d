import { instantYears, isoInstant } from '../time/instant.js';
import type { CaseQuery, CaseloadQuery } from './caseIndex.js';
import { EventStoreError } from './eventStoreError.js';

/** A query's fields, checked and copied once: what a store may put into SQL or compare. @internal */
export interface CheckedCaseQuery extends Omit<CaseQuery, 'limit'> {
  readonly limit: number;
}

const caseQueryFields = new Set(['pathId', 'state', 'status', 'dueBefore', 'assignee', 'limit']);
const caseloadQueryFields = new Set(['assignee', 'pathId']);

function invalid(operation: string, field: string, expected: string): EventStoreError {
  // The message names the field and what it must be, never the value: a query may carry client text.
  return new EventStoreError({ code: 'INVALID_QUERY', message: `${operation}: ${field} must be ${expected}`, field });
}

/**
 * A string a store can compare: PostgreSQL refuses a NUL in text, and a lone surrogate would be
 * sent as U+FFFD, so on the SQL stores it would match a different value than in memory.
 */
function isComparableString(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('\u0000') && !loneSurrogate.test(value);
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The own enumerable fields of a query, each read once, or why they cannot be. */
function plainFields(operation: string, query: unknown, known: ReadonlySet<string>, field = 'query'): Map<string, unknown> {
  if (typeof query !== 'object' || query === null) throw invalid(operation, field, 'an object');
  const fields = new Map<string, unknown>();
  try {
    if (Array.isArray(query)) throw invalid(operation, field, 'an object');
    for (const key of Object.keys(query)) {
      if (!known.has(key)) throw invalid(operation, 'query', `an object of ${[...known].join(', ')} only; it has another field`);
      const value = (query as Record<string, unknown>)[key];
      if (value !== undefined) fields.set(key, value);
    }
  } catch (error) {
    if (error instanceof EventStoreError) throw error;
    // A throwing getter or a revoked Proxy: the query cannot be read, so it is refused.
    throw invalid(operation, field, 'a plain object whose fields can be read');
  }
  return fields;
}

function text(operation: string, fields: ReadonlyMap<string, unknown>, field: string): string | undefined {
  const value = fields.get(field);
  if (value === undefined) return undefined;
  if (!isComparableString(value)) throw invalid(operation, field, 'a well-formed string without NUL');
  return value;
}

/**
 * Checks a `listCases` query once, for every store, before any SQL: each field is read once, and a
 * field that is not what the type says is refused with INVALID_QUERY naming it, never passed to the
 * database (where `dueBefore: 'not a date'` was a raw 22007). `dueBefore` comes back as the
 * instant every store compares (milliseconds, UTC), so the memory store and PostgreSQL agree.
 *
 * @internal
 */
export function checkCaseQuery(query: CaseQuery | undefined): CheckedCaseQuery {
  const operation = 'listCases';
  const fields = plainFields(operation, query ?? {}, caseQueryFields);
  const status = fields.get('status');
  if (status !== undefined && status !== 'open' && status !== 'closed') throw invalid(operation, 'status', "'open' or 'closed'");
  const limit = fields.get('limit') ?? 100;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw invalid(operation, 'limit', 'an integer from 1 to 10 000');
  const dueBefore = fields.get('dueBefore');
  let instant: string | undefined;
  if (dueBefore !== undefined) {
    // The value domain's instants (instantYears): the ones Date.parse and timestamptz read alike.
    if (typeof dueBefore !== 'string' || !isoInstant.safeParse(dueBefore).success) {
      throw invalid(
        operation,
        'dueBefore',
        `an ISO 8601 instant with an offset, in the years ${instantYears.first} to ${instantYears.last} (2025-03-04T09:30:00Z)`,
      );
    }
    instant = new Date(Date.parse(dueBefore)).toISOString();
  }
  const checked: { -readonly [K in keyof CheckedCaseQuery]: CheckedCaseQuery[K] } = { limit };
  for (const field of ['pathId', 'state', 'assignee'] as const) {
    const value = text(operation, fields, field);
    if (value !== undefined) checked[field] = value;
  }
  if (status !== undefined) checked.status = status;
  if (instant !== undefined) checked.dueBefore = instant;
  return checked;
}

/**
 * Checks a `countActiveCases` query as {@link checkCaseQuery} does a `listCases` one: `assignee` is
 * required (a missing one counted every case in memory and none in SQL).
 *
 * @internal
 */
export function checkCaseloadQuery(query: CaseloadQuery): CaseloadQuery {
  const operation = 'countActiveCases';
  const fields = plainFields(operation, query, caseloadQueryFields);
  const assignee = text(operation, fields, 'assignee');
  if (assignee === undefined) throw invalid(operation, 'assignee', 'a well-formed string without NUL');
  const pathId = text(operation, fields, 'pathId');
  return pathId === undefined ? { assignee } : { assignee, pathId };
}
