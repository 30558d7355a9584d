import type { SqlSession } from './sqlClient.js';
import { carriedOver, identitiesOf, rowsOf, tagged, type TableFacts } from './swappedTable.js';

/**
 * The tables keyed by case id that schema step 7 partitions: a case's events, its head, its row
 * and its armed deadlines. They hash alike (the same `text` case id), so one case's rows are in the
 * partitions of the same number in every table.
 *
 * @internal
 */
export const partitionedTables = ['kykypolku_events', 'kykypolku_heads', 'kykypolku_cases', 'kykypolku_deadlines'] as const;

async function run(session: SqlSession, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await session.query(tagged(statement));
}

/**
 * Makes one table partitioned by hash of `case_id` into `count` partitions, in the migration's
 * transaction: the old table is renamed, a partitioned one made like it (whatever columns it has by
 * now), its rows moved with their identity values, the old one dropped, and its keys, indexes,
 * foreign keys, triggers, row-level security and policies, grants, comment and publications given
 * to the new one under the same names. A unique index without `case_id` cannot be made on a
 * partitioned table: the step then fails (SQLSTATE 0A000) and nothing changes.
 */
async function partitionTable(session: SqlSession, name: string, count: number): Promise<void> {
  const [table] = await rowsOf<TableFacts>(
    session,
    `SELECT c.oid::text AS oid, n.nspname AS schema, format('%I.%I', n.nspname, c.relname) AS qualified, c.relkind::text AS relkind,
            c.reloptions AS options, pg_get_userbyid(c.relowner) AS owner, pg_get_userbyid(c.relowner) = current_user AS "ownedByUs"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
    [name],
  );
  if (!table) throw new Error(`schema step 7: the table ${name} does not exist`);
  if (table.relkind === 'p') return;
  const carried = await carriedOver(session, table);
  const identities = await identitiesOf(session, table);
  const [columns] = await rowsOf<{ list: string }>(
    session,
    `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS list FROM pg_attribute
      WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
    [table.oid],
  );
  const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
  const old = `${quoted(table.schema)}.${quoted(`${name}_unpartitioned`)}`;
  // fillfactor and other storage parameters belong to each partition: a partitioned table holds no rows.
  const storage = table.options && table.options.length > 0 ? ` WITH (${table.options.join(', ')})` : '';
  const partitions = Array.from(
    { length: count },
    (_, remainder) =>
      `CREATE TABLE ${quoted(table.schema)}.${quoted(`${name}_p${remainder}`)} PARTITION OF ${table.qualified}
         FOR VALUES WITH (MODULUS ${count}, REMAINDER ${remainder})${storage}`,
  );
  await run(session, [
    `ALTER TABLE ${table.qualified} RENAME TO ${quoted(`${name}_unpartitioned`)}`,
    `CREATE TABLE ${table.qualified} (LIKE ${old} INCLUDING ALL EXCLUDING INDEXES) PARTITION BY HASH (case_id)`,
    ...partitions,
    `INSERT INTO ${table.qualified} (${columns!.list}) OVERRIDING SYSTEM VALUE SELECT ${columns!.list} FROM ${old}`,
    ...carried.drop,
    // Fails (2BP01) when a view or another object the step does not carry over depends on the table.
    `DROP TABLE ${old}`,
  ]);
  for (const identity of identities) {
    // The new identity sequence takes the old one's name, and goes on after the last value it gave:
    // positions keep growing, so readAll reads new events after the old ones.
    const [fresh] = await rowsOf<{ sequence: string }>(session, `SELECT pg_get_serial_sequence($1::text, $2::text) AS sequence`, [
      table.qualified,
      identity.column,
    ]);
    await run(session, [`ALTER SEQUENCE ${fresh!.sequence} RENAME TO ${quoted(identity.sequence)}`]);
    if (identity.last !== null)
      await rowsOf(session, `SELECT setval(pg_get_serial_sequence($1::text, $2::text), $3::bigint)`, [
        table.qualified,
        identity.column,
        identity.last,
      ]);
  }
  // The new table and its partitions start with no privilege but the owner's, whatever default
  // privileges gave them: the table then gets exactly the old one's grants, and the partitions none,
  // since a partition read directly bypasses the parent's row-level security; the way in is the parent.
  const defaults = await rowsOf<{ ddl: string }>(
    session,
    `SELECT DISTINCT format('REVOKE ALL ON %s FROM %s', c.oid::regclass,
                            CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END) AS ddl
       FROM pg_class c, aclexplode(c.relacl) AS a
      WHERE (c.oid = to_regclass($1) OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass($1)))
        AND a.grantee <> c.relowner`,
    [table.qualified],
  );
  await run(
    session,
    defaults.map((row) => row.ddl),
  );
  await run(session, carried.restore);
  if (!table.ownedByUs) {
    await run(session, [
      `ALTER TABLE ${table.qualified} OWNER TO ${quoted(table.owner)}`,
      ...Array.from(
        { length: count },
        (_, remainder) => `ALTER TABLE ${quoted(table.schema)}.${quoted(`${name}_p${remainder}`)} OWNER TO ${quoted(table.owner)}`,
      ),
    ]);
  }
  await run(session, [`ANALYZE ${table.qualified}`]);
}

/**
 * Schema step 7: the four case tables partitioned by hash of the case id, `count` partitions each.
 *
 * @internal
 */
export async function partitionByHashOfCase(session: SqlSession, count: number): Promise<void> {
  for (const table of partitionedTables) await partitionTable(session, table, count);
}

/**
 * How many partitions the store's events table has by hash of the case id; undefined when it is
 * not partitioned.
 *
 * @internal
 */
export async function partitionCountOf(session: SqlSession): Promise<number | undefined> {
  const [row] = await rowsOf<{ partitioned: boolean; parts: number }>(
    session,
    `SELECT c.relkind = 'p' AS partitioned, (SELECT count(*)::int FROM pg_inherits i WHERE i.inhparent = c.oid) AS parts
       FROM pg_class c WHERE c.oid = to_regclass('kykypolku_events')`,
  );
  return row?.partitioned ? row.parts : undefined;
}
