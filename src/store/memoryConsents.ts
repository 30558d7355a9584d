import type { ConsentChange } from './consent.js';

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
    forget(caseId) {
      rows.delete(caseId);
    },
  };
}
