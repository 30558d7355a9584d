import { excerptOf } from '../clientExcerpt.js';
import type { RecordedEvent } from '../case/recordedEvent.js';
import { canonicalJson } from '../check/canonicalJson.js';

/** What a store's log says about a batch whose events carry ids. @internal */
export type RetryVerdict =
  | { readonly kind: 'new' }
  | { readonly kind: 'alreadyStored'; readonly seq: number }
  | { readonly kind: 'idTaken'; readonly index: number; readonly message: string };

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
      return {
        kind: 'idTaken',
        index,
        message: `event ${index}: event id '${excerptOf(event.eventId)}' already names seq ${earlier.seq} of case '${excerptOf(event.caseId)}', a different event`,
      };
    }
    stored++;
  }
  if (stored > 0 && stored === events.length) return { kind: 'alreadyStored', seq: events[events.length - 1]!.seq };
  return { kind: 'new' };
}
