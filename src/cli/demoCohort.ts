import { createHash } from 'node:crypto';
import type { AnyPathCase } from '../case/pathCase.js';
import type { RejectionCode } from '../case/rejection.js';
import { simulateCohort } from '../cohort/simulateCohort.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { CaseProjection } from '../store/caseIndex.js';
import { projectCase } from '../store/projectCase.js';

/**
 * One simulated case of the demo as plain data: what the demo stores (the history and its
 * current-state row), and what it compares the replayed case with (a digest of the live case's
 * state and history as JSON). Plain data, so it can come from a worker thread; the live case itself
 * is not kept, so five cohorts of live cases are never in memory at once. @internal
 */
export interface DemoCase {
  readonly caseId: string;
  readonly history: readonly RecordedEvent[];
  readonly projection: CaseProjection;
  /** {@link liveCaseDigest} of the live case: a replay must give the same. */
  readonly liveDigest: string;
  /** `closed: <outcome>` or `open: <state>`, the line of the summary's "cases by end state" it counts in. */
  readonly endState: string;
}

/** What a cohort produced over all its cases, as {@link simulateCohort} counts it. @internal */
export interface DemoCohortTotals {
  readonly recorded: number;
  readonly rejections: Readonly<Partial<Record<RejectionCode, number>>>;
  readonly faultsNotRejected: number;
  readonly reached: Readonly<Record<string, number>>;
}

/** How many cases go in one batch handed on: few enough to start storing early, enough to keep messages few. @internal */
export const demoCaseBatch = 50;

/**
 * SHA-256 of a case's state and history as JSON (`JSON.stringify`, one line each): equal digests
 * are equal texts, and the demo keeps 64 characters a case instead of ~21 MB of text for the
 * 5 000 cases it compares after storing them, while PGlite's memory is at its largest. @internal
 */
export function liveCaseDigest(caseRef: { readonly state: unknown; readonly history: unknown }): string {
  // JSON.stringify writes no raw line break, so the line break between the two texts is unambiguous.
  return createHash('sha256').update(JSON.stringify(caseRef.state)).update('\n').update(JSON.stringify(caseRef.history)).digest('hex');
}

/** The demo's plain-data view of a live case. @internal */
export function demoCaseOf(live: AnyPathCase): DemoCase {
  return {
    caseId: live.caseId,
    history: live.history,
    projection: projectCase(live),
    liveDigest: liveCaseDigest(live),
    endState: live.state.status === 'closed' ? `closed: ${live.state.outcome ?? 'no reason'}` : `open: ${live.stateName}`,
  };
}

/**
 * Simulates the demo's cohort of one path and hands its cases on in batches of
 * {@link demoCaseBatch}, in order, as each batch's walks are over; returns the cohort's totals.
 * The same seed gives the same cases, in a worker thread or in this one. @internal
 */
export function simulateDemoCohort(
  definition: AnyPathDefinition,
  clients: number,
  seed: number,
  onBatch: (cases: DemoCase[]) => void,
): DemoCohortTotals {
  let batch: DemoCase[] = [];
  const cohort = simulateCohort(definition, {
    clients,
    seed,
    // Each case is handed on as plain data: the live cases need not stay for the result.
    keepCases: false,
    onCase: (live) => {
      batch.push(demoCaseOf(live));
      if (batch.length === demoCaseBatch) {
        onBatch(batch);
        batch = [];
      }
    },
  });
  if (batch.length > 0) onBatch(batch);
  return { recorded: cohort.recorded, rejections: cohort.rejections, faultsNotRejected: cohort.faultsNotRejected, reached: cohort.reached };
}
