import { excerptOf } from '../../clientExcerpt.js';
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../path/recordedEvent.js';
import { canonicalJson } from '../../json/canonicalJson.js';
import { EventStoreError } from '../eventStoreError.js';
import type { EventChain } from './eventChain.js';

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
  /** The event's link in its case's chain; null on a row written outside the store. */
  readonly chain: string | null;
}

/** Where a case's chain stands: the seq and link of its last event (0 and '' before the first). @internal */
export interface ChainPosition {
  readonly seq: number;
  readonly link: string;
}

/** The start of every case's chain. @internal */
export const chainStart: ChainPosition = { seq: 0, link: '' };

function tampered(caseId: string, seq: number, why: string): EventStoreError {
  return new EventStoreError({
    code: 'TAMPERED_EVENT',
    message: `case '${excerptOf(caseId)}' seq ${seq}: ${why}; it was changed outside the store`,
    caseId,
    seq,
  });
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
  if (digestOf(event) !== row.digest) throw tampered(caseId, row.seq, 'the stored event does not match its digest');
  return event;
}

/**
 * The next row of a case, checked: its seq follows the last one, its digest matches the event and
 * its link continues the chain. Throws TAMPERED_EVENT naming the first seq that does not.
 *
 * @internal
 */
export function followChain(
  chain: EventChain,
  caseId: string,
  at: ChainPosition,
  row: EventRow,
): { event: RecordedEvent; at: ChainPosition } {
  if (row.seq !== at.seq + 1) throw tampered(caseId, at.seq + 1, `the stored events jump from seq ${at.seq} to ${row.seq}`);
  const event = eventFromRow(caseId, row);
  const link = chain.link(at.link, row.digest);
  if (row.chain !== link) throw tampered(caseId, row.seq, "the stored event does not continue its case's chain");
  return { event, at: { seq: row.seq, link } };
}

/**
 * Checks that a case's chain ends where its head row says: a case whose last events were deleted,
 * or whose head is missing or was changed, throws TAMPERED_EVENT.
 *
 * @internal
 */
export function checkHead(
  chain: EventChain,
  caseId: string,
  at: ChainPosition,
  head: { readonly seq: number | null; readonly chain: string | null; readonly seal: string | null },
): void {
  if (head.seq === null || head.chain === null || head.seal === null) {
    if (at.seq > 0) throw tampered(caseId, at.seq, 'the case has no head row');
    return;
  }
  if (head.seq > at.seq)
    throw tampered(caseId, at.seq + 1, `the case's head is at seq ${head.seq}, but its stored events end at seq ${at.seq}`);
  if (head.seq !== at.seq || head.chain !== at.link || head.seal !== chain.seal(at.seq, at.link)) {
    throw tampered(caseId, at.seq, "the case's head does not match its stored events");
  }
}

/** One event's eleven column values, in the order of the events table after case_id. */
function eventValues(event: RecordedEvent, digest: string, link: string): unknown[] {
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
    digest,
    link,
  ];
}

/**
 * A batch as statement parameters, each event linked to the one before (`from`, the case's chain
 * before the batch): eleven per event, row after row (`rows`), or eleven parallel arrays for
 * `unnest` (`columns`). Either way one INSERT writes the batch whole. Also gives the chain after
 * the batch, for the case's head.
 *
 * @internal
 */
export function batchParameters(
  events: readonly RecordedEvent[],
  shape: 'rows' | 'columns',
  chain: EventChain,
  from: ChainPosition,
): { values: unknown[]; head: ChainPosition } {
  let link = from.link;
  const rows = events.map((event) => {
    const digest = digestOf(event);
    link = chain.link(link, digest);
    return eventValues(event, digest, link);
  });
  const head = { seq: from.seq + events.length, link };
  if (shape === 'rows') return { values: rows.flat(), head };
  const columns: unknown[][] = Array.from({ length: 11 }, () => new Array<unknown>(events.length));
  rows.forEach((values, index) => {
    values.forEach((value, column) => {
      columns[column]![index] = value;
    });
  });
  return { values: columns, head };
}
