// For random histories and random instants to claim at: what the stores hand out is exactly what
// `caseRef.deadlines(now)` says is due for the open cases (dueAt <= now) and not yet settled, on
// the memory store and on PGlite alike. Deadlines here move (a comment restarts one), are met (a
// review), and come and go (a pause), so every way a deadline is armed, moved or dropped is met.
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, createMemoryStore, definePath, openCaseStore, type IndexedEventStore } from 'kykypolku';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { propertyRun } from '../support/property.js';
import { author, reviewSpec, reviewer } from '../support/reviewPath.js';

const label = (en: string) => ({ fi: `fi: ${en}`, sv: `sv: ${en}`, en });
type Event = { readonly type: string; readonly at: string };
const last = (history: readonly Event[], type: string) => history.findLast((event) => event.type === type);

/** The review path with deadlines that move, are met, and come and go. */
const movingPath = definePath({
  ...reviewSpec(),
  id: 'review-moving-deadlines',
  deadlines: [
    ...reviewSpec().deadlines,
    {
      id: 'answer-a-comment',
      label: label('A comment answered within two days'),
      source: { seed: 'test-fixture.txt', lines: '3' },
      kind: 'target',
      // Restarts with every comment, met by a review after it.
      dueAt: (history: readonly Event[]) => {
        const comment = last(history, 'COMMENTED');
        if (!comment || history.indexOf(comment) < history.findLastIndex((event) => event.type === 'REVIEWED')) return undefined;
        return addDays(comment.at, 2);
      },
    },
    {
      id: 'resume-a-pause',
      label: label('A pause resumed within three days'),
      source: { seed: 'test-fixture.txt', lines: '4' },
      kind: 'decision',
      dueAt: (history: readonly Event[], state: { value: unknown }) => {
        const paused = last(history, 'PAUSED');
        return paused && JSON.stringify(state.value).includes('waiting') ? addDays(paused.at, 3) : undefined;
      },
    },
  ],
} as const);

type Step =
  | {
      readonly kind: 'record';
      readonly caseNo: number;
      readonly input: 'SUBMITTED' | 'REVIEWED' | 'COMMENTED' | 'PAUSED' | 'RESUMED' | 'DONE';
      readonly hours: number;
    }
  | { readonly kind: 'claim'; readonly hours: number; readonly release: readonly boolean[] };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('record' as const),
    caseNo: fc.integer({ min: 0, max: 4 }),
    input: fc.constantFrom('SUBMITTED', 'REVIEWED', 'COMMENTED', 'PAUSED', 'RESUMED', 'DONE') as fc.Arbitrary<
      'SUBMITTED' | 'REVIEWED' | 'COMMENTED' | 'PAUSED' | 'RESUMED' | 'DONE'
    >,
    hours: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('claim' as const),
    hours: fc.integer({ min: 0, max: 80 }),
    release: fc.array(fc.boolean(), { maxLength: 6 }),
  }),
);

const payloadOf = (type: string) => (type === 'SUBMITTED' ? { priority: 'low' } : type === 'REVIEWED' ? { approved: true } : {});

function property(createStore: () => Promise<IndexedEventStore>) {
  return fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
    const store = await createStore();
    const cases = openCaseStore(store, [movingPath]);
    const settled = new Set<string>();
    let clock = Date.UTC(2025, 2, 3, 9);
    for (const next of steps) {
      clock += next.hours * 3_600_000;
      const now = new Date(clock).toISOString();
      if (next.kind === 'record') {
        const actor = next.input === 'SUBMITTED' || next.input === 'COMMENTED' ? author : reviewer;
        const caseId = `case-${next.caseNo}`;
        await cases.record(caseId, { type: next.input, at: now, actor, payload: payloadOf(next.input) } as never);
        // A settled deadline the case no longer arms (met, moved) is forgotten: armed again later, it is new.
        const loaded = await cases.load(caseId);
        const open = loaded.ok && loaded.case.state.status === 'open';
        const armed = new Set(
          open ? loaded.case.deadlines(now).map((deadline) => `${caseId}/${deadline.id}@${Date.parse(deadline.dueAt)}`) : [],
        );
        for (const key of settled) if (key.startsWith(`${caseId}/`) && !armed.has(key)) settled.delete(key);
        continue;
      }
      // What deadlines(now) says is due and not settled, for every open case.
      const expected: string[] = [];
      for (let caseNo = 0; caseNo < 5; caseNo++) {
        const loaded = await cases.load(`case-${caseNo}`);
        if (!loaded.ok || loaded.case.seq === 0 || loaded.case.state.status !== 'open') continue;
        for (const deadline of loaded.case.deadlines(now)) {
          const key = `case-${caseNo}/${deadline.id}@${Date.parse(deadline.dueAt)}`;
          if (Date.parse(deadline.dueAt) <= clock && !settled.has(key)) expected.push(key);
        }
      }
      const claimed = await store.claimDueDeadlines({ now, limit: 100, workerId: 'w', lease: 1000 });
      if (!claimed.ok) throw new Error(claimed.failure.message);
      const got = claimed.claims.map((claim) => `${claim.caseId}/${claim.deadlineId}@${Date.parse(claim.dueAt)}`);
      expect([...got].sort()).toEqual(expected.sort());
      for (const [index, claim] of claimed.claims.entries()) {
        if (next.release[index]) expect(await store.releaseDeadline(claim)).toEqual({ ok: true });
        else {
          expect(await store.completeDeadline(claim)).toEqual({ ok: true });
          settled.add(got[index]!);
        }
      }
    }
  });
}

let db: PGlite;
let pglite: PgliteStore;
beforeAll(async () => {
  db = new PGlite();
  pglite = await createPgliteStore({ db });
}, 60_000);
afterAll(async () => {
  await pglite?.close();
  await db?.close();
});

it('hands out on the memory store exactly what deadlines(now) says is due and not settled', async () => {
  await fc.assert(
    property(async () => createMemoryStore()),
    propertyRun('memory store claims against deadlines(now)', 200),
  );
}, 120_000);

it('hands out on PGlite exactly what deadlines(now) says is due and not settled', async () => {
  const empty = async () => {
    await db.exec('TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines');
    return pglite;
  };
  await fc.assert(property(empty), propertyRun('PGlite store claims against deadlines(now)', 30));
}, 240_000);
