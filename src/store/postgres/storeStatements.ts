import type { CheckedCaseQuery } from '../queryCheck.js';

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

/** A statement whose text never changes: it carries a name to be prepared once per connection. @internal */
export interface FixedStatement {
  readonly name: string;
  readonly text: string;
}

const fixed = (name: string, scope: StatementScope, text: string): FixedStatement => ({
  name: `kykypolku_${name}`,
  text: tag(name, scope, text),
});

const eventColumns = 'seq, event_id, path_id, path_version, type, at, actor_role, actor_id, payload, digest, chain';

/**
 * The event columns as the readers select them (`e.` before each): the payload as its jsonb text,
 * which the store parses once and whose canonical JSON it keeps per distinct text (eventRow.ts),
 * instead of the driver parsing it and the store writing it out again for every row's digest.
 */
const readColumns = eventColumns
  .split(', ')
  .map((column) => (column === 'payload' ? 'e.payload::text AS payload' : `e.${column}`))
  .join(', ');

/**
 * Whether a row is the store's to see: every row for an unscoped store (`org` is NULL), else the
 * rows of its organisation. On a server, row-level security holds the connection's role to the same
 * (schema step 5); this filter is what the memory-like stores (PGlite) have, and what keeps a
 * store opened for one organisation to it when its role works for several.
 */
const visible = (org: string, alias = ''): string => `(${org}::text IS NULL OR ${alias}organisation = ${org}::text)`;

/**
 * How an append finds the case it writes to. `new` (expected seq 0): there is no head to read; the
 * statement checks that the store sees none, and the keys refuse a case another writer began first.
 * `continued`: the case's head, read once, is both the check of the expected seq and link and the
 * organisation an unscoped store's rows take; no read of the events.
 *
 * @internal
 */
export type AppendStart = 'new' | 'continued';

/** The organisation the rows an append writes get: the store's, or for an unscoped store the case's own (its head's). */
const rowOrganisation = (org: string, start: AppendStart): string =>
  start === 'new' ? `${org}::text` : `coalesce(${org}::text, (SELECT organisation FROM appended LIMIT 1))`;

/** The organisation the event rows get: the store's, or the case's own, from the head the insert reads. */
const eventOrganisation = (org: string, start: AppendStart): string =>
  start === 'new' ? `${org}::text` : `coalesce(${org}::text, head.organisation)`;

/** Batches up to this many events are sent as VALUES rows; larger ones as parallel arrays. */
const largestValuesBatch = 1000;

/** Statements for batches up to this size are prepared by name on each connection. */
const largestNamedBatch = 20;

const columnTypes = ['int', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'jsonb', 'text', 'text'];

/**
 * The batch's rows from parameter `$first` on. Up to 1 000 events, one VALUES row per event (eleven
 * parameters each): PostgreSQL reads these faster than arrays, by half for a single event. Beyond
 * that, eleven parallel arrays for `unnest`, so that any batch stays one statement.
 */
function batchRows(first: number, size: number): string {
  if (size > largestValuesBatch) {
    return `unnest(${columnTypes.map((type, column) => `$${first + column}::${type}[]`).join(', ')}) AS batch(${eventColumns})`;
  }
  const rows = Array.from(
    { length: size },
    (_, row) => `(${columnTypes.map((type, column) => `$${first + row * columnTypes.length + column}::${type}`).join(', ')})`,
  );
  return `(VALUES ${rows.join(', ')}) AS batch(${eventColumns})`;
}

/**
 * The batch and the case's head, one statement. A new case's batch ($2 is 0, $4 is '') is inserted
 * when the store sees no head for it, and its head row with it. A continued case's batch is inserted
 * only when its head is at the expected seq ($2) with the link the batch was chained to ($4), and the
 * head moves to the batch's last seq ($3), link ($5) and seal ($6). The head is the case's log's end
 * (both are written only here, in one statement), so the events need no read: a writer that raced
 * past the check to the same seq is stopped by the primary key (case_id, seq), as is a second writer
 * beginning the same case; its whole statement fails, and nothing of it is written. The head is never
 * deleted, whether the append is projected or not.
 *
 * `written` is the CTE `appended` (a continued case's head is read inside it) that the statement's
 * other CTEs may follow; `headWrite` is the CTE `head_written`, the head's row written once `appended`
 * has rows. The statement ends in `SELECT FROM head_written`: one row with no columns when the batch
 * was appended, none when the check refused it. Every table is met after the events table, the order
 * schema step 7's conversion takes them in: a statement whose own command wrote the head locked the
 * heads first when run from a prepared plan, and deadlocked (40P01) against the conversion.
 */
