import type { RecordedEvent } from '../path/recordedEvent.js';
import { canonicalJson } from '../json/canonicalJson.js';

/** How a case's stored events stand to the same case in a log. @internal */
export type StoredComparison =
  /** The stored events are the log's first `stored` events: append the rest. */
  | { readonly kind: 'prefix'; readonly stored: number }
  /** The store holds every event of the log (and perhaps more after them): nothing to append. */
  | { readonly kind: 'covered'; readonly stored: number }
  /** The event at `seq` is not the same in the store and the log. */
  | { readonly kind: 'differs'; readonly seq: number; readonly stored: number };

/**
 * Compares a case's stored events with the log's events of that case, seq by seq, by canonical JSON
 * (what the SQL stores' digest covers), so that payload key order, which a JSON column does not keep,
 * does not count as a difference.
 *
 * @internal
 */
export function compareWithStored(stored: readonly RecordedEvent[], logged: readonly RecordedEvent[]): StoredComparison {
  const common = Math.min(stored.length, logged.length);
  for (let index = 0; index < common; index++) {
    if (canonicalJson(eventContent(stored[index]!)) !== canonicalJson(eventContent(logged[index]!)))
      return { kind: 'differs', seq: index + 1, stored: stored.length };
  }
  return stored.length >= logged.length ? { kind: 'covered', stored: stored.length } : { kind: 'prefix', stored: stored.length };
}

/** The fields that make an event, and only those: whatever else a store hands back beside them (a digest, say) is not the event. */
function eventContent(event: RecordedEvent): RecordedEvent {
  const { caseId, seq, type, at, actor, payload, path, eventId } = event;
  return { caseId, seq, type, at, actor, payload, path, ...(eventId === undefined ? {} : { eventId }) };
}
