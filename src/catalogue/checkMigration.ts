import { excerptOf } from '../clientExcerpt.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { replayCase } from '../case/replayCase.js';
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
 * ```
 */
export async function checkMigration<D extends AnyPathDefinition>(
  store: Pick<CaseIndex, 'readCases'>,
  catalogue: PathCatalogue<D> | readonly D[],
  target: { readonly id: string; readonly version: number },
): Promise<MigrationReport> {
  const paths = asCatalogue(catalogue);
  const definition = paths.get(target.id, target.version);
  if (!definition) throw new TypeError(`checkMigration: the catalogue holds no ${excerptOf(target.id)}@${excerptOf(target.version)}`);
  let cases = 0;
  let onTarget = 0;
  let wouldMove = 0;
  let closedStaying = 0;
  let onNewer = 0;
  const blockers: MigrationBlocker[] = [];
  const unreadable: UnreadableCase[] = [];
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
    if (moved.ok) wouldMove++;
    else blockers.push({ caseId, fromVersion, under: 'new version', failure: moved.failure });
  }
  return { path: { id: target.id, version: target.version }, cases, onTarget, wouldMove, closedStaying, onNewer, blockers, unreadable };
}