function appendBatch(first: number, size: number, org: string, start: AppendStart): { written: string; headWrite: string } {
  const insert = `INSERT INTO kykypolku_events (case_id, organisation, ${eventColumns}, at_instant)
  SELECT $1, ${eventOrganisation(org, start)}, ${eventColumns}, at::timestamptz`;
  if (start === 'new') {
    return {
      written: `appended AS (
  ${insert} FROM ${batchRows(first, size)}
   WHERE $2::int = 0 AND $4::text = '' AND NOT EXISTS (SELECT 1 FROM kykypolku_heads WHERE case_id = $1 AND ${visible(org)})
  RETURNING position
)`,
      headWrite: `head_written AS (
  INSERT INTO kykypolku_heads (case_id, organisation, last_seq, chain, seal, last_position)
  SELECT $1, ${org}::text, $3::int, $5::text, $6::text, (SELECT max(position) FROM appended)
   WHERE EXISTS (SELECT 1 FROM appended)
  RETURNING 1
)`,
    };
  }
  return {
    // The head is read inside the insert, not in a CTE before it, so that the events table is met first.
    written: `appended AS (
  ${insert}
    FROM (SELECT organisation FROM kykypolku_heads
           WHERE case_id = $1 AND last_seq = $2::int AND chain = $4::text AND ${visible(org)}) AS head,
         ${batchRows(first, size)}
  RETURNING position, organisation
)`,
    headWrite: `head_written AS (
  UPDATE kykypolku_heads SET last_seq = $3::int, chain = $5::text, seal = $6::text,
    last_position = (SELECT max(position) FROM appended)
   WHERE case_id = $1 AND EXISTS (SELECT 1 FROM appended)
  RETURNING 1
)`,
  };
}

const caseRowColumns =
  'case_id, organisation, last_seq, path_id, path_version, last_event_at, state, status, assignee, next_due, next_due_at';

/** Writes a case row; an older row is replaced, a newer one (a later append won) is kept. */
const upsertCaseRow = `ON CONFLICT (case_id) DO UPDATE SET
    last_seq = EXCLUDED.last_seq, path_id = EXCLUDED.path_id, path_version = EXCLUDED.path_version,
    last_event_at = EXCLUDED.last_event_at, state = EXCLUDED.state, status = EXCLUDED.status,
    assignee = EXCLUDED.assignee, next_due = EXCLUDED.next_due, next_due_at = EXCLUDED.next_due_at, deadlines_armed = true
  WHERE kykypolku_cases.last_seq <= EXCLUDED.last_seq`;

/**
 * The case's armed deadlines made exactly those of parameters `ids` and `dues` (parallel arrays),
 * once `written` (a CTE) has a row: a row no longer listed (met, made moot, or moved) goes, settled
 * or not; a listed one already armed stays as it is (so a settled one stays settled); a new one is
 * armed unclaimed. Due instants compare as instants, so one instant written two ways is one row.
 */
function armDeadlines(ids: string, dues: string, pathId: string, written: string, organisation: string): string {
  return `disarmed AS (
  DELETE FROM kykypolku_deadlines d
   WHERE d.case_id = $1 AND EXISTS (SELECT 1 FROM ${written})
     AND NOT EXISTS (SELECT 1 FROM unnest(${ids}::text[], ${dues}::text[]) AS a(id, due)
                      WHERE a.id = d.deadline_id AND a.due::timestamptz = d.due_at_ts)
), armed AS (
  INSERT INTO kykypolku_deadlines (case_id, organisation, deadline_id, due_at_ts, due_at, path_id, available_at)
  SELECT $1, ${organisation}, a.id, a.due::timestamptz, a.due, ${pathId}, a.due::timestamptz
    FROM unnest(${ids}::text[], ${dues}::text[]) AS a(id, due)
   WHERE EXISTS (SELECT 1 FROM ${written})
  ON CONFLICT (case_id, deadline_id, due_at_ts) DO NOTHING
)`;
}

/**
 * The case's unsettled deadlines dropped once `written` has a row: a case without a projection arms none until rebuilt.
 * `settled IS NOT TRUE` (the column is NOT NULL, so the same rows as `NOT settled`) keeps the planner off the partial
 * index `kykypolku_deadlines_available` (due instant first): a plan made while the store had no deadlines chose it, and
 * kept walking every unsettled deadline of every case on each append for as long as the plan lived (on PGlite, the database's life).
 */
