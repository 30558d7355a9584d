// The statement of appendNewCases: many new cases, each with its whole history, in one statement.
// Every table is written from parallel arrays (unnest), so the statement's text and its parameter
// count are the same for one case or a thousand: it is prepared once by name, and no batch ever
// meets PostgreSQL's limit of 65 535 parameters or a VALUES list's size.

/** How many cases one statement writes at most; a larger call runs several, in one transaction. @internal */
export const largestNewCasesStatement = 1000;

const visible = (org: string, alias: string): string => `(${org}::text IS NULL OR ${alias}organisation = ${org}::text)`;

const eventColumns = 'seq, event_id, path_id, path_version, type, at, actor_role, actor_id, payload, digest, chain';

/**
 * Writes new cases whole: their events, heads, case rows and armed deadlines. Parameters: $1–$12
 * the events' columns (case id, then the eleven of `eventColumns`), one element per event, the
 * cases in case id order; $13 the store's organisation (or NULL); $14–$17 the heads (case id, last
 * seq, chain, seal), one per case; $18–$26 the case rows (case id, last seq, path id, path version,
 * last `at`, state, status, assignee, next due), one per projected case; $27–$30 the armed
 * deadlines (case id, deadline id, due, path id). It gives the case id of every case written.
 *
 * A case the store holds already (a head it sees, or any of the seqs or event ids taken, such as
 * another organisation's case) gets no head, and so no row: the caller compares the ids that came
 * back with the ones it sent and rolls the transaction back when one is missing.
 *
 * The events table is met first, before the heads, the order every append and schema step 7's
 * conversion lock them in (docs/developers.md: heads first deadlocked, 40P01); the rows go in in
 * case id order, so two of these statements over the same cases wait for each other, never deadlock.
 *
 * @internal
 */
export const appendNewCasesStatement = {
  name: 'kykypolku_appendNewCases',
  text: `/* kykypolku:appendNewCases:case */ WITH appended AS (
  INSERT INTO kykypolku_events (case_id, organisation, ${eventColumns}, at_instant)
  SELECT b.case_id, $13::text, ${eventColumns
    .split(', ')
    .map((column) => `b.${column}`)
    .join(', ')}, b.at::timestamptz
    FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[],
                $10::jsonb[], $11::text[], $12::text[]) WITH ORDINALITY AS b(case_id, ${eventColumns}, ord)
   WHERE NOT EXISTS (SELECT 1 FROM kykypolku_heads h WHERE h.case_id = b.case_id AND ${visible('$13', 'h.')})
   ORDER BY b.ord
  ON CONFLICT DO NOTHING
  RETURNING case_id, position
), whole AS (
  SELECT case_id, count(*) AS written, max(position) AS last_position FROM appended GROUP BY case_id
), head_written AS (
  INSERT INTO kykypolku_heads (case_id, organisation, last_seq, chain, seal, last_position)
  SELECT h.case_id, $13::text, h.last_seq, h.chain, h.seal, w.last_position
    FROM unnest($14::text[], $15::int[], $16::text[], $17::text[]) WITH ORDINALITY AS h(case_id, last_seq, chain, seal, ord)
    JOIN whole w ON w.case_id = h.case_id AND w.written = h.last_seq
   ORDER BY h.ord
  ON CONFLICT DO NOTHING
  RETURNING case_id
), projected AS (
  INSERT INTO kykypolku_cases (case_id, organisation, last_seq, path_id, path_version, last_event_at, state, status, assignee, next_due,
                               next_due_at)
  SELECT p.case_id, $13::text, p.last_seq, p.path_id, p.path_version, p.last_event_at, p.state, p.status, p.assignee, p.next_due,
         p.next_due::timestamptz
    FROM unnest($18::text[], $19::int[], $20::text[], $21::int[], $22::text[], $23::text[], $24::text[], $25::text[], $26::text[])
      AS p(case_id, last_seq, path_id, path_version, last_event_at, state, status, assignee, next_due)
   WHERE p.case_id IN (SELECT case_id FROM head_written)
  ON CONFLICT (case_id) DO UPDATE SET
    last_seq = EXCLUDED.last_seq, path_id = EXCLUDED.path_id, path_version = EXCLUDED.path_version,
    last_event_at = EXCLUDED.last_event_at, state = EXCLUDED.state, status = EXCLUDED.status,
    assignee = EXCLUDED.assignee, next_due = EXCLUDED.next_due, next_due_at = EXCLUDED.next_due_at, deadlines_armed = true
), armed AS (
  INSERT INTO kykypolku_deadlines (case_id, organisation, deadline_id, due_at_ts, due_at, path_id, available_at)
  SELECT a.case_id, $13::text, a.id, a.due::timestamptz, a.due, a.path_id, a.due::timestamptz
    FROM unnest($27::text[], $28::text[], $29::text[], $30::text[]) AS a(case_id, id, due, path_id)
   WHERE a.case_id IN (SELECT case_id FROM head_written)
  ON CONFLICT (case_id, deadline_id, due_at_ts) DO NOTHING
)
SELECT case_id FROM head_written`,
} as const;
