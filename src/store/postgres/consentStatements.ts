import type { FixedStatement } from './storeStatements.js';
import { memberOrganisations } from './organisationSchema.js';

// The statements of consent-gated sharing (schema step 8), tagged like every other statement the
// SQL stores issue (storeStatements.ts): each touches one case, found by `case_id = $1`.

const fixed = (name: string, text: string): FixedStatement => ({ name: `kykypolku_${name}`, text: `/* kykypolku:${name}:case */ ${text}` });

const eventColumns = 'seq, event_id, path_id, path_version, type, at, actor_role, actor_id, payload, digest, chain';

/** @internal */
export const consentStatements = {
  /**
   * A consent given to $2 at seq $3, instant $4, by the case's organisation: nothing for an
   * unassigned case, a consent to the owner itself, or (a scoped store, $5) another organisation's case.
   */
  giveConsent: fixed(
    'giveConsent',
    `INSERT INTO kykypolku_consents (case_id, grantee, owner_organisation, given_seq, given_at)
  SELECT case_id, $2::text, organisation, $3::int, $4::text FROM kykypolku_heads
   WHERE case_id = $1 AND organisation IS NOT NULL AND organisation <> $2::text AND ($5::text IS NULL OR organisation = $5::text)
  ON CONFLICT DO NOTHING`,
  ),
  /** Every consent in force for $2 withdrawn at seq $3, instant $4. */
  withdrawConsent: fixed(
    'withdrawConsent',
    `UPDATE kykypolku_consents SET withdrawn_seq = $3::int, withdrawn_at = $4::text
   WHERE case_id = $1 AND grantee = $2::text AND withdrawn_seq IS NULL AND given_seq < $3::int
     AND ($5::text IS NULL OR owner_organisation = $5::text)`,
  ),
  /**
   * The rebuild's rows of case $1 (grantees $2, given seqs $3 and instants $4, withdrawn seqs $5
   * and instants $6, NULL while in force), for its organisation as the append writes them: a row the
   * table lacks is inserted, a row in force that the events withdraw is withdrawn, any other row kept.
   * The count is of rows inserted or withdrawn.
   */
  restoreConsents: fixed(
    'restoreConsents',
    `INSERT INTO kykypolku_consents AS c (case_id, grantee, owner_organisation, given_seq, given_at, withdrawn_seq, withdrawn_at)
  SELECT h.case_id, r.grantee, h.organisation, r.given_seq, r.given_at, r.withdrawn_seq, r.withdrawn_at
    FROM kykypolku_heads h,
         unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::text[]) AS r (grantee, given_seq, given_at, withdrawn_seq, withdrawn_at)
   WHERE h.case_id = $1 AND h.organisation IS NOT NULL AND h.organisation <> r.grantee
  ON CONFLICT (case_id, grantee, given_seq) DO UPDATE SET withdrawn_seq = EXCLUDED.withdrawn_seq, withdrawn_at = EXCLUDED.withdrawn_at
   WHERE c.withdrawn_seq IS NULL AND EXCLUDED.withdrawn_seq IS NOT NULL`,
  ),
  /**
   * Whether the connection's role works for an organisation: such a role may not rebuild consents.
   * A superuser counts as a member of every role, so it is asked apart (it is the administrator).
   */
  worksForOrganisation: {
    name: 'kykypolku_worksForOrganisation',
    text: `/* kykypolku:worksForOrganisation:scan */ SELECT EXISTS (${memberOrganisations})
       AND NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS member`,
  },
  /**
   * Case $1 as organisation $2 may read it by consent, in one snapshot: no row when no consent for
   * $2 was ever recorded; one row with `in_force` false when none is in force now; else the case's
   * events, with its head, as readCase gives them (one row of nulls when the case is gone).
   */
  readSharedCase: fixed(
    'readSharedCase',
    `SELECT c.owner, c.in_force, ${eventColumns
      .split(', ')
      .map((column) => `e.${column}`)
      .join(', ')}, h.last_seq AS head_seq, h.chain AS head_chain, h.seal AS head_seal
    FROM (SELECT owner_organisation AS owner, bool_or(withdrawn_seq IS NULL) AS in_force FROM kykypolku_consents
           WHERE case_id = $1 AND grantee = $2::text GROUP BY owner_organisation ORDER BY 2 DESC LIMIT 1) AS c
    LEFT JOIN kykypolku_heads h ON c.in_force AND h.case_id = $1 AND h.organisation = c.owner
    LEFT JOIN kykypolku_events e ON c.in_force AND e.case_id = $1 AND e.organisation = c.owner
   ORDER BY e.seq`,
  ),
  /** One access-log row of a read by consent: a disclosure from $7 (the owner) to $6 (the reader). */
  logDisclosure: fixed(
    'logDisclosure',
    `INSERT INTO kykypolku_access_log (case_id, at, actor_role, actor_id, purpose, organisation, case_organisation)
  VALUES ($1, $2, $3, $4, $5, $6::text, $7::text)`,
  ),
} as const;
