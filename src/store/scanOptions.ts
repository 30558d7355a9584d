import type { TamperedEvent } from './eventStoreError.js';

// The scan options of the event store and the case index, in a file of their own: both ports name
// them, and neither port should import the other for it (that made a circle).

/**
 * A case a scan across the store could not read: a stored event of it was changed outside the
 * store (`seq` names the first one found). Reported, so that the scan reads every other case.
 */
export type UnreadableCase = TamperedEvent;

/** Options of {@link EventStore.readAll} and {@link CaseIndex.readCases}. */
export interface ScanOptions {
  /**
   * Called once for each case that cannot be read, and the scan goes on without it: `readCases`
   * leaves the whole case out, `readAll` the case's events from that seq on (the events before it
   * were already yielded). Without it, the scan throws an `EventStoreError` (`TAMPERED_EVENT`) at
   * the first such case. A store that cannot be reached throws either way.
   *
   * @example
   * ```ts
   * const unreadable: UnreadableCase[] = [];
   * for await (const event of store.readAll({ onUnreadable: (problem) => unreadable.push(problem) })) index.apply(event);
   * ```
   */
  readonly onUnreadable?: (problem: UnreadableCase) => void;
}
