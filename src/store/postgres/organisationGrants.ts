import { organisationProblem } from '../organisation.js';

/** A database role as {@link organisationGrants} takes it: a plain, unquoted PostgreSQL name. */
const rolePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** What {@link organisationGrants} needs: which role works for which organisation. */
export interface OrganisationRole {
  /** The organisation code the role's stores are opened for (`createPostgresStore({ organisation })`). */
  readonly organisation: string;
  /** The database role its connections log in as (or a group role they are members of). */
  readonly role: string;
}

/**
 * The statements an administrator runs, as the role that migrated the store, once per role and
 * organisation: the role may then read and write that organisation's rows only (row-level
 * security, schema step 5), may insert events but never change or delete one, and may read the
 * schema's bookkeeping. Create the role first (`CREATE ROLE county_a LOGIN PASSWORD …`). Throws a
 * `TypeError` for a role that is not a plain lowercase name or an organisation that is not a code,
 * so nothing the statements hold needs quoting.
 *
 * @example
 * ```ts
 * const statements = organisationGrants({ organisation: 'county-a', role: 'county_a' });
 * statements.length; // 7: run each, in order, on the administrator's pool (adminPool.query(statement))
 * ```
 */
export function organisationGrants({ organisation, role }: OrganisationRole): readonly string[] {
  const problem = organisationProblem(organisation);
  if (problem !== undefined) throw new TypeError(`organisationGrants: organisation ${problem}`);
  if (typeof role !== 'string' || !rolePattern.test(role))
    throw new TypeError('organisationGrants: role must be a lowercase PostgreSQL name (a-z, 0-9, _), at most 63 characters');
  return [
    // Events are appended, never changed: no UPDATE or DELETE for an organisation's role.
    `GRANT SELECT, INSERT ON kykypolku_events TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE ON kykypolku_heads TO ${role}`,
    // Case rows and armed deadlines are rewritten and removed as the case moves on.
    `GRANT SELECT, INSERT, UPDATE, DELETE ON kykypolku_cases, kykypolku_deadlines TO ${role}`,
    // The access log is append-only for the library's roles: rows are inserted and read, never changed.
    `GRANT SELECT, INSERT ON kykypolku_access_log TO ${role}`,
    // Consents (schema step 8) are recorded and withdrawn with the owner's events; a partner reads its own.
    `GRANT SELECT, INSERT, UPDATE ON kykypolku_consents TO ${role}`,
    `GRANT SELECT ON kykypolku_schema_migrations, kykypolku_integrity, kykypolku_organisation_roles TO ${role}`,
    // The receipts of its own purged cases (row-level security, schema step 9); purging is the administrator's.
    `GRANT SELECT ON kykypolku_erasure_receipts TO ${role}`,
    `INSERT INTO kykypolku_organisation_roles (organisation, role_name) VALUES ('${organisation}', '${role}') ON CONFLICT DO NOTHING`,
  ];
}
