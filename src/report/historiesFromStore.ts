import type { RecordedEvent } from '../path/recordedEvent.js';
import type { CaseIndex } from '../store/caseIndex.js';
import type { EventStore } from '../store/eventStore.js';
import type { ScanOptions } from '../store/scanOptions.js';

function readsWholeCases(store: EventStore): store is EventStore & Pick<CaseIndex, 'readCases'> {
  return typeof (store as Partial<CaseIndex>).readCases === 'function';
}

/**
 * Reads every case of one path from an event store, as histories for the report. A store that
 * reads whole cases (every built-in store: `readCases`) gives them case by case; any other store is
 * read event by event (`readAll`) and grouped by case, then seq. A case that cannot be read (a
 * tampered event) is left out and reported to `onUnreadable`, and every other case is read; without
 * `onUnreadable`, the store's error is thrown.
 *
 * @example
 * ```ts
 * const unreadable: UnreadableCase[] = [];
 * const histories = await historiesFromStore(store, 'workability-path', { onUnreadable: (problem) => unreadable.push(problem) });
 * const report = await buildReport([{ definition: workabilityPath, histories, casesFrom: 'production store' }]);
 * ```
 */
export async function historiesFromStore(store: EventStore, pathId: string, options: ScanOptions = {}): Promise<RecordedEvent[][]> {
  if (readsWholeCases(store)) {
    const histories: RecordedEvent[][] = [];
    // One yield per case rather than per event: a report reads the whole store once per path.
    for await (const history of store.readCases(options)) {
      if (history[0]?.path.id === pathId) histories.push([...history]);
    }
    return histories;
  }
  const byCase = new Map<string, RecordedEvent[]>();
  const unreadable = new Set<string>();
  const scan: ScanOptions = options.onUnreadable
    ? {
        onUnreadable: (problem) => {
          unreadable.add(problem.caseId);
          options.onUnreadable!(problem);
        },
      }
    : {};
  for await (const event of store.readAll(scan)) {
    if (event.path.id !== pathId) continue;
    const history = byCase.get(event.caseId);
    if (history) history.push(event);
    else byCase.set(event.caseId, [event]);
  }
  // readAll gives an unreadable case's events up to the bad one: the report leaves the case out whole.
  for (const caseId of unreadable) byCase.delete(caseId);
  for (const history of byCase.values()) history.sort((a, b) => a.seq - b.seq);
  return [...byCase.values()];
}
