import { excerptOf } from '../../clientExcerpt.js';
import type { RecordedEvent } from '../../path/recordedEvent.js';
import { canonicalJson } from '../../json/canonicalJson.js';
import { EventStoreError } from '../eventStoreError.js';
import type { EventChain } from './eventChain.js';
import { sha256Base64 } from './sha256.js';
import { markReadFromText } from '../../case/readFromText.js';

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
  /**
   * The payload: parsed by the driver (a jsonb column), or the column's text (`payload::text`, what
   * the readers select), which {@link eventFromRow} parses once and whose canonical JSON it keeps.
   */
  readonly payload: Record<string, unknown> | string;
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
  return sha256Base64(canonicalJson(event));
}

/**
 * The canonical JSON of the event a row holds, written from the columns in the canonical key order
 * (actor, at, caseId, eventId, path, payload, seq, type; id before role, id before version): the
 * very text `canonicalJson` gives for the event `eventFromRow` builds (a property test holds them
 * equal), without walking and sorting the envelope's keys again for every row a scan reads.
 */
function canonicalRowText(quotedCaseId: string, row: EventRow, payloadText: string): string {
  return (
    `{"actor":{"id":${JSON.stringify(row.actor_id)},"role":${JSON.stringify(row.actor_role)}},"at":${JSON.stringify(row.at)}` +
    `,"caseId":${quotedCaseId}${row.event_id === null ? '' : `,"eventId":${JSON.stringify(row.event_id)}`}` +
    `,"path":{"id":${JSON.stringify(row.path_id)},"version":${canonicalJson(row.path_version)}}` +
    `,"payload":${payloadText},"seq":${canonicalJson(row.seq)},"type":${JSON.stringify(row.type)}}`
  );
}

/**
 * The canonical JSON of payloads by their stored text. A store's payloads are codes, dates and flags,
 * so a few thousand distinct texts cover most rows of a scan: the key sort and the writing are done
 * once per text, not once per row. Sound because the canonical JSON is a function of the text alone
 * (the text is parsed as the driver parses jsonb, with `JSON.parse`). Emptied when full.
 */
const canonicalPayloads = new Map<string, string>();
const canonicalPayloadsKept = 4096;

function canonicalPayloadOf(text: string, payload: Record<string, unknown>): string {
  // A third of a store's payloads are empty: no lookup for them.
  if (text === '{}') return text;
  let canonical = canonicalPayloads.get(text);
  if (canonical === undefined) {
    canonical = canonicalJson(payload);
    if (canonicalPayloads.size >= canonicalPayloadsKept) canonicalPayloads.clear();
    canonicalPayloads.set(text, canonical);
  }
  return canonical;
}

/** The digest of the event a row holds: `digestOf(eventFromRow(caseId, row))`, from the columns. @internal */
export function rowDigest(caseId: string, row: EventRow): string {
  return sha256Base64(canonicalRowText(JSON.stringify(caseId), row, payloadOf(row).text));
}

/** A payload column's text as the driver would give it parsed (pg and PGlite parse jsonb with `JSON.parse`). */
function parsedPayload(text: string): Record<string, unknown> {
  return text === '{}' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * A row's payload and its canonical JSON. A payload read as text is parsed once: the event gets its
 * own object, the digest the canonical text kept for that text.
 */
function payloadOf(row: EventRow): { readonly payload: Record<string, unknown>; readonly text: string } {
  if (typeof row.payload !== 'string') return { payload: row.payload, text: canonicalJson(row.payload) };
  const payload = parsedPayload(row.payload);
  return { payload, text: canonicalPayloadOf(row.payload, payload) };
}

/** {@link eventFromRow} with the case id already quoted as JSON: a case's rows quote it once. */
function eventFromRowQuoted(caseId: string, quotedCaseId: string, row: EventRow): RecordedEvent {
  const { payload, text: payloadText } = payloadOf(row);
  if (sha256Base64(canonicalRowText(quotedCaseId, row, payloadText)) !== row.digest)
    throw tampered(caseId, row.seq, 'the stored event does not match its digest');
  // One object per event, its keys in the order the store has always given them; its envelope is
  // frozen and marked as made from text columns, whose strings replay need not check again.
  const actor = { role: row.actor_role, id: row.actor_id };
  const path = { id: row.path_id, version: row.path_version };
  return markReadFromText(
    row.event_id === null
      ? { caseId, seq: row.seq, type: row.type, at: row.at, actor, payload, path }
      : { caseId, seq: row.seq, type: row.type, at: row.at, actor, payload, path, eventId: row.event_id },
  );
}

/** An events row back into the event that was appended; throws TAMPERED_EVENT on a digest mismatch. @internal */
export function eventFromRow(caseId: string, row: EventRow): RecordedEvent {
  return eventFromRowQuoted(caseId, JSON.stringify(caseId), row);
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
 * A case's rows in seq order from `from`, checked as {@link followChain} checks each (the same
 * TAMPERED_EVENT at the same seq), into `events`; gives where the chain stands after the last. One
 * loop over the rows, without a result object and a position per row: a scan runs it for every
 * event it reads.
 *
 * @internal
 */
export function followRows(
  chain: EventChain,
  caseId: string,
  from: ChainPosition,
  rows: readonly EventRow[],
  events: RecordedEvent[],
): ChainPosition {
  let seq = from.seq;
  let link = from.link;
  const quotedCaseId = JSON.stringify(caseId);
  for (const row of rows) {
    if (row.seq !== seq + 1) throw tampered(caseId, seq + 1, `the stored events jump from seq ${seq} to ${row.seq}`);
    const event = eventFromRowQuoted(caseId, quotedCaseId, row);
    link = chain.link(link, row.digest);
    if (row.chain !== link) throw tampered(caseId, row.seq, "the stored event does not continue its case's chain");
    events.push(event);
    seq = row.seq;
  }
  return seq === from.seq ? from : { seq, link };
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
