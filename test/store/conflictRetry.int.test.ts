import { describe, expect, it } from 'vitest';
import { createMemoryStore, openCaseStore, type IndexedEventStore } from 'kykypolku';
import { lifestyleGuidancePath } from 'kykypolku/paths';
import { createPgliteStore, createPostgresStore } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';

// `record` with `retryOnConflict`: on CONCURRENCY_CONFLICT it reloads the case, records the same
// input through every rule again and appends again, up to the attempts given.

const at = '2025-04-01T09:00:00Z';
const client = { role: 'client', id: 'c-1' } as const;
const coach = { role: 'lifestyleCoach', id: 'lc-1' } as const;
const session = (eventId: string) => ({ type: 'INFO_SESSION_ATTENDED', at, actor: client, payload: {}, eventId }) as const;
const closed = { type: 'CLOSED', at, actor: coach, payload: { outcome: 'discontinued' }, eventId: 'close' } as const;

const postgres = useThrowawayServer();

const stores: [string, () => Promise<IndexedEventStore & { close?(): Promise<void> }>][] = [
  ['memory', async () => createMemoryStore()],
  ['PGlite', () => createPgliteStore()],
  [
    'PostgreSQL',
    async () => {
      const { pool } = await postgres.freshPool(10);
      const store = createPostgresStore({ pool });
      await store.migrate();
      return store;
    },
  ],
];

describe.each(stores)('record with retryOnConflict (%s store)', (_name, makeStore) => {
  it('records 40 concurrent events on one case, each once, where without it 39 conflict', async () => {
    const store = await makeStore();
    try {
      const naive = openCaseStore(store, [lifestyleGuidancePath]);
      await naive.record('lg-naive', session('first'));
      const withoutRetry = await Promise.all(Array.from({ length: 40 }, (_, n) => naive.record('lg-naive', session(`s-${n}`))));
      const conflicts = withoutRetry.filter((result) => !result.ok && result.failure.code === 'CONCURRENCY_CONFLICT').length;
      expect(conflicts).toBeGreaterThan(0);

      let retries = 0;
      const cases = openCaseStore(store, [lifestyleGuidancePath], { retryOnConflict: { attempts: 41, beforeRetry: () => void retries++ } });
      await cases.record('lg-1', session('first'));
      const results = await Promise.all(Array.from({ length: 40 }, (_, n) => cases.record('lg-1', session(`s-${n}`))));
      expect(results.every((result) => result.ok && !result.alreadyRecorded)).toBe(true);
      const ids = (await store.read('lg-1')).map((event) => event.eventId);
      expect(ids).toHaveLength(41);
      expect(new Set(ids).size).toBe(41);
      expect(retries).toBeGreaterThan(0);
      console.log(
        `${_name}: 40 concurrent records on one case: ${conflicts} conflicts without retry; with retry all 40 recorded after ${retries} retries`,
      );
    } finally {
      await store.close?.();
    }
  });

  it('re-decides on the new state: a retry the case now refuses is a typed final answer', async () => {
    const store = await makeStore();
    try {
      const other = openCaseStore(store, [lifestyleGuidancePath]);
      await other.record('lg-2', session('first'));
      // Another writer closes the case between this writer's load and its append.
      let interfered = false;
      const racing: typeof store = Object.assign(Object.create(store) as typeof store, {
        append: async (...args: Parameters<typeof store.append>) => {
          if (!interfered) {
            interfered = true;
            expect(await other.record('lg-2', closed)).toMatchObject({ ok: true });
          }
          return store.append(...args);
        },
      });
      const cases = openCaseStore(racing, [lifestyleGuidancePath], { retryOnConflict: { attempts: 5 } });
      const result = await cases.record('lg-2', session('late'));
      expect(result).toMatchObject({ ok: false, failure: { code: 'EVENT_REJECTED', rejection: { code: 'CASE_CLOSED' } } });
      expect((await store.read('lg-2')).map((event) => event.eventId)).toEqual(['first', 'close']);
    } finally {
      await store.close?.();
    }
  });

  it('answers RETRIES_EXHAUSTED after the attempts given, and a retry of a stored event id as already stored', async () => {
    const store = await makeStore();
    try {
      const other = openCaseStore(store, [lifestyleGuidancePath]);
      await other.record('lg-3', session('first'));
      let n = 0;
      // A writer that always gets in first.
      const crowded: typeof store = Object.assign(Object.create(store) as typeof store, {
        append: async (...args: Parameters<typeof store.append>) => {
          await other.record('lg-3', session(`other-${n++}`));
          return store.append(...args);
        },
      });
      const waits: number[] = [];
      const cases = openCaseStore(crowded, [lifestyleGuidancePath], {
        retryOnConflict: { attempts: 3, beforeRetry: (attempt) => void waits.push(attempt) },
      });
      const result = await cases.record('lg-3', session('mine'));
      expect(result).toMatchObject({
        ok: false,
        failure: { code: 'RETRIES_EXHAUSTED', caseId: 'lg-3', attempts: 3, expectedSeq: 3, actualSeq: 4 },
      });
      expect(waits).toEqual([2, 3]);
      expect((await store.read('lg-3')).some((event) => event.eventId === 'mine')).toBe(false);

      const plain = openCaseStore(store, [lifestyleGuidancePath], { retryOnConflict: { attempts: 3 } });
      expect(await plain.record('lg-3', session('mine'))).toMatchObject({ ok: true, alreadyRecorded: false });
      expect(await plain.record('lg-3', session('mine'))).toMatchObject({ ok: true, alreadyRecorded: true });
    } finally {
      await store.close?.();
    }
  });

  it('leaves CONCURRENCY_CONFLICT to the host without the option, and refuses a bound that is not a positive integer', async () => {
    const store = await makeStore();
    try {
      expect(() => openCaseStore(store, [lifestyleGuidancePath], { retryOnConflict: { attempts: 0 } })).toThrow(TypeError);
      const other = openCaseStore(store, [lifestyleGuidancePath]);
      await other.record('lg-4', session('first'));
      const racing: typeof store = Object.assign(Object.create(store) as typeof store, {
        append: async (...args: Parameters<typeof store.append>) => {
          await other.record('lg-4', session('theirs'));
          return store.append(...args);
        },
      });
      const result = await openCaseStore(racing, [lifestyleGuidancePath]).record('lg-4', session('mine'));
      expect(result).toMatchObject({ ok: false, failure: { code: 'CONCURRENCY_CONFLICT', expectedSeq: 1, actualSeq: 2 } });
    } finally {
      await store.close?.();
    }
  });
});
