import type { RecordedEvent } from '../path/recordedEvent.js';
import type { EventStore } from '../store/eventStore.js';
import type { UnreadableCase } from '../store/scanOptions.js';

/** Options of {@link exportEvents}. */
export interface ExportEventsOptions {
  /** Only the events of this path (all paths when left out). */
  readonly pathId?: string;
  /** Called every `progressEvery` events (default 100 000) with the events written so far. */
  readonly onProgress?: (written: number) => void;
  readonly progressEvery?: number;
}

/**
 * One recorded event as one NDJSON line, its keys always in the same order, so that the same store
 * gives the same bytes.
 *
 * @example
 * ```ts
 * eventLine(caseRef.history[0]!); // '{"caseId":"case-1","seq":1,"type":"CONTACT_RECEIVED",…}'
 * ```
 */
export function eventLine(event: RecordedEvent): string {
  const { caseId, seq, type, at, actor, payload, path, eventId } = event as RecordedEvent & { eventId?: string };
  return JSON.stringify({
    caseId,
    seq,
    type,
    at,
    actor: { role: actor.role, id: actor.id },
    payload,
    path: { id: path.id, version: path.version },
    ...(eventId === undefined ? {} : { eventId }),
  });
}

/**
 * Writes every event of a store, in append order, as NDJSON lines: the format `kykypolku validate`
 * reads back (recorded-event lines) and `docs/schemas/<path-id>/recorded-event.schema.json` describes.
 * Streams: one event at a time. A case the store cannot read (a row changed outside it) is named
 * in `unreadable` with the seq, and the export goes on: its events before that seq are written,
 * none from it on.
 *
 * @example
 * ```ts
 * const out = createWriteStream('events.ndjson');
 * const { unreadable } = await exportEvents(store, (line) => {
 *   out.write(`${line}\n`);
 * });
 * if (unreadable.length > 0) process.exitCode = 1;
 * ```
 */
export async function exportEvents(
  store: Pick<EventStore, 'readAll'>,
  write: (line: string) => void | Promise<void>,
  options: ExportEventsOptions = {},
): Promise<{ readonly events: number; readonly unreadable: readonly UnreadableCase[] }> {
  const progressEvery = options.progressEvery ?? 100_000;
  let events = 0;
  const unreadable: UnreadableCase[] = [];
  for await (const event of store.readAll({ onUnreadable: (problem) => void unreadable.push(problem) })) {
    if (options.pathId !== undefined && event.path.id !== options.pathId) continue;
    await write(eventLine(event));
    events++;
    if (options.onProgress && events % progressEvery === 0) options.onProgress(events);
  }
  return { events, unreadable };
}
