import { memberOrganisations } from './organisationSchema.js';

/**
 * Schema step 8: consents to share a case with a partner organisation, and the policies that let
 * the partner's role read the case (its events, head and case row, nothing else) while one is in
 * force.
 *
 * One row per consent given: `grantee` the partner's organisation code, `owner_organisation` the
 * case's (the data controller who discloses), the seq and instant of the event that gave it, and of
 * the one that withdrew it. A consent is in force while `withdrawn_seq` is NULL; given again after a
 * withdrawal, it is a new row. Written by the owner's role with the events that make the change (in
 * the same transaction), read by the owner and the grantee.
 *
 * Why a policy FOR SELECT only: permissive policies are OR-ed per command, so the partner gains
 * reading and nothing else. Its INSERT, UPDATE and DELETE are still held to its own organisation's
 * rows by step 5's policy, its deadlines claims (an UPDATE of `kykypolku_deadlines`, which has no
 * consent policy) find none of the case's, and its case listing is the library's, by organisation.
 */

/** The tables a partner may read while a consent for it is in force. */
const sharedTables = ['kykypolku_events', 'kykypolku_heads', 'kykypolku_cases'] as const;

const consentInForce = (table: string) => `EXISTS (SELECT 1 FROM kykypolku_consents c
       WHERE c.case_id = ${table}.case_id AND c.owner_organisation = ${table}.organisation AND c.withdrawn_seq IS NULL
         AND c.grantee IN (${memberOrganisations}))`;

/** @internal */
export const consentStatements: readonly string[] = [
  `CREATE TABLE kykypolku_consents (
     case_id            text COLLATE "C" NOT NULL,
     grantee            text COLLATE "C" NOT NULL,
     owner_organisation text COLLATE "C" NOT NULL,
     given_seq          integer NOT NULL,
     given_at           text NOT NULL,
     withdrawn_seq      integer,
     withdrawn_at       text,
     PRIMARY KEY (case_id, grantee, given_seq),
     CHECK (grantee <> owner_organisation),
     CHECK ((withdrawn_seq IS NULL) = (withdrawn_at IS NULL) AND (withdrawn_seq IS NULL OR withdrawn_seq > given_seq))
   )`,
  // The sharing policies below read this table as whoever queries the case tables, so every role that
  // may read the events must be able to read it, or its reads fail (42501) from this step on; row-level
  // security keeps each role to the consents of the organisations it works for (none, for any other role).
  `GRANT SELECT ON kykypolku_consents TO PUBLIC`,
  `ALTER TABLE kykypolku_consents ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE kykypolku_consents FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY kykypolku_consents_administrator ON kykypolku_consents TO CURRENT_USER USING (true) WITH CHECK (true)`,
  // The owner records and withdraws; the grantee may see its own consents, never change one.
  `CREATE POLICY kykypolku_consents_owner ON kykypolku_consents USING (owner_organisation IN (${memberOrganisations}))
     WITH CHECK (owner_organisation IN (${memberOrganisations}))`,
  `CREATE POLICY kykypolku_consents_grantee ON kykypolku_consents FOR SELECT USING (grantee IN (${memberOrganisations}))`,
  ...sharedTables.map((table) => `CREATE POLICY ${table}_consent ON ${table} FOR SELECT USING (${consentInForce(table)})`),
];
