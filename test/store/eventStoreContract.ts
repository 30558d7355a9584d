// The contract every EventStore adapter passes unchanged: append with optimistic concurrency, read
// back in order, nothing written on any failure. A new store is finished when this suite passes.
import { describe, expect, it } from 'vitest';
import { openCase, type EventStore, type RecordedEvent } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { reach } from '../support/workabilityInputs.js';
import { appendInterleaved, logDifference, pastOnePage } from '../support/longCases.js';
import { throwingProxy, withGetter } from '../support/hostileValues.js';

/** The history of `caseId` with event `index` changed by `change`: an event no `record` could give. */
function withChanged(caseId: string, index: number, change: (event: Record<string, unknown>) => void): RecordedEvent[] {
  const history = structuredClone(historyOf(caseId)) as unknown as Record<string, unknown>[];
  change(history[index]!);
  return history as unknown as RecordedEvent[];
}

// Values outside the domain (docs/developers.md, "The value domain"): each throws a raw driver
// error (22021, 22P05, 22009, 54000) or is changed by a SQL store, so every store refuses them.
const outsideTheDomain: readonly [string, (event: Record<string, unknown>) => void][] = [
  ['a NUL in actor.id', (event) => (event.actor = { role: 'nurse', id: 'n\u00001' })],
  ['a lone surrogate in actor.id', (event) => (event.actor = { role: 'nurse', id: 'x\uD800' })],
  ['a NUL in eventId', (event) => (event.eventId = 'e\u0000')],
  ['a lone surrogate in a payload string', (event) => (event.payload = { ...(event.payload as object), channel: '\uDC00' })],
  ['a NUL in a payload key', (event) => (event.payload = { 'k\u0000': true })],
  ['-0 in the payload', (event) => (event.payload = { count: -0 })],
  ['NaN in the payload', (event) => (event.payload = { count: Number.NaN })],
  ['at in year 9999', (event) => (event.at = '9999-12-31T23:59:59Z')],
  ['at in year 0050', (event) => (event.at = '0050-01-01T00:00:00Z')],
  ['at that is no instant', (event) => (event.at = 'yesterday')],
  ['a payload nested 100 deep', (event) => (event.payload = JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`))],
];

function historyOf(caseId: string, inputs = reach.doctorAssessment()): readonly RecordedEvent[] {
  const caseRef = openCase(workabilityPath, { caseId });
  for (const input of inputs) caseRef.record(input);
  return caseRef.history;
}

async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

export function describeEventStoreContract(name: string, createStore: () => Promise<EventStore>): void {
  describe(`${name} keeps the EventStore contract`, () => {
    it('refuses events or options it cannot read (a throwing Proxy or getter) with INVALID_APPEND, never a throw', async () => {
      const store = await createStore();
      const caseRef = openCase(workabilityPath, { caseId: 'hostile-append' });
      for (const input of reach.doctorAssessment()) caseRef.record(input);
      const events = caseRef.history;
      const revocable = Proxy.revocable([...events], {});
      revocable.revoke();
      const attempts: [readonly RecordedEvent[], unknown][] = [
        [throwingProxy([...events]), { expectedSeq: 0 }],
        [revocable.proxy, { expectedSeq: 0 }],
        [
          [
            withGetter(events[0]!, 'payload', () => {
              throw new Error('boom');
            }),
            ...events.slice(1),
          ],
          { expectedSeq: 0 },
        ],
        [events, throwingProxy({ expectedSeq: 0 })],
        [
          events,
          {
            expectedSeq: 0,
            get projection(): never {
              throw new Error('boom');
            },
          },
        ],
      ];
      for (const [batch, options] of attempts) {
        expect(await store.append('hostile-append', batch, options as { expectedSeq: number })).toMatchObject({
          ok: false,
          failure: { code: 'INVALID_APPEND' },
        });
      }
      expect(await store.read('hostile-append')).toEqual([]);
    });

    it('reads each event once: a type that changes after the first read is stored as first read', async () => {
      const store = await createStore();
      const caseRef = openCase(workabilityPath, { caseId: 'changing-append' });
      for (const input of reach.doctorAssessment()) caseRef.record(input);
      const events = caseRef.history;
      let reads = 0;
      const changing = withGetter(events[0]!, 'type', () => (reads++ === 0 ? events[0]!.type : 'X\uD800'));
      expect(await store.append('changing-append', [changing, ...events.slice(1)], { expectedSeq: 0 })).toMatchObject({ ok: true });
      expect(await store.read('changing-append')).toEqual(events);
    });

    it('appends a new case at expectedSeq 0 and reads it back in seq order, equal', async () => {
      const store = await createStore();
      const history = historyOf('contract-a');
      expect(await store.append('contract-a', history, { expectedSeq: 0 })).toEqual({
        ok: true,
        seq: history.length,
        alreadyRecorded: false,
      });
      expect(await store.read('contract-a')).toEqual(history);
    });

    it('appends one event at a time with the seq the writer expects', async () => {
      const store = await createStore();
      const history = historyOf('contract-b');
      for (const event of history) {
        expect(await store.append('contract-b', [event], { expectedSeq: event.seq - 1 })).toEqual({
          ok: true,
          seq: event.seq,
          alreadyRecorded: false,
        });
      }
      expect(await store.read('contract-b')).toEqual(history);
    });

    it('gives a stale writer CONCURRENCY_CONFLICT with the current seq, and writes nothing', async () => {
      const store = await createStore();
      const history = historyOf('contract-c');
      await store.append('contract-c', history.slice(0, 2), { expectedSeq: 0 });
      const stale = await store.append('contract-c', history.slice(0, 2), { expectedSeq: 0 });
      expect(stale).toMatchObject({
        ok: false,
        failure: { code: 'CONCURRENCY_CONFLICT', caseId: 'contract-c', expectedSeq: 0, actualSeq: 2 },
      });
      const ahead = await store.append('contract-c', history.slice(3, 4), { expectedSeq: 3 });
      expect(ahead).toMatchObject({ ok: false, failure: { code: 'CONCURRENCY_CONFLICT', actualSeq: 2 } });
      expect(await store.read('contract-c')).toEqual(history.slice(0, 2));
    });

    it('lets exactly one of two writers with the same expectedSeq win', async () => {
      const store = await createStore();
      const history = historyOf('contract-d');
      const first = historyOf('contract-d', reach.healthCheck());
      const results = await Promise.all([
        store.append('contract-d', history.slice(0, 3), { expectedSeq: 0 }),
        store.append('contract-d', first.slice(0, 3), { expectedSeq: 0 }),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok && result.failure.code === 'CONCURRENCY_CONFLICT')).toHaveLength(1);
      expect(await store.read('contract-d')).toHaveLength(3);
    });

    it('refuses a batch that does not continue the case with INVALID_APPEND, writing none of it', async () => {
      const store = await createStore();
      const history = historyOf('contract-e');
      expect(await store.append('contract-e', [history[0]!, history[2]!], { expectedSeq: 0 })).toMatchObject({
        ok: false,
        failure: { code: 'INVALID_APPEND', index: 1 },
      });
      expect(await store.append('other-case', history.slice(0, 1), { expectedSeq: 0 })).toMatchObject({
        ok: false,
        failure: { code: 'INVALID_APPEND', index: 0 },
      });
      expect(await store.append('contract-e', history.slice(0, 1), { expectedSeq: -1 })).toMatchObject({
        ok: false,
        failure: { code: 'INVALID_APPEND' },
      });
      expect(await store.read('contract-e')).toEqual([]);
      expect(await store.read('other-case')).toEqual([]);
    });

    it('reads an unknown case as empty, and accepts an empty batch at the current seq', async () => {
      const store = await createStore();
      expect(await store.read('nobody')).toEqual([]);
      expect(await store.append('nobody', [], { expectedSeq: 0 })).toEqual({ ok: true, seq: 0, alreadyRecorded: false });
    });

    it('reads every event of every case in append order', async () => {
      const store = await createStore();
      const a = historyOf('contract-f');
      const b = historyOf('contract-g', reach.servicePlanning());
      await store.append('contract-f', a.slice(0, 2), { expectedSeq: 0 });
      await store.append('contract-g', b, { expectedSeq: 0 });
      await store.append('contract-f', a.slice(2), { expectedSeq: 2 });
      const all = (await collect(store.readAll())).filter((event) => event.caseId === 'contract-f' || event.caseId === 'contract-g');
      expect(all).toEqual([...a.slice(0, 2), ...b, ...a.slice(2)]);
    });

    it.each(outsideTheDomain)(
      'refuses an event with %s with INVALID_APPEND at its index, writing none of the batch',
      async (_name, change) => {
        const store = await createStore();
        const batch = withChanged('contract-domain', 2, change);
        expect(await store.append('contract-domain', batch, { expectedSeq: 0 })).toMatchObject({
          ok: false,
          failure: { code: 'INVALID_APPEND', caseId: 'contract-domain', index: 2 },
        });
        expect(await store.read('contract-domain')).toEqual([]);
      },
    );

    it.each([
      ['a NUL', 'case\u00001'],
      ['a lone surrogate', 'x\uD800'],
      ['3 000 characters', 'c'.repeat(3000)],
    ])('refuses a case id with %s with INVALID_APPEND, and reads it as an empty case', async (_name, caseId) => {
      const store = await createStore();
      const batch = structuredClone(historyOf('contract-bad-id')).map((event) => ({ ...event, caseId }));
      expect(await store.append(caseId, batch, { expectedSeq: 0 })).toMatchObject({
        ok: false,
        failure: { code: 'INVALID_APPEND', index: 0 },
      });
      expect(await store.read(caseId)).toEqual([]);
    });

    it('refuses a projection whose next deadline is outside the years, writing nothing', async () => {
      const store = await createStore();
      const history = historyOf('contract-due');
      const projection = { state: 'contacted', status: 'open', assignee: undefined, nextDueAt: '+010000-01-01T00:00:00.000Z' } as const;
      expect(await store.append('contract-due', history, { expectedSeq: 0, projection })).toMatchObject({
        ok: false,
        failure: { code: 'INVALID_APPEND' },
      });
      expect(await store.read('contract-due')).toEqual([]);
    });

    it('stores and gives back equal every string, instant and number of the domain, at its bounds', async () => {
      const store = await createStore();
      // 200 three-byte characters (600 bytes of UTF-8) in the case id and the event id, astral
      // characters, U+FFFD and U+FEFF, control characters, quotes and backslashes.
      const caseId = '€'.repeat(200);
      const caseRef = openCase(workabilityPath, { caseId });
      const odd = 'n-\u{1F600}\uFFFD\uFEFF\u0001\u001F"\\\'\u2028';
      const first = {
        ...reach.doctorAssessment()[0]!,
        at: '1000-01-01T00:00:00Z',
        eventId: '€'.repeat(200),
        actor: { role: 'nurse', id: odd },
      } as const;
      expect(caseRef.record(first).ok).toBe(true);
      const last = {
        ...reach.doctorAssessment()[1]!,
        at: '8999-12-31T23:59:59.999+00:00',
        actor: { role: 'client', id: 'x'.repeat(200) },
      } as const;
      expect(caseRef.record(last).ok).toBe(true);
      expect(await store.append(caseId, caseRef.history, { expectedSeq: 0 })).toEqual({ ok: true, seq: 2, alreadyRecorded: false });
      expect(await store.read(caseId)).toEqual(caseRef.history);
      const all = (await collect(store.readAll())).filter((event) => event.caseId === caseId);
      expect(all).toEqual(caseRef.history);
    });

    it('reads every event exactly once, in append order, past the read page (7 000 events, one case of 2 500)', async () => {
      const store = await createStore();
      const { appended } = await appendInterleaved(store, pastOnePage('page'));
      const mine = new Set(appended.map((event) => event.caseId));
      const read = (await collect(store.readAll())).filter((event) => mine.has(event.caseId));
      // In a few words first: a failure says where the order breaks instead of two 7 000-event dumps.
      expect(logDifference(read, appended)).toEqual({ events: 7000, repeated: 0, firstDifference: -1 });
      expect(read).toEqual(appended);
    });

    it('keeps what it stored when the host later changes the objects it appended', async () => {
      const store = await createStore();
      const event = { ...historyOf('contract-h')[0]!, payload: { ...historyOf('contract-h')[0]!.payload } };
      await store.append('contract-h', [event], { expectedSeq: 0 });
      (event.payload as Record<string, unknown>).route = 'tampered';
      expect((await store.read('contract-h'))[0]?.payload).not.toHaveProperty('route', 'tampered');
    });
  });
}
