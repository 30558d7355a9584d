import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type AnyPathDefinition, type EventStore, type RecordedEvent } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { eventStoreProperty } from 'kykypolku/testing';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';

const paths: readonly AnyPathDefinition[] = [...builtInPaths, reviewPath];

describe('model-based testing of an EventStore against a path', () => {
  it.each(paths.map((path) => [path.id, path] as const))('the memory store agrees with the model on %s', async (id, path) => {
    await fc.assert(
      eventStoreProperty(path, () => createMemoryStore()),
      propertyRun(`${id}: memory store against the model`, 60),
    );
  });

  it('catches a store that forgets to check the expected seq', async () => {
    const careless = (): EventStore => {
      const store = createMemoryStore();
      return {
        ...store,
        // Appends at whatever seq the store is at: a stale writer's event lands twice.
        append: async (caseId, events) => store.append(caseId, events, { expectedSeq: (await store.read(caseId)).length }),
      };
    };
    const details = await fc.check(eventStoreProperty(reviewPath, careless), propertyRun('careless store is caught', 100));
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/stale append .* must get CONCURRENCY_CONFLICT/);
  });

  it('catches a store that loses the order of appends', async () => {
    const shuffling = (): EventStore => {
      const store = createMemoryStore();
      return {
        ...store,
        readAll: async function* () {
          const events = [];
          for await (const event of store.readAll()) events.push(event);
          yield* events.reverse();
        },
      };
    };
    const details = await fc.check(eventStoreProperty(reviewPath, shuffling), propertyRun('shuffling store is caught', 100));
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/readAll, in append order/);
  });

  /**
   * A store with defect 1 of issue 11, as the SQL stores had it: readAll pages through the log
   * by a keyset on the position, but each page is sorted by the position's text ('10' before '2'),
   * so from 10 events the order is wrong, and past a page rows are skipped.
   */
  function orderingByText(pageSize: number): () => EventStore {
    return () => {
      const store = createMemoryStore();
      return {
        ...store,
        readAll: async function* () {
          const log: RecordedEvent[] = [];
          for await (const event of store.readAll()) log.push(event);
          let after = 0;
          for (;;) {
            const page = log
              .map((event, index) => ({ event, position: index + 1 }))
              .filter((row) => row.position > after)
              .sort((a, b) => (String(a.position) < String(b.position) ? -1 : 1))
              .slice(0, pageSize);
            for (const row of page) yield row.event;
            if (page.length < pageSize) return;
            after = page[page.length - 1]!.position;
          }
        },
      };
    };
  }

  it('catches a store that orders readAll by the text of the position', async () => {
    const details = await fc.check(eventStoreProperty(reviewPath, orderingByText(5000)), propertyRun('text-ordered store is caught', 100));
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/readAll, in append order/);
  });

  it('catches a store that skips rows past a read page (a page of 1 000, as a store with that page size would)', async () => {
    // Sorted by number within each page, so only the keyset is wrong: rows are lost past a page,
    // which only a run of more than 1 000 events can show.
    const skipping = (): EventStore => {
      const store = createMemoryStore();
      return {
        ...store,
        readAll: async function* () {
          const log: RecordedEvent[] = [];
          for await (const event of store.readAll()) log.push(event);
          for (let from = 0; from < log.length; from += 1000) yield* log.slice(from, from + 999);
        },
      };
    };
    const details = await fc.check(eventStoreProperty(reviewPath, skipping), propertyRun('page-skipping store is caught', 100));
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/readAll, in append order/);
  });

  it('writes histories past 1 000 events, several cases, racing writers and awkward ids', async () => {
    const seen = { longestCase: 0, longestRun: 0, largestBatch: 0, casesInARun: 0, races: 0, ids: new Set<string>() };
    const watching = (): EventStore => {
      const store = createMemoryStore();
      const lengths = new Map<string, number>();
      const pending = new Map<string, number>();
      return {
        ...store,
        async append(caseId, events, options) {
          const racing = (pending.get(`${caseId}@${options.expectedSeq}`) ?? 0) + 1;
          pending.set(`${caseId}@${options.expectedSeq}`, racing);
          if (racing > 1) seen.races++;
          const saved = await store.append(caseId, events, options);
          if (saved.ok) lengths.set(caseId, saved.seq);
          seen.largestBatch = Math.max(seen.largestBatch, events.length);
          seen.longestCase = Math.max(seen.longestCase, ...lengths.values());
          seen.longestRun = Math.max(
            seen.longestRun,
            [...lengths.values()].reduce((sum, length) => sum + length, 0),
          );
          seen.casesInARun = Math.max(seen.casesInARun, lengths.size);
          for (const event of events)
            seen.ids.add(event.actor.id.replace(/^[a-z]+/i, '')).add(caseId.replace(/^model-run-\d+-case-\d+/, ''));
          return saved;
        },
      };
    };
    await fc.assert(eventStoreProperty(reviewPath, watching), propertyRun('what the property writes', 60));
    process.stdout.write(`[property] in 60 runs: ${JSON.stringify({ ...seen, ids: seen.ids.size })}\n`);
    expect(seen.longestCase).toBeGreaterThan(1000);
    expect(seen.largestBatch).toBeGreaterThan(1000);
    expect(seen.casesInARun).toBe(3);
    expect(seen.races).toBeGreaterThan(0);
    expect([...seen.ids]).toEqual(expect.arrayContaining(['-x\uFFFD', '-ä-Åström', '-🧭', `-${'0123456789abcdef'.repeat(4)}`]));
  });
});
