import { excerptOf } from '../clientExcerpt.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { replayCase, replayPrefix } from '../case/replayCase.js';
import { dueDatesOf, dueDateThroughMigration, restartedDueAt } from '../case/migratedDueDates.js';
import { deadlineDueAt } from '../case/typeErasure.js';
import type { AnyPathCase } from '../case/pathCase.js';
import type { DeadlineMigration } from '../path/deadline.js';
import { isoInstant } from '../time/instant.js';
import type { CaseIndex } from '../store/caseIndex.js';
import type { UnreadableCase } from '../store/scanOptions.js';
import { asCatalogue, type PathCatalogue } from './pathCatalogue.js';
import { replayFromCatalogue, type CatalogueReplayFailure } from './replayFromCatalogue.js';

/** A stored case the migration gate stops at. */
export interface MigrationBlocker {
  readonly caseId: string;
  /** The version the case is on now. */
  readonly fromVersion: number;
  /** Whether the case fails under the new version, or already under its own. */
  readonly under: 'own version' | 'new version';
  readonly failure: CatalogueReplayFailure;
}

/** How one deadline of a case that would move changes its due date. */
export interface MovedDueDate {
  /** The deadline rule's id (of the new version). */
  readonly id: string;
  /** The new version's reading for it. */
  readonly onMigration: DeadlineMigration;
  /** When it is due under the case's own version; absent when nothing is due there. */
  readonly oldDueAt?: string;
  /** When it would be due once moved; absent when the new version has nothing due. */
  readonly newDueAt?: string;
}

/** The due dates of one open case that would move, each deadline due under either version. */
export interface CaseDueDates {
  readonly caseId: string;
  readonly fromVersion: number;
  readonly deadlines: readonly MovedDueDate[];
}

/** Options of {@link checkMigration}. */
export interface CheckMigrationOptions {
  /**
   * The instant the cases would move (ISO 8601 with an offset): the first event each records under
   * the new version. Without it, each case is taken to move at its last event, the earliest it can.
   */
  readonly at?: string;
}

/** What {@link checkMigration} found. Output follows the store's case order. */
export interface MigrationReport {
  readonly path: { readonly id: string; readonly version: number };
  /** Cases of the path in the store. */
  readonly cases: number;
  /** Cases already on the new version (they replay under it). */
  readonly onTarget: number;
  /** Open cases on an older version that replay under the new one: they would move. */
  readonly wouldMove: number;
  /** Closed cases on an older version: they stay on it and replay with it. */
  readonly closedStaying: number;
  /** Cases on a version newer than the one checked. */
  readonly onNewer: number;
  /** Cases that would not replay, or would break a rule: the gate fails when there is any. */
  readonly blockers: readonly MigrationBlocker[];
  /**
   * Cases the store could not read (a row changed outside it: `TAMPERED_EVENT` with the seq), of
   * any path, since their path cannot be trusted: the gate fails when there is any. The check
   * carries on past each.
   */
  readonly unreadable: readonly UnreadableCase[];
  /** The instant given as `at`, if any. */
  readonly migratedAt?: string;
  /**
   * How the due dates of every open case that would move change (old due, new due, reading, per
   * deadline), for the cases with a deadline due under either version.
   */
  readonly dueDates: readonly CaseDueDates[];
}

function viewOf(caseRef: AnyPathCase) {
  return { value: caseRef.state.value, context: caseRef.state.context };
}

