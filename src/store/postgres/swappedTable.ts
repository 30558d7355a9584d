import type { SqlSession } from './sqlClient.js';

// What a table swapped for a partitioned one (schema step 7, partitionTables.ts) must be given back:
// read from the catalogue before the swap, as the statements that restore it.

/** @internal */
export const tagged = (text: string): string => `/* kykypolku:migration7:schema */ ${text}`;

/** @internal */
export async function rowsOf<TRow>(session: SqlSession, text: string, values?: readonly unknown[]): Promise<readonly TRow[]> {
  return (await session.query<TRow>(tagged(text), values)).rows;
}

async function texts(session: SqlSession, text: string, values: readonly unknown[]): Promise<string[]> {
  return (await rowsOf<{ ddl: string }>(session, text, values)).map((row) => row.ddl);
}

/** The table as the catalogue has it, before it is swapped. @internal */
export interface TableFacts {
  readonly oid: string;
  readonly schema: string;
  readonly qualified: string;
  readonly relkind: string;
  readonly options: readonly string[] | null;
  readonly owner: string;
  readonly ownedByUs: boolean;
}

/**
 * Everything the old table carries beyond what `CREATE TABLE … (LIKE …)` copies (columns, defaults,
 * NOT NULL and CHECK constraints, identity and generated columns, storage, comments on columns,
 * extended statistics), as the statements that give it to the new table. Read while the table still
 * has its name: `pg_get_indexdef` and `pg_get_triggerdef` name it as the new table will be named.
 *
 * @internal
 */
export async function carriedOver(session: SqlSession, table: TableFacts): Promise<{ drop: string[]; restore: string[] }> {
  const values = [table.oid, table.qualified];
  // Primary keys, unique and exclusion constraints: each is its index (a partitioned table's must hold case_id).
  const keys = await texts(
    session,
    `SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', $2::text, conname, pg_get_constraintdef(oid)) AS ddl
       FROM pg_constraint WHERE conrelid = $1::oid AND contype IN ('p', 'u', 'x') ORDER BY conname`,
    values,
  );
  const indexes = await texts(
    session,
    `SELECT pg_get_indexdef(i.indexrelid) AS ddl FROM pg_index i
      WHERE i.indrelid = $1::oid AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = $1::oid)
      ORDER BY i.indexrelid::regclass::text`,
    [table.oid],
  );
  const foreignKeys = await texts(
    session,
    `SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', $2::text, conname, pg_get_constraintdef(oid)) AS ddl
       FROM pg_constraint WHERE conrelid = $1::oid AND contype = 'f' ORDER BY conname`,
    values,
  );
  // Other tables' foreign keys on this one go with the old table; they are dropped first and made again.
  const referencing = await rowsOf<{ drop: string; add: string }>(
    session,
    `SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS add
       FROM pg_constraint WHERE confrelid = $1::oid AND conrelid <> $1::oid AND contype = 'f' ORDER BY conname`,
    [table.oid],
  );
  const triggers = await texts(
    session,
    `SELECT pg_get_triggerdef(t.oid) AS ddl FROM pg_trigger t WHERE t.tgrelid = $1::oid AND NOT t.tgisinternal
     UNION ALL
     SELECT format('ALTER TABLE %s %s TRIGGER %I', $2::text,
                   CASE t.tgenabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' ELSE 'ENABLE ALWAYS' END, t.tgname)
       FROM pg_trigger t WHERE t.tgrelid = $1::oid AND NOT t.tgisinternal AND t.tgenabled <> 'O'`,
    values,
  );
  // Row-level security: the switches, then every policy with its roles, command and expressions.
  const security = await texts(
    session,
    `SELECT format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', $2::text) AS ddl FROM pg_class WHERE oid = $1::oid AND relrowsecurity
     UNION ALL
     SELECT format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', $2::text) FROM pg_class WHERE oid = $1::oid AND relforcerowsecurity
     UNION ALL
     SELECT format('CREATE POLICY %I ON %s AS %s FOR %s TO %s%s%s', p.polname, $2::text,
                   CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END,
                   CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
                   (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END, ', ')
                      FROM unnest(p.polroles) AS r),
                   CASE WHEN p.polqual IS NULL THEN '' ELSE ' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')' END,
                   CASE WHEN p.polwithcheck IS NULL THEN '' ELSE ' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')' END)
       FROM pg_policy p WHERE p.polrelid = $1::oid`,
    values,
  );
  // Privileges granted on the table and on its columns (the owner's own come with ownership).
  const grantee = `CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END`;
  const grantOption = `CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END`;
  const grants = await texts(
    session,
    `SELECT format('GRANT %s ON %s TO %s%s', a.privilege_type, $2::text, ${grantee}, ${grantOption}) AS ddl
       FROM pg_class c, aclexplode(c.relacl) AS a WHERE c.oid = $1::oid AND a.grantee <> c.relowner
     UNION ALL
     SELECT format('GRANT %s (%I) ON %s TO %s%s', a.privilege_type, att.attname, $2::text, ${grantee}, ${grantOption})
       FROM pg_attribute att, aclexplode(att.attacl) AS a
      WHERE att.attrelid = $1::oid AND att.attnum > 0 AND NOT att.attisdropped AND att.attacl IS NOT NULL`,
    values,
  );
  const described = await texts(
    session,
    `SELECT format('COMMENT ON TABLE %s IS %L', $2::text, obj_description($1::oid, 'pg_class')) AS ddl
      WHERE obj_description($1::oid, 'pg_class') IS NOT NULL
     UNION ALL
     SELECT format('ALTER TABLE %s REPLICA IDENTITY %s', $2::text, CASE relreplident WHEN 'f' THEN 'FULL' ELSE 'NOTHING' END)
       FROM pg_class WHERE oid = $1::oid AND relreplident IN ('f', 'n')`,
    values,
  );
  // Publications naming the table (logical replication), with their row filter and column list.
  const published = await texts(
    session,
    `SELECT format('ALTER PUBLICATION %I ADD TABLE %s%s%s', p.pubname, $2::text,
                   CASE WHEN r.prattrs IS NULL THEN '' ELSE ' (' || (SELECT string_agg(quote_ident(attname), ', ')
                     FROM pg_attribute WHERE attrelid = $1::oid AND attnum = ANY(r.prattrs)) || ')' END,
                   CASE WHEN r.prqual IS NULL THEN '' ELSE ' WHERE (' || pg_get_expr(r.prqual, r.prrelid) || ')' END) AS ddl
       FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid WHERE r.prrelid = $1::oid`,
    values,
  );
  return {
    drop: referencing.map((row) => row.drop),
    // Keys and indexes first (foreign keys on the table need its keys), ownership last.
    restore: [
      ...keys,
      ...indexes,
      ...foreignKeys,
      ...referencing.map((row) => row.add),
      ...triggers,
      ...security,
      ...grants,
      ...described,
      ...published,
    ],
  };
}

/** The identity columns of the old table, with their sequence's name and the last value it gave. @internal */
export async function identitiesOf(
  session: SqlSession,
  table: TableFacts,
): Promise<readonly { column: string; sequence: string; last: string | null }[]> {
  return rowsOf(
    session,
    `SELECT a.attname AS column, s.relname AS sequence, pg_sequence_last_value(s.oid)::text AS last
       FROM pg_attribute a
       JOIN pg_class s ON s.oid = pg_get_serial_sequence($2::text, a.attname)::regclass
      WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity <> ''`,
    [table.oid, table.qualified],
  );
}
