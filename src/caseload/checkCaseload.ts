import { excerptOf } from '../clientExcerpt.js';

/**
 * Anything that can count a professional's active cases on a path: the in-memory caseload index,
 * or a store that keeps a projection of its cases.
 */
export interface ActiveCaseCounter {
  countActiveCases(query: { readonly pathId: string; readonly assignee: string }): Promise<number>;
}

/** How many active clients one professional may have. */
export interface CaseloadPolicy {
  /** Active clients per full-time professional. Default 20, the IPS fidelity anchor (S1 `001_55550c4af1568658.txt`:243). */
  readonly capPerFullTime?: number;
  /**
   * The share of the professional's time spent on client work, in (0, 1]. Essote's coaches did half
   * client work, half development, so 0.5 × 20 = 10 clients (S1:243). Default 1.
   */
  readonly fte?: number;
}

/** Why an assignment should not go ahead. */
export interface CaseloadRejection {
  readonly code: 'CASELOAD_FULL';
  readonly message: string;
  readonly assignee: string;
  readonly active: number;
  readonly cap: number;
}

/** The result of {@link checkCaseload}: room for one more, or full. */
export type CaseloadCheck =
  | { readonly ok: true; readonly active: number; readonly cap: number; readonly rejection?: never }
  | { readonly ok: false; readonly rejection: CaseloadRejection; readonly active?: never; readonly cap?: never };

/**
 * The cap for a professional: `capPerFullTime` pro-rated by `fte`, rounded down. Throws a
 * `RangeError` for a policy that is not a positive cap and an fte in (0, 1].
 *
 * @example
 * ```ts
 * caseloadCap({ fte: 0.5 }); // 10, Essote's cap (S1:243)
 * ```
 */
export function caseloadCap(policy: CaseloadPolicy = {}): number {
  const capPerFullTime = policy.capPerFullTime ?? 20;
  const fte = policy.fte ?? 1;
  if (!Number.isInteger(capPerFullTime) || capPerFullTime < 1) {
    throw new RangeError(`capPerFullTime must be a positive integer, got ${excerptOf(capPerFullTime)}`);
  }
  if (!(fte > 0 && fte <= 1)) throw new RangeError(`fte must be in (0, 1], got ${excerptOf(fte)}`);
  return Math.floor(capPerFullTime * fte);
}

/**
 * Checks, before assigning a professional (an IPS coach), that their active caseload on the path has
 * room for one more client. A caseload is a resource across cases, not a rule of one case's path, so
 * the host calls this when assigning; the path never refuses an event for it.
 *
 * @example
 * ```ts
 * const check = await checkCaseload(index, { pathId: 'ips-job-coaching', assignee: 'coach-7' }, { fte: 0.5 });
 * if (!check.ok) return showFull(check.rejection); // CASELOAD_FULL, 10 of 10
 * ipsCase.record({ type: 'COACH_ASSIGNED', at, actor: { role: 'coach', id: 'coach-7' } });
 * ```
 */
export async function checkCaseload(
  counter: ActiveCaseCounter,
  query: { readonly pathId: string; readonly assignee: string },
  policy: CaseloadPolicy = {},
): Promise<CaseloadCheck> {
  const cap = caseloadCap(policy);
  const active = await counter.countActiveCases(query);
  if (active >= cap) {
    return {
      ok: false,
      rejection: {
        code: 'CASELOAD_FULL',
        message: `'${excerptOf(query.assignee)}' already has ${active} active cases on ${excerptOf(query.pathId)}; the cap is ${cap}`,
        assignee: query.assignee,
        active,
        cap,
      },
    };
  }
  return { ok: true, active, cap };
}
