// appendNewCases, the same on every store: many new cases in one transaction, all or nothing, with
// the case at fault named by its position in the call; at size (past the 1 000 cases of one
// statement, a case of 2 000 events), against hostile input and against a second writer.
import { describe, expect, it } from 'vitest';
import { openCase, projectCase, type IndexedEventStore, type NewCase, type RecordedEvent } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { reach } from '../support/workabilityInputs.js';
import { longCase } from '../support/longCases.js';
import { throwingProxy, withGetter } from '../support/hostileValues.js';

function newCaseOf(caseId: string, idPrefix?: string, inputs = reach.doctorAssessment()): NewCase {
  const caseRef = openCase(workabilityPath, { caseId });
  inputs.forEach((input, index) => {
    const outcome = caseRef.record(idPrefix === undefined ? input : { ...input, eventId: `${idPrefix}-${index + 1}` });
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  });
  return { caseId, events: caseRef.history, projection: projectCase(caseRef) };
}

async function casesIn(store: IndexedEventStore, prefix: string): Promise<Map<string, readonly RecordedEvent[]>> {
  const found = new Map<string, readonly RecordedEvent[]>();
  for await (const events of store.readCases()) {
    const caseId = events[0]?.caseId;
    if (caseId?.startsWith(prefix)) found.set(caseId, events);
  }
  return found;
}

