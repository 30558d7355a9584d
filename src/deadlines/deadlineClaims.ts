/**
 * A deadline of a case as a store keeps it armed: which deadline, and the instant it falls due.
 * `projectCase` lists every deadline the definition says is due for an open case; the store keeps
 * one row per case × deadline id × due instant in step with the case's appends.
 */
export interface ArmedDeadline {
  /** The deadline rule's id. */
  readonly id: string;
  /** The ISO instant it falls due, as the rule computed it. */
  readonly dueAt: string;
}

/** What {@link DeadlineClaims.claimDueDeadlines} is asked for. */
export interface ClaimRequest {
  /** The instant to claim at (ISO 8601 with an offset): a deadline is due once `dueAt <= now`. The caller's clock. */
  readonly now: string;
  /** At most this many claims (1 to {@link largestClaimBatch}). */
  readonly limit: number;
  /** Who claims: a worker's stable name (1 to 200 printable characters), kept on the claim. */
  readonly workerId: string;
  /**
   * How long the claim is held, in milliseconds (1 000 to 86 400 000): until `now + lease` no other
   * worker is handed the deadline; after that, a claim not settled is handed out again.
   */
  readonly lease: number;
}

/** The most claims one call hands out. */
export const largestClaimBatch = 10_000;

/**
 * A due deadline handed to one worker. Settle it with `completeDeadline(claim)` once its notice
 * went out (or its event was recorded), or give it back with `releaseDeadline(claim)`.
 */
export interface DeadlineClaim {
  readonly caseId: string;
  readonly pathId: string;
  readonly deadlineId: string;
  /** The due instant, as the deadline rule computed it. */
  readonly dueAt: string;
  readonly workerId: string;
  /** When the lease ends (ISO, UTC): `now + lease`. */
  readonly leaseUntil: string;
  /** Which claim of this deadline this is (1 for the first): a claim handed out again has a higher one. */
  readonly attempt: number;
}

/** Why a deadline call did nothing. Nothing changed in the store. */
export type DeadlineFailure =
  | {
      /** A field of the request is outside what the call takes; `field` names it. */
      readonly code: 'INVALID_DEADLINE_REQUEST';
      readonly message: string;
      readonly field: 'request' | 'now' | 'limit' | 'workerId' | 'lease' | 'claim';
    }
  | {
      /**
       * The claim is no longer this worker's: its lease ran out and another worker claimed the
       * deadline, it was already settled, or the case's deadline was met or moved since (`moot`).
       */
      readonly code: 'CLAIM_NOT_HELD';
      readonly message: string;
      readonly caseId: string;
      readonly deadlineId: string;
      readonly reason: 'claimedAgain' | 'settled' | 'moot';
    }
  | { readonly code: 'STORE_UNAVAILABLE'; readonly message: string }
  | { readonly code: 'STORE_FAILED'; readonly message: string; readonly sqlState: string | undefined };

/** The failure codes of the deadline calls. */
export type DeadlineFailureCode = DeadlineFailure['code'];

/** Due deadlines claimed (possibly none), or why none were. */
export type ClaimResult =
  | { readonly ok: true; readonly claims: readonly DeadlineClaim[]; readonly failure?: never }
  | { readonly ok: false; readonly failure: DeadlineFailure; readonly claims?: never };

/** A claim settled or released, or why not. */
export type SettleResult = { readonly ok: true; readonly failure?: never } | { readonly ok: false; readonly failure: DeadlineFailure };

/**
 * Due deadlines, each handed to exactly one worker: every store keeps the deadlines its open cases
 * have armed (written with their events), so several workers, even in several processes on one
 * PostgreSQL database, can poll without ever firing a deadline twice. A deadline met or made moot
 * before it is claimed is never handed out; one whose due instant moves is armed again at the new
 * instant; a settled one is never handed out again for the same due instant.
 *
 * @example
 * ```ts
 * const claimed = await store.claimDueDeadlines({ now, limit: 100, workerId: 'worker-1', lease: 60_000 });
 * if (claimed.ok) for (const claim of claimed.claims) {
 *   console.log(JSON.stringify(claim)); // the host's notifier
 *   await store.completeDeadline(claim);
 * }
 * ```
 */
export interface DeadlineClaims {
  /**
   * Claims up to `limit` deadlines due at `now` that no worker holds, soonest available first (by
   * due instant, or by the end of the lease a claim handed out again ran out at).
   */
  claimDueDeadlines(request: ClaimRequest): Promise<ClaimResult>;
  /** Settles a claim: the deadline is never handed out again for this due instant. */
  completeDeadline(claim: DeadlineClaim): Promise<SettleResult>;
  /** Gives a claim back before its lease ends: the next claim at or after its due instant gets it. */
  releaseDeadline(claim: DeadlineClaim): Promise<SettleResult>;
  /**
   * Up to `limit` open cases whose deadlines were never armed: cases stored before the store kept
   * armed deadlines (schema version 3). `openCaseStore(...).armDeadlines()` replays and arms them.
   */
  casesToArm(limit: number): Promise<readonly string[]>;
}
