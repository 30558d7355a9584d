import type { FixedStatement } from './storeStatements.js';

/**
 * The tables that hold a case's rows, each keyed by `case_id`: a purge deletes the case from every
 * one, in one statement. A schema step that adds a per-case table adds its name here; its own rows
 * are then purged with the case, and the purge test's check that nothing of a purged case is left
 * covers it. The consent rows (step 8) are among them: left behind, they would share a case begun
 * again under the id.
 *
 * @internal
 */
export const perCaseTables: readonly string[] = [
  'kykypolku_deadlines',
  'kykypolku_cases',
  'kykypolku_events',
  'kykypolku_heads',
  'kykypolku_consents',
];

const receiptColumns = 'case_id, path_id, path_version, closed_at, purged_at, event_count, last_chain, seal, organisation';

const fixed = (name: string, scope: 'case' | 'scan', text: string): FixedStatement => ({
  name: `kykypolku_${name}`,
  text: `/* kykypolku:${name}:${scope} */ ${text}`,
});

/** @internal */
export const retentionStatements = {
  /**
   * Closed cases with a current row after `$1`, in case id order: one page of a retention plan; of
   * the organisation `$3` only when it is not NULL (a store opened for an organisation).
   */
  closedCases: fixed(
    'closedCases',
    'scan',
    `SELECT case_id, path_id, path_version, last_seq, last_event_at FROM kykypolku_cases
   WHERE status = 'closed' AND case_id > $1 AND ($3::text IS NULL OR organisation = $3::text) ORDER BY case_id LIMIT $2`,
  ),
  /**
   * The case's head, locked until the purge commits: an append to the case waits for it. Its
   * organisation goes on the receipt.
   */
  lockHead: fixed('lockHead', 'case', 'SELECT last_seq, organisation FROM kykypolku_heads WHERE case_id = $1 FOR UPDATE'),
  /** The case row as the purge must find it: closed, at the seq the plan saw. */
  closedRow: fixed(
    'closedRow',
    'case',
    `SELECT path_id, path_version FROM kykypolku_cases WHERE case_id = $1 AND status = 'closed' AND last_seq = $2::int`,
  ),
  /**
   * Deletes the case from every per-case table and writes its receipt, in one statement; the event
   * count is what was deleted, which the store compares with the seq it checked before.
   */
  purgeCase: fixed(
    'purgeCase',
    'case',
    `WITH ${perCaseTables
      .map(
        (table, index) =>
          `gone_${index} AS (DELETE FROM ${table} WHERE case_id = $1${table === 'kykypolku_events' ? ' RETURNING seq' : ''})`,
      )
      .join(',\n')}
INSERT INTO kykypolku_erasure_receipts (${receiptColumns})
SELECT $1, $2, $3::int, $4, $5, (SELECT count(*)::int FROM gone_${perCaseTables.indexOf('kykypolku_events')}), $6, $7, $8::text
RETURNING event_count`,
  ),
  /**
   * One page of receipts after `$1`, in case id order; of the organisation `$3` only when it is not
   * NULL (on a server, row-level security keeps an organisation's role to its own as well).
   */
  receiptsPage: fixed(
    'receiptsPage',
    'scan',
    `SELECT ${receiptColumns} FROM kykypolku_erasure_receipts
   WHERE case_id > $1 AND ($3::text IS NULL OR organisation = $3::text) ORDER BY case_id LIMIT $2`,
  ),
  /**
   * The access log's own retention: every row read before `$1`, across cases, in one statement (and
   * so one transaction). `at` is the host's ISO instant; cast, it compares as an instant.
   */
  purgeAccessLog: fixed('purgeAccessLog', 'scan', 'DELETE FROM kykypolku_access_log WHERE at::timestamptz < $1::timestamptz'),
  /** What that purge would remove, of the rows organisation `$2` may read (every row when it is NULL). */
  countAccessLog: fixed(
    'countAccessLog',
    'scan',
    `SELECT count(*)::int AS rows FROM kykypolku_access_log WHERE at::timestamptz < $1::timestamptz
   AND ($2::text IS NULL OR organisation = $2::text OR case_organisation = $2::text)`,
  ),
} as const;
