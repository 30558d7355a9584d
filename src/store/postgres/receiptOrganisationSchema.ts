import { memberOrganisations } from './organisationSchema.js';

/**
 * Schema step 9: the organisation (data controller) on every erasure receipt, and row-level
 * security on the receipts like the case tables (schema step 5): an organisation's role reads the
 * receipts of its own purged cases only, and writes none, since purging is the administrator's
 * (docs/developers.md, "Retention"). The purge fills the column from the case's head.
 *
 * Receipts written before this step have no organisation (NULL): the administrator (the role that
 * migrated) still reads and verifies every one; no organisation's role sees them. Roles already
 * mapped to an organisation are granted the read here, so a deployment need not run
 * `organisationGrants` again; roles mapped later get it from `organisationGrants`.
 *
 * @internal
 */
export const receiptOrganisationStatements: readonly string[] = [
  `ALTER TABLE kykypolku_erasure_receipts ADD COLUMN organisation text COLLATE "C"`,
  `ALTER TABLE kykypolku_erasure_receipts ENABLE ROW LEVEL SECURITY`,
  // Without FORCE the table's owner would skip the policies below.
  `ALTER TABLE kykypolku_erasure_receipts FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY kykypolku_erasure_receipts_administrator ON kykypolku_erasure_receipts TO CURRENT_USER USING (true) WITH CHECK (true)`,
  `CREATE POLICY kykypolku_erasure_receipts_read ON kykypolku_erasure_receipts FOR SELECT USING (organisation IN (${memberOrganisations}))`,
  // A receipts page of one organisation's store: its own, in case id order.
  `CREATE INDEX kykypolku_erasure_receipts_organisation ON kykypolku_erasure_receipts (organisation, case_id)`,
  `DO $grant$ DECLARE mapped name; BEGIN
     FOR mapped IN SELECT DISTINCT m.role_name FROM kykypolku_organisation_roles m
                     JOIN pg_catalog.pg_roles r ON r.rolname = m.role_name LOOP
       EXECUTE format('GRANT SELECT ON kykypolku_erasure_receipts TO %I', mapped);
     END LOOP;
   END $grant$`,
];
