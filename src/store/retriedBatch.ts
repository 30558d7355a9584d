import type { RecordedEvent } from '../path/recordedEvent.js';
import { eventIdTakenMessage } from '../case/eventPipeline.js';
import { canonicalJson } from '../json/canonicalJson.js';
import type { AppendFailure } from './eventStore.js';

/** What a store's log says about a batch whose events carry ids. @internal */
export type RetryVerdict =
  | { readonly kind: 'new' }
  | { readonly kind: 'alreadyRecorded'; readonly seq: number }
  | { readonly kind: 'idTaken'; readonly index: number; readonly seq: number };

/** The failure of a batch whose event id the case holds for another event: the same code `record` gives. @internal */
export function eventIdTaken(caseId: string, verdict: { readonly index: number; readonly seq: number }): AppendFailure {
  return {
    code: 'EVENT_ID_TAKEN',
    message: `event ${verdict.index}: ${eventIdTakenMessage(verdict.seq)}`,
    caseId,
    index: verdict.index,
    seq: verdict.seq,
  };
}

/**
 * Compares a batch with the events a store already holds under the batch's event ids. The batch is
 * a retry when every event has an id and the store holds exactly these events; an id the store
 * holds for another event is an error; anything else is new to the store.
 *
 * @internal
 */
export function judgeRetry(events: readonly RecordedEvent[], storedById: ReadonlyMap<string, RecordedEvent>): RetryVerdict {
  let stored = 0;
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const earlier = event.eventId === undefined ? undefined : storedById.get(event.eventId);
    if (!earlier) continue;
    if (earlier.seq !== event.seq || canonicalJson(earlier) !== canonicalJson(event)) {
      return { kind: 'idTaken', index, seq: earlier.seq };
    }
    stored++;
  }
  if (stored > 0 && stored === events.length) return { kind: 'alreadyRecorded', seq: events[events.length - 1]!.seq };
  return { kind: 'new' };
}
