/**
 * Schema step 5: the data controller (organisation) of every row, row-level security keyed on the
 * connection's database role, and the access and disclosure logs.
 *
 * Why role membership and not a session setting: any SQL a connection runs can `SET` a setting,
 * but it cannot make its role a member of another. A policy names its tables by object id when it
 * is created, so a temporary table of the same name cannot stand in for the mapping either.
 *
 * Rows stored before this step have no organisation (NULL, "unassigned"): only the role that ran
 * the migration (and superusers) see them, until the host assigns them (docs/developers.md).
 */

/** The tables whose rows belong to one case, and so to the case's organisation. */
const caseTables = ['kykypolku_events', 'kykypolku_heads', 'kykypolku_cases', 'kykypolku_deadlines'] as const;

/** The organisations the connection's role (or a role it is a member of) works for. */
const memberOrganisations = `SELECT m.organisation FROM kykypolku_organisation_roles m JOIN pg_catalog.pg_roles r ON r.rolname = m.role_name
   WHERE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')`;

function caseTablePolicies(table: string): string[] {
  return [
    `ALTER TABLE ${table} ADD COLUMN organisation text COLLATE "C"`,
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    // Without FORCE the table's owner would skip the policies below.
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    // The role that migrates (the tables' owner) administers: it sees and writes every row.
    `CREATE POLICY ${table}_administrator ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`,
    `CREATE POLICY ${table}_organisation ON ${table} USING (organisation IN (${memberOrganisations}))
       WITH CHECK (organisation IN (${memberOrganisations}))`,
  ];
}

/** @internal */
export const organisationStatements: readonly string[] = [
  // Which database role works for which organisation: written by the host's administrator
  // (organisationGrants), read by the policies. A role may work for several organisations.
  `CREATE TABLE kykypolku_organisation_roles (
     organisation text COLLATE "C" NOT NULL,
     role_name    name NOT NULL,
     PRIMARY KEY (organisation, role_name)
   )`,
  ...caseTables.flatMap(caseTablePolicies),
  // A scoped store lists its own organisation's cases.
  `CREATE INDEX kykypolku_cases_organisation ON kykypolku_cases (organisation, next_due_at, case_id)`,
  // The access log (käyttöloki): who read which case, when and why, and for which organisation;
  // a row whose reader is not the case's organisation is also a disclosure (luovutusloki) row.
  // `at` is the host's instant (the library has no clock); `entry` orders a case's rows.
  `CREATE TABLE kykypolku_access_log (
     case_id           text COLLATE "C" NOT NULL,
     entry             bigint GENERATED ALWAYS AS IDENTITY,
     at                text NOT NULL,
     actor_role        text NOT NULL,
     actor_id          text NOT NULL,
     purpose           text NOT NULL,
     organisation      text COLLATE "C",
     case_organisation text COLLATE "C",
     PRIMARY KEY (case_id, entry)
   )`,
  `ALTER TABLE kykypolku_access_log ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE kykypolku_access_log FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY kykypolku_access_log_administrator ON kykypolku_access_log TO CURRENT_USER USING (true) WITH CHECK (true)`,
  // An organisation reads the rows of its own cases and the rows it wrote; it writes rows as itself only.
  `CREATE POLICY kykypolku_access_log_read ON kykypolku_access_log FOR SELECT
     USING (organisation IN (${memberOrganisations}) OR case_organisation IN (${memberOrganisations}))`,
  `CREATE POLICY kykypolku_access_log_write ON kykypolku_access_log FOR INSERT WITH CHECK (organisation IN (${memberOrganisations}))`,
];

/** The same subquery for step 8's policies (consentSchema.ts). @internal */
export { memberOrganisations };
