import type { CaseQuery } from '../caseIndex.js';

/**
 * Every statement the SQL stores issue, each tagged with a comment `/* kykypolku:<name>:<scope> *\/`:
 * `case` statements touch one case and filter on `case_id = $1` (so a Citus cluster routes them to
 * one shard), `scan` statements are the explicit scans across cases (readAll, rebuild, listCases,
 * caseload), `schema` statements are migrations. A test checks every statement issued against this.
 *
 * @internal
 */
export type StatementScope = 'case' | 'scan' | 'schema';

const tag = (name: string, scope: StatementScope, text: string): string => `/* kykypolku:${name}:${scope} */ ${text}`;

const eventColumns = 'seq, event_id, path_id, path_version, type, at, actor_role, actor_id, payload, digest';

/** The events of a batch as parallel arrays, from parameter `$first` on: one INSERT for the whole batch. */
function insertBatch(first: number): string {
  const p = (offset: number) => `$${first + offset}`;
  return `INSERT INTO kykypolku_events (case_id, ${eventColumns})
  SELECT $1, ${eventColumns}
    FROM unnest(${p(0)}::int[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::int[], ${p(4)}::text[], ${p(5)}::text[], ${p(6)}::text[], ${p(7)}::text[], ${p(8)}::jsonb[], ${p(9)}::text[])
         AS batch(${eventColumns})
   WHERE EXISTS (SELECT 1 FROM guard)
  RETURNING seq`;
}

/** @internal */
export const storeStatements = {
  /**
   * A new case: the case row is the concurrency guard (a second writer's insert finds it and does
   * nothing), and the events go in only when the guard row was made. One statement, so one
   * transaction. Parameters: case id, last seq, path id, path version, last at, the projection
   * (state, status, assignee, next due), then the batch.
   */
  appendToNewCase: tag(
    'appendToNewCase',
    'case',
    `WITH guard AS (
  INSERT INTO kykypolku_cases (case_id, last_seq, path_id, path_version, last_event_at, state, status, assignee, next_due, next_due_at)
  VALUES ($1, $2::int, $3, $4::int, $5, $6, $7, $8, $9::text, $9::text::timestamptz)
  ON CONFLICT (case_id) DO NOTHING
  RETURNING case_id
), appended AS (
  ${insertBatch(10)}
)
SELECT count(*)::int AS appended FROM appended`,
  ),
  /**
   * An existing case: the guard moves the case row from the expected seq to the new one, so a stale
   * writer (or one that waited for the row lock) updates nothing and writes nothing.
   * Parameters: case id, expected seq, then as `appendToNewCase`.
   */
  appendToCase: tag(
    'appendToCase',
    'case',
    `WITH guard AS (
  UPDATE kykypolku_cases
     SET last_seq = $3::int, path_id = $4, path_version = $5::int, last_event_at = $6,
         state = $7, status = $8, assignee = $9, next_due = $10::text, next_due_at = $10::text::timestamptz
   WHERE case_id = $1 AND last_seq = $2::int
  RETURNING case_id
), appended AS (
  ${insertBatch(11)}
)
SELECT count(*)::int AS appended FROM appended`,
  ),
  caseSeq: tag('caseSeq', 'case', 'SELECT last_seq FROM kykypolku_cases WHERE case_id = $1'),
  eventsByIds: tag('eventsByIds', 'case', `SELECT ${eventColumns} FROM kykypolku_events WHERE case_id = $1 AND event_id = ANY($2::text[])`),
  readCase: tag('readCase', 'case', `SELECT ${eventColumns} FROM kykypolku_events WHERE case_id = $1 ORDER BY seq`),
  writeProjection: tag(
    'writeProjection',
    'case',
    `UPDATE kykypolku_cases SET state = $3, status = $4, assignee = $5, next_due = $6::text, next_due_at = $6::text::timestamptz
   WHERE case_id = $1 AND last_seq = $2::int`,
  ),
  lastPosition: tag('lastPosition', 'scan', 'SELECT coalesce(max(position), 0)::text AS position FROM kykypolku_events'),
  readAllPage: tag(
    'readAllPage',
    'scan',
    `SELECT case_id, ${eventColumns}, position::text AS position FROM kykypolku_events
   WHERE position > $1::bigint AND position <= $2::bigint ORDER BY position LIMIT $3`,
  ),
  readCasesPage: tag(
    'readCasesPage',
    'scan',
    `SELECT case_id, ${eventColumns} FROM kykypolku_events
   WHERE (case_id, seq) > ($1, $2) ORDER BY case_id, seq LIMIT $3`,
  ),
} as const;

/** The `listCases` query for the fields a query gives, with its parameters. @internal */
export function listCasesStatement(query: CaseQuery, limit: number): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const where = ['state IS NOT NULL'];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.pathId !== undefined) where.push(`path_id = ${bind(query.pathId)}`);
  if (query.state !== undefined) where.push(`state = ${bind(query.state)}`);
  if (query.status !== undefined) where.push(`status = ${bind(query.status)}`);
  if (query.assignee !== undefined) where.push(`assignee = ${bind(query.assignee)}`);
  if (query.dueBefore !== undefined) where.push(`status = 'open'`, 'next_due_at IS NOT NULL', `next_due_at < ${bind(query.dueBefore)}::timestamptz`);
  const text = tag(
    'listCases',
    'scan',
    `SELECT case_id, last_seq, path_id, path_version, last_event_at, state, status, assignee, next_due FROM kykypolku_cases
   WHERE ${where.join(' AND ')} ORDER BY next_due_at NULLS LAST, case_id LIMIT ${bind(limit)}`,
  );
  return { text, values };
}

/** The caseload count, on one path or all. @internal */
export function countActiveStatement(assignee: string, pathId: string | undefined): { text: string; values: unknown[] } {
  const onPath = pathId === undefined ? '' : ' AND path_id = $2';
  return {
    text: tag('countActiveCases', 'scan', `SELECT count(*)::int AS active FROM kykypolku_cases WHERE status = 'open' AND assignee = $1${onPath}`),
    values: pathId === undefined ? [assignee] : [assignee, pathId],
  };
}
