import type { RecordedEvent } from '../path/recordedEvent.js';
import type { ScanOptions } from './scanOptions.js';
import type { ArmedDeadline } from '../deadlines/deadlineClaims.js';

/**
 * A case's current state as a store keeps it for queries across cases: written with the events in
 * the same transaction, so the two never disagree. Made by `projectCase(caseRef)`.
 */
export interface CaseProjection {
  /** The state as one readable string (`contacted`, `active.review`). */
  readonly state: string;
  readonly status: 'open' | 'closed';
  /** The professional responsible now, from the definition's `assigneeOf`. */
  readonly assignee: string | undefined;
  /** The earliest `dueAt` of the definition's deadlines (an ISO instant); none once closed. */
  readonly nextDueAt: string | undefined;
  /**
   * Every deadline the definition says is due for the open case (none once closed): the store arms
   * exactly these for `claimDueDeadlines`, written with the events. Left out, the case arms none.
   */
  readonly deadlines?: readonly ArmedDeadline[];
}

/** One case as `listCases` returns it: its projection and where its log stands. */
export interface CaseSummary extends Omit<CaseProjection, 'deadlines'> {
  readonly caseId: string;
  readonly pathId: string;
  /** The version of the case's last event: the version it is on now. */
  readonly pathVersion: number;
  readonly seq: number;
  /** `at` of the case's last event. */
  readonly lastEventAt: string;
}

/**
 * Which cases to list; every field given must match. Results are ordered by next deadline
 * (cases without one last), then by case id.
 */
export interface CaseQuery {
  readonly pathId?: string;
  /** The state's readable string, exactly (`active.review`). */
  readonly state?: string;
  readonly status?: 'open' | 'closed';
  /** Open cases whose next deadline is earlier than this instant: the overdue list at `now`. */
  readonly dueBefore?: string;
  readonly assignee?: string;
  /** At most this many cases (default 100, at most 10 000). */
  readonly limit?: number;
}

/** Which cases to count: the open cases of one assignee, on one path or on all. */
export interface CaseloadQuery {
  readonly assignee: string;
  readonly pathId?: string;
}

/** A projection to write for a case whose log stood at `seq` when it was computed. */
export interface ProjectionUpdate {
  readonly caseId: string;
  readonly seq: number;
  /** `undefined` marks the case unprojected (it could not be replayed). */
  readonly projection: CaseProjection | undefined;
}

/**
 * The query side every store offers beside the {@link EventStore} port: one current-state row per
 * case, kept with the events.
 *
 * @example
 * ```ts
 * const overdue = await store.listCases({ pathId: 'workability-path', dueBefore: now });
 * const caseload = await store.countActiveCases({ assignee: 'coach-7' });
 * ```
 */
export interface CaseIndex {
  /** The projected cases that match, in deadline order. */
  listCases(query?: CaseQuery): Promise<readonly CaseSummary[]>;
  /** How many open cases an assignee holds: a coach's caseload. */
  countActiveCases(query: CaseloadQuery): Promise<number>;
  /**
   * Every case's events, case by case in case id order: an explicit scan, for rebuilding. A case
   * that cannot be read is reported to `onUnreadable` and left out, or throws without it.
   */
  readCases(options?: ScanOptions): AsyncIterable<readonly RecordedEvent[]>;
  /**
   * Writes projections computed from the events; a case whose log has moved past `seq` since is
   * left alone (its own append wrote a newer row). Resolves to how many rows were written or
   * removed.
   */
  writeProjections(updates: readonly ProjectionUpdate[]): Promise<number>;
}