function disarmDeadlines(written: string): string {
  return `disarmed AS (
  DELETE FROM kykypolku_deadlines WHERE case_id = $1 AND settled IS NOT TRUE AND EXISTS (SELECT 1 FROM ${written})
)`;
}

/** @internal */
export const storeStatements = {
  caseSeq: fixed(
    'caseSeq',
    'case',
    `SELECT coalesce(max(seq), 0)::int AS last_seq FROM kykypolku_events WHERE case_id = $1 AND ${visible('$2')}`,
  ),
  eventsByIds: fixed(
    'eventsByIds',
    'case',
    `SELECT ${eventColumns} FROM kykypolku_events WHERE case_id = $1 AND event_id = ANY($2::text[]) AND ${visible('$3')}`,
  ),
  /** The case's events with its head on every row (one row of nulls but the head when it has no events). */
  readCase: fixed(
    'readCase',
    'case',
    `SELECT ${readColumns}, h.last_seq AS head_seq, h.chain AS head_chain, h.seal AS head_seal
    FROM (SELECT 1) AS one
    LEFT JOIN kykypolku_heads h ON h.case_id = $1 AND ${visible('$2', 'h.')}
    LEFT JOIN kykypolku_events e ON e.case_id = $1 AND ${visible('$2', 'e.')}
   ORDER BY e.seq`,
  ),
  readHead: fixed('readHead', 'case', `SELECT last_seq, chain FROM kykypolku_heads WHERE case_id = $1 AND ${visible('$2')}`),
  /** The heads of cases whose last append is within a readAll's bound ($1), in case id order after $2. */
  headsPage: fixed(
    'headsPage',
    'scan',
    `SELECT case_id, last_seq FROM kykypolku_heads WHERE last_position <= $1::bigint AND case_id > $2 AND ${visible('$4')}
   ORDER BY case_id LIMIT $3`,
  ),
  /** A rebuilt row, written only while the case's log still ends at the seq it was computed for. */
  writeProjection: fixed(
    'writeProjection',
    'case',
    `WITH written AS (
  INSERT INTO kykypolku_cases (${caseRowColumns})
  SELECT case_id, organisation, seq, path_id, path_version, at, $3, $4, $5, $6::text, $6::text::timestamptz
    FROM kykypolku_events
   WHERE case_id = $1 AND seq = $2::int AND seq = (SELECT max(seq) FROM kykypolku_events WHERE case_id = $1) AND ${visible('$9')}
  ${upsertCaseRow}
  RETURNING path_id, organisation
), ${armDeadlines('$7', '$8', '(SELECT path_id FROM written)', 'written', '(SELECT organisation FROM written)')}
SELECT count(*)::int AS written FROM written`,
  ),
  /** A case that could not be rebuilt loses its row and its unsettled deadlines, if its log has not moved on. */
  clearProjection: fixed(
    'clearProjection',
    'case',
    `WITH written AS (
  DELETE FROM kykypolku_cases WHERE case_id = $1 AND last_seq = $2::int AND ${visible('$3')}
   AND $2::int = (SELECT max(seq) FROM kykypolku_events WHERE case_id = $1)
  RETURNING case_id
), ${disarmDeadlines('written')}
SELECT count(*)::int AS written FROM written`,
  ),
  /**
   * Claims due deadlines no worker holds: the first `$2` unsettled rows available at `$1` (due, and
   * any lease on them run out), locked with SKIP LOCKED so concurrent claimers take disjoint rows,
   * each leased to `$3` until `$4`, which is when it is available again.
   */
  claimDue: fixed(
    'claimDue',
    'scan',
    `WITH due AS (
  SELECT case_id, deadline_id, due_at_ts FROM kykypolku_deadlines
   WHERE NOT settled AND available_at <= $1::timestamptz AND ${visible('$5')}
   ORDER BY available_at, case_id, deadline_id
   LIMIT $2 FOR UPDATE SKIP LOCKED
)
UPDATE kykypolku_deadlines d SET attempts = d.attempts + 1, worker_id = $3, lease_until = $4::timestamptz, available_at = $4::timestamptz
  FROM due WHERE d.case_id = due.case_id AND d.deadline_id = due.deadline_id AND d.due_at_ts = due.due_at_ts
RETURNING d.case_id, d.path_id, d.deadline_id, d.due_at, d.attempts`,
  ),
  /** Settles (`$6` true) or releases a claim still held: same attempt, same worker, not settled. */
  settleClaim: fixed(
    'settleClaim',
    'case',
    `UPDATE kykypolku_deadlines SET settled = $6::boolean, worker_id = NULL, lease_until = NULL, available_at = due_at_ts
   WHERE case_id = $1 AND deadline_id = $2 AND due_at_ts = $3::timestamptz AND attempts = $4::int AND worker_id = $5 AND NOT settled
     AND ${visible('$7')}`,
  ),
  /** Where a claim that could not be settled stands now, to say why. */
  claimStanding: fixed(
    'claimStanding',
    'case',
    `SELECT settled FROM kykypolku_deadlines WHERE case_id = $1 AND deadline_id = $2 AND due_at_ts = $3::timestamptz AND ${visible('$4')}`,
  ),
  /** Open cases stored before armed deadlines were kept (schema step 3). */
  casesToArm: fixed(
    'casesToArm',
    'scan',
    `SELECT case_id FROM kykypolku_cases WHERE status = 'open' AND NOT deadlines_armed AND ${visible('$2')} ORDER BY case_id LIMIT $1`,
  ),
  /** One access-log row: the case's organisation as the reader sees it (NULL when it cannot). */
  logAccess: fixed(
    'logAccess',
    'case',
    `INSERT INTO kykypolku_access_log (case_id, at, actor_role, actor_id, purpose, organisation, case_organisation)
  SELECT $1, $2, $3, $4, $5, $6::text, (SELECT organisation FROM kykypolku_heads WHERE case_id = $1 AND ${visible('$6')})`,
  ),
  /** A case's access-log rows the store may see: its organisation's reads, or any read of its organisation's case. */
  accessLog: fixed(
    'accessLog',
    'case',
    `SELECT at, actor_role, actor_id, purpose, organisation, case_organisation FROM kykypolku_access_log
   WHERE case_id = $1 AND ($2::text IS NULL OR organisation = $2::text OR case_organisation = $2::text) ORDER BY entry`,
  ),
  lastPosition: fixed('lastPosition', 'scan', 'SELECT coalesce(max(position), 0)::text AS last_position FROM kykypolku_events'),
  /**
   * One page of readAll. The position goes out as text (a bigint does not fit a JS number), under
   * a name of its own: an output column named `position` would make `ORDER BY position` sort by
   * that text ('10' before '2'), and the keyset would skip rows past the first page. The ORDER BY
   * names the table's column, so no alias can capture it again.
   */
  readAllPage: fixed(
    'readAllPage',
    'scan',
    `SELECT case_id, ${eventColumns}, position::text AS page_position FROM kykypolku_events
   WHERE position > $1::bigint AND position <= $2::bigint AND ${visible('$4')} ORDER BY kykypolku_events.position LIMIT $3`,
  ),
  /**
   * A page of whole cases' events after ($1, $2), each row with its case's head. The heads are bound
   * to the page's first case (`h.case_id >= $1`, which every row meets): without it the planner
   * merge-joins the heads index from its start, every head before the page once per page, so a scan
   * read its heads quadratically (100 000 heads for each page at the end of a 100 000-case store).
   * The head's link and seal come only on the row at the head's seq (a case's last row when it is
   * whole): two 44-character texts fewer to send and decode for every other row.
   */
  readCasesPage: fixed(
    'readCasesPage',
    'scan',
    `SELECT e.case_id, ${readColumns}, h.last_seq AS head_seq,
      CASE WHEN e.seq = h.last_seq THEN h.chain END AS head_chain, CASE WHEN e.seq = h.last_seq THEN h.seal END AS head_seal
    FROM kykypolku_events e LEFT JOIN kykypolku_heads h ON h.case_id = e.case_id AND h.case_id >= $1
   WHERE (e.case_id, e.seq) > ($1, $2) AND ${visible('$4', 'e.')} ORDER BY e.case_id, e.seq LIMIT $3`,
  ),
} as const;

