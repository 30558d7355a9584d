/** A closed case as the store's case rows hold it: what a retention plan starts from. */
export interface ClosedCase {
  readonly caseId: string;
  readonly pathId: string;
  /** The version of the case's last event. */
  readonly pathVersion: number;
  /** The seq of the case's last event. */
  readonly seq: number;
  /** `at` of the case's last event: the closing of the matter, since a closed case takes no more events. */
  readonly closedAt: string;
}

/**
 * What a purge leaves of a case: the store's evidence that the case was destroyed on purpose, which
 * its integrity checks accept in place of the case. Holds codes, instants and counts, no event.
 */
export interface ErasureReceipt {
  readonly caseId: string;
  readonly pathId: string;
  readonly pathVersion: number;
  /** `at` of the case's last event. */
  readonly closedAt: string;
  /** The instant the purge was asked for (its `now`): the library reads no clock. */
  readonly purgedAt: string;
  /** How many events were destroyed: the case's seq. */
  readonly eventCount: number;
  /**
   * The case's head link: its last event's digest chained to every one before it (HMAC under the
   * store's integrity key, SHA-256 without one; the memory store chains as an SQL store without a key).
   */
  readonly lastChain: string;
  /**
   * The organisation (data controller) the case belonged to, when it had one (schema step 9): a
   * store opened for an organisation lists only its own receipts. Absent on receipts of cases that
   * had none, and on receipts written before step 9.
   */
  readonly organisation?: string;
}

/** One case to purge, as a plan lists it: the purge refuses a case that has moved since. */
export interface PurgeCaseRequest {
  readonly caseId: string;
  /** The seq the plan saw. */
  readonly expectedSeq: number;
  /** The closing instant the plan saw (the last event's `at`). */
  readonly closedAt: string;
  /** The instant of the purge. */
  readonly purgedAt: string;
}

/** The answer of a purge of one case: its receipt, or why the case was left whole. */
export type PurgeCaseResult =
  | { readonly ok: true; readonly receipt: ErasureReceipt; readonly failure?: never }
  | { readonly ok: false; readonly failure: PurgeCaseFailure; readonly receipt?: never };

/** Why one case was not purged. Nothing of it was deleted. */
export type PurgeCaseFailure =
  | {
      /** The case is no longer what the plan saw: more events, another closing instant, reopened, or gone. */
      readonly code: 'CASE_CHANGED';
      readonly message: string;
      readonly caseId: string;
    }
  | {
      /** The case's stored events do not verify: a tampered case is kept for the auditor, never purged. */
      readonly code: 'TAMPERED_EVENT';
      readonly message: string;
      readonly caseId: string;
      readonly seq: number;
    }
  | {
      /**
       * The store is opened for an organisation: destroying cases is the administrator's (the store
       * opened without one, on a server the role that migrated the schema). Nothing was read or deleted.
       */
      readonly code: 'PURGE_NOT_PERMITTED';
      readonly message: string;
      readonly caseId: string;
    };

/** A page of a scan in case id order: the cases after `afterCaseId`, at most `limit`. */
export interface CasePage {
  /** '' for the first page. */
  readonly afterCaseId: string;
  /** 1 to 10 000. */
  readonly limit: number;
}

/**
 * The retention side every store offers: the closed cases to plan over, a purge of one case in one
 * transaction (events, case row, armed deadlines, head), and the receipts it leaves.
 *
 * @example
 * ```ts
 * const page = await store.closedCases({ afterCaseId: '', limit: 1000 });
 * ```
 */
export interface RetentionStore {
  /**
   * The organisation the store is opened for, when it is: such a store plans over its own cases and
   * lists its own receipts, but refuses to purge (`PURGE_NOT_PERMITTED`). Undefined: the administrator's.
   */
  readonly organisation?: string;
  /** Closed cases with a current case row, in case id order. */
  closedCases(page: CasePage): Promise<readonly ClosedCase[]>;
  /**
   * Deletes one closed case whole and writes its {@link ErasureReceipt}, in one transaction: all of
   * it, or (refused, or interrupted) nothing. Checks the case's chain first.
   */
  purgeCase(request: PurgeCaseRequest): Promise<PurgeCaseResult>;
  /** The receipts of purged cases, in case id order. */
  erasureReceipts(page: CasePage): Promise<readonly ErasureReceipt[]>;
}

/** Checks a page argument before any SQL, as every store does. @internal */
export function checkCasePage(page: CasePage): CasePage {
  if (typeof page?.afterCaseId !== 'string' || page.afterCaseId.length > 1000 || page.afterCaseId.includes('\u0000'))
    throw new RangeError('afterCaseId must be a case id, or "" for the first page');
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 10_000)
    throw new RangeError('limit must be an integer from 1 to 10 000');
  return page;
}