export function describeNewCasesContract(name: string, createStore: () => Promise<IndexedEventStore>): void {
  describe(`${name}: appendNewCases`, () => {
    it('writes new cases with their rows and deadlines, and each continues with append', async () => {
      const store = await createStore();
      const cases = ['nc-a-1', 'nc-a-0', 'nc-a-2'].map((caseId) => newCaseOf(caseId));
      const unprojected = { caseId: 'nc-a-3', events: newCaseOf('nc-a-3').events };
      expect(await store.appendNewCases([...cases, unprojected])).toEqual({
        ok: true,
        cases: 4,
        events: 4 * cases[0]!.events.length,
        alreadyRecorded: false,
      });
      for (const newCase of [...cases, unprojected]) expect(await store.read(newCase.caseId)).toEqual(newCase.events);
      const rows = (await store.listCases({ pathId: workabilityPath.id, limit: 10_000 })).filter((row) => row.caseId.startsWith('nc-a-'));
      expect(rows.map((row) => row.caseId).sort()).toEqual(['nc-a-0', 'nc-a-1', 'nc-a-2']);
      expect(rows.find((row) => row.caseId === 'nc-a-1')).toMatchObject({
        state: cases[0]!.projection!.state,
        status: cases[0]!.projection!.status,
        seq: cases[0]!.events.length,
      });
      // The head is the one append would have written: the case continues, and a stale writer is refused.
      const longer = openCase(workabilityPath, { caseId: 'nc-a-1' });
      for (const input of reach.servicePlanning()) longer.record(input);
      const next = longer.history.slice(cases[0]!.events.length, cases[0]!.events.length + 1);
      expect(await store.append('nc-a-1', next, { expectedSeq: cases[0]!.events.length })).toMatchObject({ ok: true });
      expect(await store.append('nc-a-0', cases[1]!.events, { expectedSeq: 0 })).toMatchObject({
        ok: false,
        failure: { code: 'CONCURRENCY_CONFLICT', caseId: 'nc-a-0', actualSeq: cases[1]!.events.length },
      });
      expect((await casesIn(store, 'nc-a-')).size).toBe(4);
    });

    it('writes 2 001 cases in one call (past one statement’s 1 000), one of them 2 000 events long, and reads them back whole', async () => {
      const store = await createStore();
      const cases: NewCase[] = Array.from({ length: 2000 }, (_, index) => newCaseOf(`nc-size-${String(index).padStart(4, '0')}`));
      cases.push({ caseId: 'nc-size-long', events: longCase('nc-size-long', 2000) });
      const events = cases.reduce((sum, newCase) => sum + newCase.events.length, 0);
      expect(await store.appendNewCases(cases)).toEqual({ ok: true, cases: 2001, events, alreadyRecorded: false });
      const stored = await casesIn(store, 'nc-size-');
      expect(stored.size).toBe(2001);
      for (const newCase of cases) expect(stored.get(newCase.caseId)).toEqual(newCase.events);
      const rows = await store.listCases({ pathId: workabilityPath.id, limit: 10_000 });
      expect(rows.filter((row) => row.caseId.startsWith('nc-size-'))).toHaveLength(2000);
    }, 120_000);

    it('writes nothing of a call of 1 500 cases when one in its second statement is stored already, and names it', async () => {
      const store = await createStore();
      const taken = newCaseOf('nc-all-1400');
      expect(await store.append(taken.caseId, taken.events.slice(0, 2), { expectedSeq: 0 })).toMatchObject({ ok: true });
      const cases = Array.from({ length: 1500 }, (_, index) => newCaseOf(`nc-all-${String(index).padStart(4, '0')}`));
      // Out of case id order: the entry is the position in the call, not in the statement.
      const shuffled = [...cases.slice(750), ...cases.slice(0, 750)];
      const saved = await store.appendNewCases(shuffled);
      expect(saved).toMatchObject({
        ok: false,
        entry: 650,
        failure: { code: 'CONCURRENCY_CONFLICT', caseId: 'nc-all-1400', expectedSeq: 0, actualSeq: 2 },
      });
      const stored = await casesIn(store, 'nc-all-');
      expect([...stored.keys()]).toEqual(['nc-all-1400']);
      expect(stored.get('nc-all-1400')).toEqual(taken.events.slice(0, 2));
      expect(
        (await store.listCases({ pathId: workabilityPath.id, limit: 10_000 })).filter((row) => row.caseId.startsWith('nc-all-')),
      ).toEqual([]);
    }, 120_000);

    it('answers a retry of stored cases with event ids as already recorded, and writes nothing', async () => {
      const store = await createStore();
      const cases = [newCaseOf('nc-retry-1', 'r1'), newCaseOf('nc-retry-2', 'r2')];
      expect(await store.appendNewCases(cases)).toMatchObject({ ok: true, cases: 2 });
      expect(await store.appendNewCases(cases)).toEqual({ ok: true, cases: 0, events: 0, alreadyRecorded: true });
      // The same call with a new case in it: a conflict, not a retry; the new case is not written.
      const mixed = await store.appendNewCases([newCaseOf('nc-retry-0', 'r0'), ...cases]);
      expect(mixed).toMatchObject({ ok: false, failure: { code: 'CONCURRENCY_CONFLICT', caseId: 'nc-retry-1' }, entry: 1 });
      expect(await store.read('nc-retry-0')).toEqual([]);
      expect(await store.read('nc-retry-1')).toEqual(cases[0]!.events);
    });

    const good = newCaseOf('nc-bad-good');
    const hostile: [string, () => unknown[], number][] = [
      ['a case id twice', () => [good, newCaseOf('nc-bad-twice'), newCaseOf('nc-bad-twice')], 2],
      ['a case without events', () => [good, { caseId: 'nc-bad-empty', events: [] }], 1],
      ['events of another case', () => [good, { caseId: 'nc-bad-other', events: good.events }], 1],
      ['a case that does not start at seq 1', () => [good, { caseId: 'nc-bad-late', events: newCaseOf('nc-bad-late').events.slice(1) }], 1],
      [
        'a NUL in an actor id',
        () => [
          good,
          { caseId: 'nc-bad-nul', events: [{ ...newCaseOf('nc-bad-nul').events[0]!, actor: { role: 'nurse', id: 'n\u0000' } }] },
        ],
        1,
      ],
      ['a case id of 3 000 characters', () => [good, { caseId: 'c'.repeat(3000), events: good.events }], 1],
      ['a null where a case belongs', () => [good, null], 1],
      ['events that are not an array', () => [good, { caseId: 'nc-bad-events', events: 'none' }], 1],
      ['a case that is a Proxy whose every trap throws', () => [good, throwingProxy({})], 1],
      [
        'a case whose events getter throws',
        () => [
          good,
          {
            caseId: 'nc-bad-getter',
            get events(): never {
              throw new Error('boom');
            },
          },
        ],
        1,
      ],
      ['events that are a Proxy whose every trap throws', () => [good, { caseId: 'nc-bad-proxy', events: throwingProxy([]) }], 1],
      [
        'an event whose actor getter throws',
        () => [
          good,
          {
            caseId: 'nc-bad-actor',
            events: [
              withGetter(newCaseOf('nc-bad-actor').events[0]!, 'actor', () => {
                throw new Error('boom');
              }),
            ],
          },
        ],
        1,
      ],
    ];
    it.each(hostile)('refuses %s with INVALID_APPEND naming the entry, and writes none of the cases', async (_name, build, entry) => {
      const store = await createStore();
      const saved = await store.appendNewCases(build() as NewCase[]);
      expect(saved).toMatchObject({ ok: false, entry, failure: { code: 'INVALID_APPEND' } });
      if (!saved.ok) expect(saved.failure.message).not.toContain('c'.repeat(100));
      expect(await store.read('nc-bad-good')).toEqual([]);
    });

    it('refuses a call that is a throwing or revoked Proxy with INVALID_APPEND, and never throws', async () => {
      const store = await createStore();
      const revocable = Proxy.revocable([newCaseOf('nc-revoked')], {});
      revocable.revoke();
      for (const cases of [throwingProxy([newCaseOf('nc-proxy')]), revocable.proxy]) {
        expect(await store.appendNewCases(cases as NewCase[])).toMatchObject({ ok: false, entry: 0, failure: { code: 'INVALID_APPEND' } });
      }
      expect(await store.read('nc-proxy')).toEqual([]);
    });

    it('reads each event once: an actor id that turns into a NUL after the first read is stored as first read', async () => {
      const store = await createStore();
      const base = newCaseOf('nc-changing');
      let reads = 0;
      const first = base.events[0]!;
      const changing = {
        ...first,
        get actor() {
          return reads++ === 0 ? first.actor : { role: first.actor.role, id: 'n\u0000' };
        },
      };
      const saved = await store.appendNewCases([
        { caseId: 'nc-changing', events: [changing, ...base.events.slice(1)], projection: base.projection },
      ]);
      expect(saved).toMatchObject({ ok: true, cases: 1 });
      expect(await store.read('nc-changing')).toEqual(base.events);
    });

    it('refuses a call that is not an array with INVALID_APPEND', async () => {
      const store = await createStore();
      expect(await store.appendNewCases('nc' as unknown as NewCase[])).toMatchObject({ ok: false, failure: { code: 'INVALID_APPEND' } });
      expect(await store.appendNewCases([])).toEqual({ ok: true, cases: 0, events: 0, alreadyRecorded: false });
    });

    it('lets exactly one of two racing writers have a shared case, and the loser writes none of its cases', async () => {
      const store = await createStore();
      for (let round = 0; round < 5; round++) {
        const shared = (writer: string) => newCaseOf(`nc-race-${round}-shared`, `${writer}-${round}`);
        const first = [newCaseOf(`nc-race-${round}-a`), shared('a'), newCaseOf(`nc-race-${round}-b`)];
        const second = [newCaseOf(`nc-race-${round}-c`), shared('b')];
        const single = shared('c');
        const results = await Promise.all([
          store.appendNewCases(first),
          store.appendNewCases(second),
          store.append(single.caseId, single.events, { expectedSeq: 0 }),
        ]);
        expect(results.filter((result) => result.ok)).toHaveLength(1);
        for (const result of results)
          if (!result.ok) expect(result.failure).toMatchObject({ code: 'CONCURRENCY_CONFLICT', caseId: single.caseId });
        const stored = await casesIn(store, `nc-race-${round}-`);
        const winner = results.findIndex((result) => result.ok);
        const expected = winner === 0 ? first : winner === 1 ? second : [single];
        expect([...stored.keys()].sort()).toEqual(expected.map((newCase) => newCase.caseId).sort());
        for (const newCase of expected) expect(stored.get(newCase.caseId)).toEqual(newCase.events);
      }
    }, 60_000);
  });
}
