import type { RecordedEvent } from '../path/recordedEvent.js';
import type { EventStore } from '../store/eventStore.js';

/**
 * Reads every case of one path from an event store, as histories for the report: events grouped
 * by case, in the order the store gives them (by case, then seq).
 *
 * @example
 * ```ts
 * const histories = await historiesFromStore(store, 'workability-path');
 * const report = await buildReport([{ definition: workabilityPath, histories, casesFrom: 'production store' }]);
 * ```
 */
export async function historiesFromStore(store: EventStore, pathId: string): Promise<RecordedEvent[][]> {
  const byCase = new Map<string, RecordedEvent[]>();
  for await (const event of store.readAll()) {
    if (event.path.id !== pathId) continue;
    const history = byCase.get(event.caseId);
    if (history) history.push(event);
    else byCase.set(event.caseId, [event]);
  }
  for (const history of byCase.values()) history.sort((a, b) => a.seq - b.seq);
  return [...byCase.values()];
}
