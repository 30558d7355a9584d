import type { RecordedEvent } from '../../path/recordedEvent.js';
import type { CaseAccess } from '../accessLog.js';
import { checkedAccess } from '../accessLogRows.js';
import { rebuildNotPermitted, type ConsentChange, type ConsentRestore, type ConsentRestoreResult, type SharedRead } from '../consent.js';
import type { EventRow } from './eventRow.js';
import type { SqlClient, SqlSession } from './sqlClient.js';
import type { EventStoreError } from '../eventStoreError.js';
import { consentStatements } from './consentStatements.js';

/** A case's event row joined to its head, as readCase and readSharedCase give them. @internal */
export type SharedCaseRow = EventRow & {
  readonly head_seq: number | null;
  readonly head_chain: string | null;
  readonly head_seal: string | null;
};

/** What consent-gated sharing needs of the SQL store. @internal */
export interface SqlConsentParts {
  /** The store's organisation (undefined: the administrator's store). */
  readonly organisation: string | undefined;
  /** Runs one statement, its errors explained as the store's. */
  read<TRow>(statement: { readonly text: string; readonly name: string }, values: readonly unknown[]): Promise<readonly TRow[]>;
  /** The store's client, for the rebuild's transactions. */
  readonly client: SqlClient;
  /** Any error of a statement as the store's. */
  explain(error: unknown): EventStoreError;
  /** The rows of one case checked link by link and against its head (throws TAMPERED_EVENT). */
  verify(caseId: string, rows: readonly SharedCaseRow[]): RecordedEvent[];
}

/** @internal */
export function createSqlConsent(parts: SqlConsentParts) {
  const org = parts.organisation ?? null;
  return {
    /** Writes an append's consent changes inside its transaction, after its events. */
    async writeConsents(session: SqlSession, caseId: string, changes: readonly ConsentChange[]): Promise<void> {
      for (const change of changes) {
        const statement = change.change === 'given' ? consentStatements.giveConsent : consentStatements.withdrawConsent;
        await session.query(statement.text, [caseId, change.grantee, change.seq, change.at, org], statement.name);
      }
    },

    /**
     * The rebuild's rows of a batch of cases, in one transaction: all of the batch or none of it.
     * Refused before any write for a store opened for an organisation, or a role that works for
     * one (its grants would let it write its own cases' rows, and a policy error would end the batch).
     */
    async restoreConsents(cases: readonly ConsentRestore[]): Promise<ConsentRestoreResult> {
      if (org !== null) return { ok: false, failure: rebuildNotPermitted() };
      try {
        const [role] = await parts.read<{ member: boolean }>(consentStatements.worksForOrganisation, []);
        if (role?.member) return { ok: false, failure: rebuildNotPermitted() };
        const pending = cases.filter((restore) => restore.rows.length > 0);
        if (pending.length === 0) return { ok: true, written: 0 };
        const written = await parts.client.transaction(async (session) => {
          let count = 0;
          for (const { caseId, rows } of pending) {
            const result = await session.query(
              consentStatements.restoreConsents.text,
              [
                caseId,
                rows.map((row) => row.grantee),
                rows.map((row) => row.givenSeq),
                rows.map((row) => row.givenAt),
                rows.map((row) => row.withdrawnSeq ?? null),
                rows.map((row) => row.withdrawnAt ?? null),
              ],
              consentStatements.restoreConsents.name,
            );
            count += result.rowCount ?? 0;
          }
          return count;
        });
        return { ok: true, written };
      } catch (error) {
        const explained = parts.explain(error);
        // A role without the grants (42501): rolled back whole, typed as the refusal it is.
        if (explained.failure.code === 'STORE_FAILED' && explained.failure.sqlState === '42501')
          return { ok: false, failure: rebuildNotPermitted() };
        throw explained;
      }
    },

    async readShared(caseId: string, access: CaseAccess): Promise<SharedRead> {
      const checked = checkedAccess(caseId, access);
      if (org === null) return { kind: 'notShared' };
      const rows = await parts.read<SharedCaseRow & { owner: string; in_force: boolean }>(consentStatements.readSharedCase, [caseId, org]);
      const first = rows[0];
      if (first === undefined) return { kind: 'notShared' };
      if (!first.in_force) return { kind: 'refused' };
      // The case's rows are gone (purged) while its consent row stayed: nothing to disclose.
      if (first.seq === null && first.head_seq === null) return { kind: 'notShared' };
      const events = parts.verify(caseId, first.seq === null ? [] : rows);
      // Logged once the case is read and checked, before it is handed out: a read the log cannot
      // record throws here, and nothing is disclosed.
      await parts.read(consentStatements.logDisclosure, [
        caseId,
        checked.at,
        checked.actor.role,
        checked.actor.id,
        checked.purpose,
        org,
        first.owner,
      ]);
      return { kind: 'disclosed', events };
    },
  };
}