/** A statement with its name when it is prepared by name: `name` is left out for one-off texts. */
export interface SizedStatement {
  readonly name: string | undefined;
  readonly text: string;
}

const appendStatements = new Map<string, SizedStatement>();

function sized(kind: string, size: number, start: AppendStart, text: () => string): SizedStatement {
  const key = `${kind}:${start}:${size}`;
  const known = appendStatements.get(key);
  if (known) return known;
  // The new case's statement keeps the name it had before there were two.
  const name = `kykypolku_${kind}${start === 'new' ? '' : 'Continued'}_${size}`;
  const statement = { name: size <= largestNamedBatch ? name : undefined, text: tag(kind, 'case', text()) };
  if (size <= largestValuesBatch) appendStatements.set(key, statement);
  return statement;
}

/**
 * Appends a batch with the case's new row, in one statement and so one transaction: the row is
 * written only when the events were. Parameters: case id, expected seq, the last event's seq, the
 * chain's link before and after the batch, the head's seal, path id, path version and `at`, the projection (state,
 * status, assignee, next due), the armed deadlines' ids and due instants (two arrays), the store's organisation (or NULL), the batch.
 * It gives one row (no columns) when the batch was appended, none when the check refused it.
 *
 * @internal
 */
export function appendProjected(size: number, start: AppendStart): SizedStatement {
  return sized('appendProjected', size, start, () => {
    const batch = appendBatch(17, size, '$16', start);
    return `WITH ${batch.written}, projected AS (
  INSERT INTO kykypolku_cases (${caseRowColumns})
  SELECT $1, ${rowOrganisation('$16', start)}, $3::int, $7, $8::int, $9, $10, $11, $12, $13::text, $13::text::timestamptz
   WHERE EXISTS (SELECT 1 FROM appended)
  ${upsertCaseRow}
), ${armDeadlines('$14', '$15', '$7', 'appended', rowOrganisation('$16', start))}, ${batch.headWrite}
SELECT FROM head_written`;
  });
}

