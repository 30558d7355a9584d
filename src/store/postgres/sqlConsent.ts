import type { RecordedEvent } from '../../path/recordedEvent.js';
import type { CaseAccess } from '../accessLog.js';
import { checkedAccess } from '../accessLogRows.js';
import type { ConsentChange, SharedRead } from '../consent.js';
import type { EventRow } from './eventRow.js';
import type { SqlSession } from './sqlClient.js';
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
