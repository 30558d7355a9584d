import { compareCaseIds } from '../case/caseId.js';
import { checkClaim, checkClaimRequest, notHeld } from './claimCheck.js';
import type { ArmedDeadline, ClaimRequest, ClaimResult, DeadlineClaim, DeadlineClaims, SettleResult } from './deadlineClaims.js';

interface ArmedRow {
  readonly caseId: string;
  /** The case's organisation; undefined for a case without one. */
  readonly organisation: string | undefined;
  readonly pathId: string;
  readonly deadlineId: string;
  readonly dueAt: string;
  readonly dueMillis: number;
  settled: boolean;
  attempts: number;
  workerId: string | undefined;
  leaseUntilMillis: number | undefined;
}

/** The memory store's armed deadlines: the rows the SQL stores keep in `kykypolku_deadlines`. @internal */
export interface MemoryDeadlines extends Omit<DeadlineClaims, 'casesToArm'> {
  /** After a projected append or rebuild: the case's armed deadlines become exactly `armed`, settled ones kept. */
  arm(caseId: string, pathId: string, armed: readonly ArmedDeadline[], organisation?: string): void;
  /** After an append without a projection: the case's unsettled deadlines are unknown until rebuilt. */
  disarm(caseId: string): void;
  /** The claims of one organisation's deadlines only, as a store opened for it sees them. */
  scoped(organisation: string): Omit<DeadlineClaims, 'casesToArm'>;
}

/** When a row may next be claimed: its due instant, or the end of the lease that holds it (as the SQL stores' `available_at`). */
const availableAt = (row: ArmedRow): number => row.leaseUntilMillis ?? row.dueMillis;

// One key per deadline id × due instant: the same instant written two ways is one deadline.
const keyOf = (deadlineId: string, dueMillis: number) => `${dueMillis}\u0000${deadlineId}`;

/** @internal */
export function createMemoryDeadlines(): MemoryDeadlines {
  const byCase = new Map<string, Map<string, ArmedRow>>();

  // A store opened for an organisation sees its rows only; an unscoped one (undefined) every row.
  const seenBy = (row: ArmedRow, scope: string | undefined) => scope === undefined || row.organisation === scope;

  function rowOf(caseId: string, deadlineId: string, dueMillis: number, scope: string | undefined): ArmedRow | undefined {
    const row = byCase.get(caseId)?.get(keyOf(deadlineId, dueMillis));
    return row && seenBy(row, scope) ? row : undefined;
  }

  function settle(operation: string, claim: DeadlineClaim, complete: boolean, scope: string | undefined): SettleResult {
    const checked = checkClaim(operation, claim);
    if (!checked.ok) return checked;
    const held = checked.claim;
    const row = rowOf(held.caseId, held.deadlineId, held.dueMillis, scope);
    if (!row) return notHeld(held, 'moot');
    if (row.settled) return notHeld(held, 'settled');
    if (row.attempts !== held.attempt || row.workerId !== held.workerId) return notHeld(held, 'claimedAgain');
    if (complete) row.settled = true;
    row.workerId = undefined;
    row.leaseUntilMillis = undefined;
    return { ok: true };
  }

  async function claimDue(request: ClaimRequest, scope: string | undefined): Promise<ClaimResult> {
    const checked = checkClaimRequest(request);
    if (!checked.ok) return checked;
    const { nowMillis, limit, workerId, leaseUntil } = checked.request;
    const due: ArmedRow[] = [];
    for (const rows of byCase.values())
      for (const row of rows.values()) if (!row.settled && availableAt(row) <= nowMillis && seenBy(row, scope)) due.push(row);
    due.sort((a, b) => availableAt(a) - availableAt(b) || compareArmed(a, b));
    // Which rows: soonest available first; in what order they come back: by due instant, as on the SQL stores.
    const claims = due
      .slice(0, limit)
      .sort(compareArmed)
      .map((row): DeadlineClaim => {
        row.attempts++;
        row.workerId = workerId;
        row.leaseUntilMillis = Date.parse(leaseUntil);
        return {
          caseId: row.caseId,
          pathId: row.pathId,
          deadlineId: row.deadlineId,
          dueAt: row.dueAt,
          workerId,
          leaseUntil,
          attempt: row.attempts,
        };
      });
    return { ok: true, claims };
  }

  return {
    arm(caseId, pathId, armed, organisation) {
      const previous = byCase.get(caseId) ?? new Map<string, ArmedRow>();
      const next = new Map<string, ArmedRow>();
      for (const { id, dueAt } of armed) {
        const dueMillis = Date.parse(dueAt);
        const key = keyOf(id, dueMillis);
        next.set(
          key,
          previous.get(key) ?? {
            caseId,
            organisation,
            pathId,
            deadlineId: id,
            dueAt,
            dueMillis,
            settled: false,
            attempts: 0,
            workerId: undefined,
            leaseUntilMillis: undefined,
          },
        );
      }
      if (next.size === 0) byCase.delete(caseId);
      else byCase.set(caseId, next);
    },
    disarm(caseId) {
      const rows = byCase.get(caseId);
      if (!rows) return;
      for (const [key, row] of rows) if (!row.settled) rows.delete(key);
      if (rows.size === 0) byCase.delete(caseId);
    },
    claimDueDeadlines: (request) => claimDue(request, undefined),
    completeDeadline: async (claim) => settle('completeDeadline', claim, true, undefined),
    releaseDeadline: async (claim) => settle('releaseDeadline', claim, false, undefined),
    scoped: (organisation) => ({
      claimDueDeadlines: (request) => claimDue(request, organisation),
      completeDeadline: async (claim) => settle('completeDeadline', claim, true, organisation),
      releaseDeadline: async (claim) => settle('releaseDeadline', claim, false, organisation),
    }),
  };
}

/** The order claims are handed out in on every store: due instant, then case id, then deadline id (bytewise). @internal */
export function compareArmed(
  a: { readonly dueAt: string; readonly caseId: string; readonly deadlineId: string },
  b: { readonly dueAt: string; readonly caseId: string; readonly deadlineId: string },
): number {
  return Date.parse(a.dueAt) - Date.parse(b.dueAt) || compareCaseIds(a.caseId, b.caseId) || compareCaseIds(a.deadlineId, b.deadlineId);
}
