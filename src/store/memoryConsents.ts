import type { ConsentChange, ConsentRow as RebuiltRow } from './consent.js';

/** One consent as the memory store keeps it: the row schema step 8 keeps on a server. */
interface ConsentRow {
  readonly grantee: string;
  readonly owner: string;
  readonly givenSeq: number;
  withdrawnSeq: number | undefined;
}

/** Where a consent for one organisation stands on one case. @internal */
export type ConsentStanding = 'none' | 'inForce' | 'withdrawn';

/** The memory store's consent rows, shared by every view of its data. @internal */
export interface MemoryConsents {
  /** Applies an append's changes to a case of `owner` (nothing for an unassigned case, or a consent to the owner itself). */
  apply(caseId: string, owner: string | undefined, changes: readonly ConsentChange[]): void;
  standing(caseId: string, grantee: string): ConsentStanding;
  /**
   * Adds the rows a case of `owner` lacks and withdraws those its events withdraw, as a server's
   * rebuild does (rows for the owner itself, or on an unassigned case, are none): the rows written.
   */
  restore(caseId: string, owner: string | undefined, rebuilt: readonly RebuiltRow[]): number;
  /** Drops a purged case's consents, so a case begun again under its id is shared with no one. */
  forget(caseId: string): void;
}

/** @internal */
export function createMemoryConsents(): MemoryConsents {
  const rows = new Map<string, ConsentRow[]>();
  return {
    apply(caseId, owner, changes) {
      if (owner === undefined) return;
      for (const change of changes) {
        if (change.grantee === owner) continue;
        const held = rows.get(caseId) ?? [];
        if (change.change === 'given') held.push({ grantee: change.grantee, owner, givenSeq: change.seq, withdrawnSeq: undefined });
        else for (const row of held) if (row.grantee === change.grantee && row.withdrawnSeq === undefined) row.withdrawnSeq = change.seq;
        rows.set(caseId, held);
      }
    },
    standing(caseId, grantee) {
      const held = (rows.get(caseId) ?? []).filter((row) => row.grantee === grantee);
      if (held.length === 0) return 'none';
      return held.some((row) => row.withdrawnSeq === undefined) ? 'inForce' : 'withdrawn';
    },
    restore(caseId, owner, rebuilt) {
      if (owner === undefined) return 0;
      const held = rows.get(caseId) ?? [];
      let written = 0;
      for (const row of rebuilt) {
        if (row.grantee === owner) continue;
        const kept = held.find((candidate) => candidate.grantee === row.grantee && candidate.givenSeq === row.givenSeq);
        if (kept === undefined) {
          held.push({ grantee: row.grantee, owner, givenSeq: row.givenSeq, withdrawnSeq: row.withdrawnSeq });
          written++;
        } else if (kept.withdrawnSeq === undefined && row.withdrawnSeq !== undefined) {
          kept.withdrawnSeq = row.withdrawnSeq;
          written++;
        }
      }
      if (held.length > 0) rows.set(caseId, held);
      return written;
    },
    forget(caseId) {
      rows.delete(caseId);
    },
  };
}
