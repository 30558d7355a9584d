// Everything that reads a whole store reads it through readAll, so the readAll paging defect
// (events lost and reordered past the first 5 000-row page) reached each of them. Each is checked
// here on a store of 7 000 events (one case of 2 500), on the memory store and on PGlite.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseloadIndex, createMemoryStore, eventLine, exportEvents, type IndexedEventStore, type RecordedEvent } from 'kykypolku';
import { historiesFromStore } from 'kykypolku/diagram';
import { lifestyleGuidancePath } from 'kykypolku/paths';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { appendInterleaved, logDifference, pastOnePage } from '../support/longCases.js';

let db: PGlite;
let pglite: PgliteStore;

beforeAll(async () => {
  db = new PGlite();
  pglite = await createPgliteStore({ db });
});

afterAll(async () => {
  await pglite?.close();
  await db?.close();
});

const stores: [string, () => Promise<IndexedEventStore>][] = [
  ['the memory store', async () => createMemoryStore()],
  [
    'the PGlite store',
    async () => {
      await db.exec('TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines');
      return pglite;
    },
  ],
];

describe.each(stores)('readers of a whole store, on %s past one read page', (_name, createStore) => {
  let appended: RecordedEvent[];
  let store: IndexedEventStore;

  beforeAll(async () => {
    store = await createStore();
    ({ appended } = await appendInterleaved(store, pastOnePage('reader')));
  });

  it('exportEvents writes every event once, in append order', async () => {
    const lines: string[] = [];
    expect(await exportEvents(store, (line) => void lines.push(line))).toEqual({ events: 7000, unreadable: [] });
    const events = lines.map((line) => JSON.parse(line) as RecordedEvent);
    expect(logDifference(events, appended)).toEqual({ events: 7000, repeated: 0, firstDifference: -1 });
    expect(lines).toEqual(appended.map(eventLine));
  });

  it('historiesFromStore gives each case whole', async () => {
    const histories = await historiesFromStore(store, 'lifestyle-guidance');
    const byCase = new Map(histories.map((history) => [history[0]!.caseId, history]));
    expect(byCase.size).toBe(46);
    expect(byCase.get('reader-long')).toHaveLength(2500);
    for (const history of byCase.values()) expect(history.map((event) => event.seq)).toEqual(history.map((_, index) => index + 1));
    expect(histories.flat().length).toBe(7000);
  });

  it('createCaseloadIndex().catchUp applies every event in order, with no problem', async () => {
    const index = createCaseloadIndex([lifestyleGuidancePath]);
    expect(await index.catchUp(store)).toEqual([]);
    expect(await index.countActiveCases({ pathId: 'lifestyle-guidance', assignee: 'lc-1' })).toBe(46);
  });
});
