// The contract every EventStore adapter passes unchanged: append with optimistic concurrency, read
// back in order, nothing written on any failure. A new store is finished when this suite passes.
import { describe, expect, it } from 'vitest';
import { openCase, type EventStore, type RecordedEvent } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { reach } from '../support/workabilityInputs.js';

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
    it('appends a new case at expectedSeq 0 and reads it back in seq order, equal', async () => {
      const store = await createStore();
      const history = historyOf('contract-a');
      expect(await store.append('contract-a', history, { expectedSeq: 0 })).toEqual({ ok: true, seq: history.length });
      expect(await store.read('contract-a')).toEqual(history);
    });

    it('appends one event at a time with the seq the writer expects', async () => {
      const store = await createStore();
      const history = historyOf('contract-b');
      for (const event of history) {
        expect(await store.append('contract-b', [event], { expectedSeq: event.seq - 1 })).toEqual({ ok: true, seq: event.seq });
      }
      expect(await store.read('contract-b')).toEqual(history);
    });

    it('gives a stale writer CONCURRENCY_CONFLICT with the current seq, and writes nothing', async () => {
      const store = await createStore();
      const history = historyOf('contract-c');
      await store.append('contract-c', history.slice(0, 2), { expectedSeq: 0 });
      const stale = await store.append('contract-c', history.slice(0, 2), { expectedSeq: 0 });
      expect(stale).toMatchObject({ ok: false, failure: { code: 'CONCURRENCY_CONFLICT', caseId: 'contract-c', expectedSeq: 0, actualSeq: 2 } });
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
      expect(await store.append('contract-e', history.slice(0, 1), { expectedSeq: -1 })).toMatchObject({ ok: false, failure: { code: 'INVALID_APPEND' } });
      expect(await store.read('contract-e')).toEqual([]);
      expect(await store.read('other-case')).toEqual([]);
    });

    it('reads an unknown case as empty, and accepts an empty batch at the current seq', async () => {
      const store = await createStore();
      expect(await store.read('nobody')).toEqual([]);
      expect(await store.append('nobody', [], { expectedSeq: 0 })).toEqual({ ok: true, seq: 0 });
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

    it('keeps what it stored when the host later changes the objects it appended', async () => {
      const store = await createStore();
      const event = { ...historyOf('contract-h')[0]!, payload: { ...historyOf('contract-h')[0]!.payload } };
      await store.append('contract-h', [event], { expectedSeq: 0 });
      (event.payload as Record<string, unknown>).route = 'tampered';
      expect((await store.read('contract-h'))[0]?.payload).not.toHaveProperty('route', 'tampered');
    });
  });
}
