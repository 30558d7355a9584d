import type { RecordedEvent } from '../case/recordedEvent.js';
import { checkBatch, type AppendOptions, type AppendResult, type EventStore } from './eventStore.js';

function frozenCopy(event: RecordedEvent): RecordedEvent {
  // A stored event must not change when the host later mutates the object it appended.
  const copy = structuredClone(event) as RecordedEvent;
  Object.freeze(copy.actor);
  Object.freeze(copy.payload);
  Object.freeze(copy.path);
  return Object.freeze(copy);
}

/**
 * An event store in memory: for tests, the demo and hosts that persist elsewhere. Same contract
 * as the PostgreSQL stores.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.append('case-1', caseRef.history, { expectedSeq: 0 });
 * (await store.read('case-1')).length; // caseRef.seq
 * ```
 */
export function createMemoryStore(): EventStore {
  const byCase = new Map<string, RecordedEvent[]>();
  const all: RecordedEvent[] = [];
  return {
    async append(caseId: string, events: readonly RecordedEvent[], options: AppendOptions): Promise<AppendResult> {
      const stored = byCase.get(caseId) ?? [];
      const invalid = checkBatch(caseId, events, options.expectedSeq);
      if (invalid) return { ok: false, failure: invalid };
      if (stored.length !== options.expectedSeq) {
        return {
          ok: false,
          failure: {
            code: 'CONCURRENCY_CONFLICT',
            message: `case '${caseId}' is at seq ${stored.length}, not ${options.expectedSeq}: another writer appended first`,
            caseId,
            expectedSeq: options.expectedSeq,
            actualSeq: stored.length,
          },
        };
      }
      const copies = events.map(frozenCopy);
      stored.push(...copies);
      all.push(...copies);
      byCase.set(caseId, stored);
      return { ok: true, seq: stored.length };
    },
    async read(caseId: string): Promise<readonly RecordedEvent[]> {
      return [...(byCase.get(caseId) ?? [])];
    },
    async *readAll(): AsyncIterable<RecordedEvent> {
      // A snapshot of the length keeps a reader from chasing concurrent appends forever.
      const end = all.length;
      for (let index = 0; index < end; index++) yield all[index]!;
    },
  };
}
