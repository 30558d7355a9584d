import { excerptOf } from '../clientExcerpt.js';
import { pathIdMaxLength } from '../schema/codeStrings.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { PathCase } from '../case/pathCase.js';
import type { PathVersion } from '../path/recordedEvent.js';
import { replayCase, type ReplayFailure } from '../case/replayCase.js';
import { asCatalogue, type PathCatalogue } from './pathCatalogue.js';
import { tracedReplay } from '../telemetry/tracedReplay.js';

/** Why a log could not be replayed from a catalogue: a replay failure, or a path it lacks. */
export type CatalogueReplayFailure =
  | ReplayFailure
  | {
      /** The log's last event names a path version the catalogue does not hold. */
      readonly code: 'UNKNOWN_PATH_VERSION';
      readonly message: string;
      readonly seq: number;
      readonly path: PathVersion;
    };

/** The result of {@link replayFromCatalogue}. */
export type CatalogueReplayResult<D extends AnyPathDefinition> =
  | { readonly ok: true; readonly case: PathCase<D>; readonly failure?: never }
  | { readonly ok: false; readonly failure: CatalogueReplayFailure; readonly case?: never };

function lastPathOf(events: readonly unknown[]): { seq: number; path: PathVersion } | undefined {
  const last = events[events.length - 1] as { seq?: unknown; path?: { id?: unknown; version?: unknown } } | undefined;
  const path = last?.path;
  // A path id longer than any path's can name no version in the catalogue; replay calls it malformed.
  if (typeof path?.id !== 'string' || path.id.length > pathIdMaxLength || typeof path.version !== 'number') return undefined;
  return { seq: typeof last?.seq === 'number' ? last.seq : events.length, path: { id: path.id, version: path.version } };
}

/**
 * Rebuilds a stored case with the path version it was recorded under: the version of its last
 * event. Earlier events of an older version (a case that was moved by a migration) are replayed
 * through that version's migration. Every event is checked again, as `replayCase` does.
 *
 * @example
 * ```ts
 * const catalogue = createPathCatalogue([reviewPathV1, reviewPathV2]);
 * const replayed = replayFromCatalogue(catalogue, await store.read('case-1'));
 * if (replayed.ok) replayed.case.definition.version; // 1 for a case never moved to v2
 * ```
 */
export function replayFromCatalogue<D extends AnyPathDefinition>(
  catalogue: PathCatalogue<D> | readonly D[],
  events: readonly unknown[],
  options: { readonly caseId?: string } = {},
): CatalogueReplayResult<D> {
  // The path is named in the span only when the catalogue holds it: a log may name anything.
  const knownPath = () => {
    const path = lastPathOf(events)?.path;
    const known = path !== undefined && asCatalogue(catalogue).pathIds.includes(path.id);
    return { id: known ? path.id : undefined, version: path?.version };
  };
  return tracedReplay(Array.isArray(events) ? events.length : 0, knownPath, () => replayWithin(catalogue, events, options));
}

function replayWithin<D extends AnyPathDefinition>(
  catalogue: PathCatalogue<D> | readonly D[],
  events: readonly unknown[],
  options: { readonly caseId?: string },
): CatalogueReplayResult<D> {
  const last = lastPathOf(events);
  const definition = last ? asCatalogue(catalogue).get(last.path.id, last.path.version) : undefined;
  if (last && !definition) {
    return {
      ok: false,
      failure: {
        code: 'UNKNOWN_PATH_VERSION',
        message: `seq ${last.seq} was recorded under ${excerptOf(last.path.id)}@${last.path.version}, which the catalogue does not hold`,
        seq: last.seq,
        path: last.path,
      },
    };
  }
  if (!definition) {
    // An empty or malformed log: replayCase names the fault the same way it always does.
    const anyDefinition = asCatalogue(catalogue).definitions[0];
    if (!anyDefinition) throw new TypeError('replayFromCatalogue: the catalogue is empty');
    return replayCase(anyDefinition, events, options);
  }
  return replayCase(definition, events, options);
}
