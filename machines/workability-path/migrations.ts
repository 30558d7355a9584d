import type { MigratedEventFor, PathMigration, RecordedEvent } from '../../src/path/index.js';
import type { WorkabilityEventsV2 } from './events.js';

/**
 * A version-1 event in version-2 terms. Every event keeps its type and payload but one: a v1
 * `COORDINATOR_ASSIGNED` with `asCaseManager: false` for a client with no social-care own-worker left the case
 * with no case manager, which version 2 refuses. S1 `001_55550c4af1568658.txt`:167 says who the case manager is
 * from the own-worker alone ("Työkykykoordinaattori toimii niiden asiakkaiden asiakasvastaavana, joilla ei ole
 * sosiaalihuollon omatyöntekijää"), so such a case's coordinator was its case manager, and version 2 reads the
 * event so. The stored event never changes; this reading runs again whenever a moved case is loaded, so it must
 * never change either.
 */
export function workabilityEventInV2(event: RecordedEvent): MigratedEventFor<WorkabilityEventsV2> {
  const { type, payload } = event;
  if (type === 'COORDINATOR_ASSIGNED') {
    const assigned = payload as { readonly asCaseManager: boolean; readonly clientHasSocialCareOwnWorker: boolean };
    if (!assigned.asCaseManager && !assigned.clientHasSocialCareOwnWorker) {
      return { type, payload: { asCaseManager: true, clientHasSocialCareOwnWorker: false } };
    }
  }
  // Every other v1 event is one of v2's, which declares it with the same schema.
  return { type, payload } as MigratedEventFor<WorkabilityEventsV2>;
}

/** How open version-1 cases move to version 2: through {@link workabilityEventInV2}. */
export const workabilityMigrationsV2: readonly PathMigration<WorkabilityEventsV2>[] = [{ from: 1, event: workabilityEventInV2 }];
