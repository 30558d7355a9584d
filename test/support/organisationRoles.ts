/**
 * A PostgreSQL database with a login role per organisation, set up as docs/developers.md tells a
 * host to ("Row-level security on a PostgreSQL server"): the tables belong to `kykypolku_owner`, a
 * role that is no superuser (superusers bypass row-level security), which migrates the schema and
 * is the store's administrator; each organisation's role is made a login role and granted what
 * `organisationGrants` says. The server tests of row-level security, consent-gated sharing,
 * retention by role, the indicators by organisation and the CLI's `--organisation` all start here.
 */
import type pg from 'pg';
import { createPostgresStore } from 'kykypolku/postgres';
import { organisationGrants } from 'kykypolku/postgres';
import type { ServerForFile } from './postgresServer.js';

/** The administrator's role: owns the tables, ran `migrate()`. */
export const ownerRole = 'kykypolku_owner';

/** The login role of an organisation code: `county-a` → `county_a`, `te-uusimaa` → `te_uusimaa`. */
export function roleOf(organisation: string): string {
  return organisation.replace(/[-.]/g, '_');
}

/** A fresh database of the file's server with a login role per organisation. */
export interface OrganisationDatabase {
  /** A superuser's pool on the database: sees past every policy, creates roles. */
  readonly superuser: pg.Pool;
  /** The administrator's pool (`kykypolku_owner`), on which the schema was migrated. */
  readonly admin: pg.Pool;
  /** The URL that connects as `role` (the organisations' roles, {@link ownerRole}, or one a test creates). */
  urlAs(role: string): string;
  /** A new pool connecting as `role`, ended with the file's server. */
  poolAs(role: string, max?: number): pg.Pool;
  /** The organisation's role's pool: one per organisation, made on first use. */
  poolOf(organisation: string): pg.Pool;
}

/**
 * Creates a fresh database, migrates it as {@link ownerRole} and makes a login role for each
 * organisation ({@link roleOf}) with `organisationGrants`. Roles belong to the whole server: a
 * second database of the same file reuses those made for the first.
 *
 * @example
 * ```ts
 * const postgres = useThrowawayServer();
 * let db: OrganisationDatabase;
 * beforeAll(async () => { db = await organisationDatabase(postgres, ['county-a', 'kela']); });
 * const kela = createPostgresStore({ pool: db.poolOf('kela'), organisation: 'kela' });
 * ```
 */
export async function organisationDatabase(
  postgres: ServerForFile,
  organisations: readonly string[],
  options: { readonly poolSize?: number } = {},
): Promise<OrganisationDatabase> {
  const poolSize = options.poolSize ?? 4;
  const { pool: superuser, url } = await postgres.freshPool(2);
  const urlAs = (role: string) => url.replace('postgres@', `${role}@`);
  const poolAs = (role: string, max = poolSize) => postgres.newPool(urlAs(role), max);
  await createRole(superuser, ownerRole);
  await superuser.query(`GRANT CREATE ON SCHEMA public TO ${ownerRole}`);
  const admin = poolAs(ownerRole);
  await createPostgresStore({ pool: admin }).migrate();
  for (const organisation of organisations) {
    const role = roleOf(organisation);
    await createRole(superuser, role);
    for (const statement of organisationGrants({ organisation, role })) await admin.query(statement);
  }
  const pools = new Map<string, pg.Pool>();
  return {
    superuser,
    admin,
    urlAs,
    poolAs,
    poolOf(organisation) {
      if (!organisations.includes(organisation)) throw new Error(`organisationDatabase: no role was made for ${organisation}`);
      const made = pools.get(organisation) ?? poolAs(roleOf(organisation));
      pools.set(organisation, made);
      return made;
    },
  };
}

/** A login role, or the one of that name a database made before (roles are the server's, not a database's). */
async function createRole(superuser: pg.Pool, role: string): Promise<void> {
  try {
    await superuser.query(`CREATE ROLE ${role} LOGIN`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42710') throw error;
  }
}
