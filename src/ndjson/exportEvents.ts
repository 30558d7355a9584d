import type { AnyPathDefinition } from '../path/definition.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { ServiceTaskCoding } from '../path/serviceTask.js';
import type { EventStore } from '../store/eventStore.js';
import type { UnreadableCase } from '../store/scanOptions.js';

/** Options of {@link exportEvents}. */
export interface ExportEventsOptions {
  /** Only the events of this path (all paths when left out). */
  readonly pathId?: string;
  /** Called every `progressEvery` events (default 100 000) with the events written so far. */
  readonly onProgress?: (written: number) => void;
  readonly progressEvery?: number;
  /**
   * The host's path definitions (with their service-task codes, see `withServiceTask`): when given,
   * each line of a path version found here whose service task is coded carries it as `serviceTask`.
   */
  readonly catalogue?: readonly AnyPathDefinition[];
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
  return lineOf(event, undefined);
}

function lineOf(event: RecordedEvent, serviceTask: ServiceTaskCoding | undefined): string {
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
    // Not part of the stored event: the configuration of its path, for a reader that files or
    // keeps records by service task. Reading a line back leaves it out.
    ...(serviceTask === undefined ? {} : { serviceTask: { system: serviceTask.system, code: serviceTask.code } }),
  });
}

/**
 * Writes every event of a store, in append order, as NDJSON lines: the format `kykypolku validate`
 * reads back (recorded-event lines) and `docs/schemas/<path-id>/recorded-event.schema.json` describes.
 * Given a `catalogue`, each line also names its path's service task code (`serviceTask`, which
 * `validate` and `import` ignore). Streams: one event at a time. A case the store cannot read (a row changed outside it) is named
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
  const serviceTasks = new Map<string, ServiceTaskCoding>();
  for (const path of options.catalogue ?? [])
    if (path.serviceTask?.coding) serviceTasks.set(`${path.id}@${path.version}`, path.serviceTask.coding);
  let events = 0;
  const unreadable: UnreadableCase[] = [];
  for await (const event of store.readAll({ onUnreadable: (problem) => void unreadable.push(problem) })) {
    if (options.pathId !== undefined && event.path.id !== options.pathId) continue;
    await write(lineOf(event, serviceTasks.get(`${event.path.id}@${event.path.version}`)));
    events++;
    if (options.onProgress && events % progressEvery === 0) options.onProgress(events);
  }
  return { events, unreadable };
}