/**
 * Appends a batch without a projection: the case's row, if it had one, is removed with it, so a
 * row is never older than its events (rebuildProjections writes it again); the case's head stays.
 * Parameters: case id, expected seq, the last event's seq, the chain's link before and after the
 * batch, the head's seal, the store's organisation (or NULL), the batch. It gives one row (no
 * columns) when the batch was appended, none when the check refused it.
 *
 * @internal
 */
export function appendUnprojected(size: number, start: AppendStart): SizedStatement {
  return sized('appendUnprojected', size, start, () => {
    const batch = appendBatch(8, size, '$7', start);
    return `WITH ${batch.written}, unprojected AS (
  DELETE FROM kykypolku_cases WHERE case_id = $1 AND EXISTS (SELECT 1 FROM appended)
), ${disarmDeadlines('appended')}, ${batch.headWrite}
SELECT FROM head_written`;
  });
}

/** The batch's parameters in the shape {@link appendProjected} and {@link appendUnprojected} give it. @internal */
export function batchShape(size: number): 'rows' | 'columns' {
  return size > largestValuesBatch ? 'columns' : 'rows';
}

/** The `listCases` query for the fields a checked query gives, with its parameters. @internal */
export function listCasesStatement(query: CheckedCaseQuery, organisation: string | undefined): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const where = ['TRUE'];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (organisation !== undefined) where.push(`organisation = ${bind(organisation)}`);
  if (query.pathId !== undefined) where.push(`path_id = ${bind(query.pathId)}`);
  if (query.state !== undefined) where.push(`state = ${bind(query.state)}`);
  if (query.status !== undefined) where.push(`status = ${bind(query.status)}`);
  if (query.assignee !== undefined) where.push(`assignee = ${bind(query.assignee)}`);
  if (query.dueBefore !== undefined)
    where.push(`status = 'open'`, 'next_due_at IS NOT NULL', `next_due_at < ${bind(query.dueBefore)}::timestamptz`);
  const text = tag(
    'listCases',
    'scan',
    `SELECT case_id, last_seq, path_id, path_version, last_event_at, state, status, assignee, next_due FROM kykypolku_cases
   WHERE ${where.join(' AND ')} ORDER BY next_due_at NULLS LAST, case_id LIMIT ${bind(query.limit)}`,
  );
  return { text, values };
}

/** The caseload count, on one path or all. @internal */
export function countActiveStatement(
  assignee: string,
  pathId: string | undefined,
  organisation: string | undefined,
): { text: string; values: unknown[] } {
  const onPath = pathId === undefined ? '' : ' AND path_id = $3';
  return {
    text: tag(
      'countActiveCases',
      'scan',
      `SELECT count(*)::int AS active FROM kykypolku_cases WHERE status = 'open' AND assignee = $1 AND ${visible('$2')}${onPath}`,
    ),
    values: pathId === undefined ? [assignee, organisation ?? null] : [assignee, organisation ?? null, pathId],
  };
}
