// The SQL stores verify each row they read by writing its event's canonical JSON straight from the
// columns (rowDigest) instead of building the event and walking it with canonicalJson (digestOf).
// The two must give the same digest for every row, or a store would refuse its own events or
// accept a changed one: compared here on random rows (any text, nested payloads, with and without
// an event id), and on a row whose columns were changed one at a time.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { digestOf, eventFromRow, rowDigest, type EventRow } from '../../src/store/postgres/eventRow.js';
import type { RecordedEvent } from '../../src/path/recordedEvent.js';

const seed = Number(process.env.FC_SEED ?? 20261202);

/** The event a row holds, built field by field as the store has always built it. */
function eventOf(caseId: string, row: EventRow): RecordedEvent {
  const base = {
    caseId,
    seq: row.seq,
    type: row.type,
    at: row.at,
    actor: { role: row.actor_role, id: row.actor_id },
    payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload,
    path: { id: row.path_id, version: row.path_version },
  };
  return row.event_id === null ? base : { ...base, eventId: row.event_id };
}

const text = fc.string({ unit: 'binary', maxLength: 12 });
const payloadValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const row = fc.record({
  seq: fc.integer({ min: 1, max: 2_000_000 }),
  event_id: fc.option(text, { nil: null }),
  path_id: text,
  path_version: fc.integer({ min: 1, max: 1000 }),
  type: text,
  at: text,
  actor_role: text,
  actor_id: text,
  payload: fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), payloadValue, { maxKeys: 6 }),
  digest: fc.constant(''),
  chain: fc.constant(null),
});

it(`a row's digest from its columns is the digest of the event it holds (seed ${seed})`, () => {
  fc.assert(
    fc.property(text, row, (caseId, stored) => {
      expect(rowDigest(caseId, stored)).toBe(digestOf(eventOf(caseId, stored)));
    }),
    { seed, numRuns: 2000 },
  );
});

/** A payload's text as PostgreSQL writes jsonb: keys shorter first, then by bytes, with a space after each `:` and `,`. */
function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText((value as Record<string, unknown>)[key])}`).join(', ')}}`;
}

it(`a row read with its payload as text has the digest and the event of the same row parsed (seed ${seed})`, () => {
  fc.assert(
    fc.property(text, row, fc.boolean(), (caseId, stored, asJsonb) => {
      const payload = stored.payload as Record<string, unknown>;
      const parsed = { ...stored, digest: digestOf(eventOf(caseId, stored)) };
      const asText = { ...parsed, payload: asJsonb ? jsonbText(payload) : JSON.stringify(payload) };
      // Twice: the second read of the same text takes its canonical JSON from what the first kept.
      for (let read = 0; read < 2; read++) {
        expect(rowDigest(caseId, asText)).toBe(parsed.digest);
        expect(eventFromRow(caseId, asText)).toEqual(eventFromRow(caseId, parsed));
      }
    }),
    { seed, numRuns: 2000 },
  );
});

it('rows with the same payload text get payload objects of their own, and a changed text is refused', () => {
  const stored: EventRow = {
    seq: 1,
    event_id: null,
    path_id: 'workability-path',
    path_version: 2,
    type: 'CONTACT_RECEIVED',
    at: '2025-03-12T10:00:00.000Z',
    actor_role: 'coordinator',
    actor_id: 'c-1',
    payload: '{"channel": "phone"}',
    digest: '',
    chain: null,
  };
  const sealed = { ...stored, digest: digestOf(eventOf('case-1', stored)) };
  const first = eventFromRow('case-1', sealed);
  const second = eventFromRow('case-1', sealed);
  expect(first.payload).toEqual({ channel: 'phone' });
  expect(second.payload).not.toBe(first.payload);
  expect(() => eventFromRow('case-1', { ...sealed, payload: '{"channel": "eBooking"}' })).toThrow(/does not match its digest/);
  expect(() => eventFromRow('case-1', { ...sealed, payload: '{"channel": "phone", "x": 1}' })).toThrow(/does not match its digest/);
});

it('eventFromRow gives the event it has always given, and refuses a row changed in any column', () => {
  const stored: EventRow = {
    seq: 3,
    event_id: 'e-3',
    path_id: 'workability-path',
    path_version: 2,
    type: 'HEALTH_CHECK_DONE',
    at: '2025-03-12T10:00:00Z',
    actor_role: 'nurse',
    actor_id: 'n-17',
    payload: { mode: 'clinic', followUp: true },
    digest: '',
    chain: null,
  };
  const sealed = { ...stored, digest: digestOf(eventOf('case-1', stored)) };
  const event = eventFromRow('case-1', sealed);
  expect(event).toEqual(eventOf('case-1', sealed));
  expect(Object.keys(event)).toEqual(Object.keys(eventOf('case-1', sealed)));
  const changes: Partial<EventRow>[] = [
    { seq: 4 },
    { event_id: null },
    { event_id: 'e-4' },
    { path_id: 'other' },
    { path_version: 1 },
    { type: 'CONTACT_RECEIVED' },
    { at: '2025-03-12T10:00:01Z' },
    { actor_role: 'doctor' },
    { actor_id: 'n-18' },
    { payload: { mode: 'remote', followUp: true } },
    { payload: { mode: 'clinic' } },
  ];
  for (const change of changes) {
    expect(() => eventFromRow('case-1', { ...sealed, ...change })).toThrow(/does not match its digest/);
  }
  expect(() => eventFromRow('case-2', sealed)).toThrow(/does not match its digest/);
});