/** A case's due dates before and after a move at `migratedAt` (its last event when not given). */
function movedDueDates(own: AnyPathCase, moved: AnyPathCase, at: string | undefined): MovedDueDate[] {
  const history = own.history;
  const lastWrittenAt = history[history.length - 1]!.at;
  const migratedAt = at ?? lastWrittenAt;
  const oldDates = dueDatesOf(own.definition, history, viewOf(own), replayPrefix);
  const view = viewOf(moved);
  const listed: MovedDueDate[] = [];
  for (const rule of moved.definition.deadlines) {
    const onMigration = rule.onMigration ?? 'recompute';
    const oldDueAt = oldDates.get(rule.id);
    const newDueAt = dueDateThroughMigration(onMigration, {
      oldDueAt,
      newDueAt: deadlineDueAt(rule, history, view),
      restartDueAt: onMigration === 'restart' ? restartedDueAt(rule, history, view, migratedAt) : undefined,
      lastWrittenAt,
      migratedAt,
    });
    if (oldDueAt === undefined && newDueAt === undefined) continue;
    listed.push({
      id: rule.id,
      onMigration,
      ...(oldDueAt === undefined ? {} : { oldDueAt }),
      ...(newDueAt === undefined ? {} : { newDueAt }),
    });
  }
  return listed;
}

/**
 * The migration gate: replays every stored case of a path under a new version of it, through the
 * version's migrations, before anyone deploys it. Lists each case that would not replay or would
 * break a rule of the new version (naming the seq), and each case that no longer replays even
 * under its own version. Open cases on an older version are those the new version would move;
 * closed ones stay where they are.
 *
 * @example
 * ```ts
 * const report = await checkMigration(store, [reviewPathV1, reviewPathV2], { id: 'review-path', version: 2 });
 * if (report.blockers.length > 0 || report.unreadable.length > 0) process.exitCode = 1;
 * // How due dates move if the cases move on 1 June (each deadline's onMigration reading):
 * const target = { id: 'review-path', version: 2 };
 * const planned = await checkMigration(store, [reviewPathV1, reviewPathV2], target, { at: '2025-06-01T00:00:00Z' });
 * for (const { caseId, deadlines } of planned.dueDates) console.log(caseId, deadlines);
 * ```
 */
export async function checkMigration<D extends AnyPathDefinition>(
  store: Pick<CaseIndex, 'readCases'>,
  catalogue: PathCatalogue<D> | readonly D[],
  target: { readonly id: string; readonly version: number },
  options: CheckMigrationOptions = {},
): Promise<MigrationReport> {
  const paths = asCatalogue(catalogue);
  const at = options.at;
  if (at !== undefined && !isoInstant.safeParse(at).success)
    throw new RangeError(`checkMigration: at must be an ISO 8601 instant with an offset, e.g. 2025-05-01T00:00:00Z`);
  const definition = paths.get(target.id, target.version);
  if (!definition) throw new TypeError(`checkMigration: the catalogue holds no ${excerptOf(target.id)}@${excerptOf(target.version)}`);
  let cases = 0;
  let onTarget = 0;
  let wouldMove = 0;
  let closedStaying = 0;
  let onNewer = 0;
  const blockers: MigrationBlocker[] = [];
  const unreadable: UnreadableCase[] = [];
  const dueDates: CaseDueDates[] = [];
  for await (const events of store.readCases({ onUnreadable: (problem) => void unreadable.push(problem) })) {
    const last = events[events.length - 1]!;
    if (last.path.id !== target.id) continue;
    cases++;
    const caseId = last.caseId;
    const fromVersion = last.path.version;
    if (fromVersion > target.version) {
      onNewer++;
      continue;
    }
    const own = replayFromCatalogue(paths, events, { caseId });
    if (!own.ok) {
      blockers.push({ caseId, fromVersion, under: 'own version', failure: own.failure });
      continue;
    }
    if (fromVersion === target.version) {
      onTarget++;
      continue;
    }
    if (own.case.state.status === 'closed') {
      closedStaying++;
      continue;
    }
    const moved = replayCase(definition, events, { caseId });
    if (moved.ok) {
      wouldMove++;
      const deadlines = movedDueDates(own.case, moved.case, at);
      if (deadlines.length > 0) dueDates.push({ caseId, fromVersion, deadlines });
    } else blockers.push({ caseId, fromVersion, under: 'new version', failure: moved.failure });
  }
  return {
    path: { id: target.id, version: target.version },
    cases,
    onTarget,
    wouldMove,
    closedStaying,
    onNewer,
    blockers,
    unreadable,
    ...(at === undefined ? {} : { migratedAt: at }),
    dueDates,
  };
}
