import { excerptOf } from '../../clientExcerpt.js';
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../case/recordedEvent.js';
import { canonicalJson } from '../../check/canonicalJson.js';
import { EventStoreError } from '../eventStoreError.js';

/** An events row as the SQL stores read it. @internal */
export interface EventRow {
  readonly seq: number;
  readonly event_id: string | null;
  readonly path_id: string;
  readonly path_version: number;
  readonly type: string;
  readonly at: string;
  readonly actor_role: string;
  readonly actor_id: string;
  readonly payload: Record<string, unknown>;
  readonly digest: string;
}

/**
 * The SHA-256 of an event's canonical JSON, stored beside it: a row edited outside the store no
 * longer matches, and reading it fails with TAMPERED_EVENT instead of replaying a different case.
 *
 * @internal
 */
export function digestOf(event: RecordedEvent): string {
  return createHash('sha256').update(canonicalJson(event)).digest('base64');
}

/** An events row back into the event that was appended; throws TAMPERED_EVENT on a digest mismatch. @internal */
export function eventFromRow(caseId: string, row: EventRow): RecordedEvent {
  const base = {
    caseId,
    seq: row.seq,
    type: row.type,
    at: row.at,
    actor: { role: row.actor_role, id: row.actor_id },
    payload: row.payload,
    path: { id: row.path_id, version: row.path_version },
  };
  const event: RecordedEvent = row.event_id === null ? base : { ...base, eventId: row.event_id };
  if (digestOf(event) !== row.digest) {
    throw new EventStoreError({
      code: 'TAMPERED_EVENT',
      message: `case '${excerptOf(caseId)}' seq ${row.seq}: the stored event does not match its digest; it was changed outside the store`,
      caseId,
      seq: row.seq,
    });
  }
  return event;
}

/** One event's ten column values, in the order of the events table after case_id. */
function eventValues(event: RecordedEvent): unknown[] {
  return [
    event.seq,
    event.eventId ?? null,
    event.path.id,
    event.path.version,
    event.type,
    event.at,
    event.actor.role,
    event.actor.id,
    JSON.stringify(event.payload),
    digestOf(event),
  ];
}

/**
 * A batch as statement parameters: ten per event, row after row (`rows`), or ten parallel arrays
 * for `unnest` (`columns`). Either way one INSERT writes the batch whole.
 *
 * @internal
 */
export function batchParameters(events: readonly RecordedEvent[], shape: 'rows' | 'columns'): unknown[] {
  if (shape === 'rows') return events.flatMap(eventValues);
  const columns: unknown[][] = Array.from({ length: 10 }, () => new Array<unknown>(events.length));
  events.forEach((event, index) => {
    eventValues(event).forEach((value, column) => {
      columns[column]![index] = value;
    });
  });
  return columns;
}
