// readCases at the sizes the store pages at, on a PostgreSQL server: a store of 50 000 events whose
// longest case (6 000 events) runs past the 5 000-row read page, appended in batches of 1 000. The
// scan asks for each next page while the reader still holds the current one; every case must come
// whole, in order and equal to what was appended, a row changed past the first page must still be
// refused (TAMPERED_EVENT naming its seq, every other case whole), and a reader that stops early
// leaves the store as usable as before.
import { expect, it } from 'vitest';
import type { RecordedEvent, UnreadableCase } from 'kykypolku';
import { createPostgresStore } from 'kykypolku/postgres';
import { longCase } from '../support/longCases.js';
import { useThrowawayServer } from '../support/postgresServer.js';

const postgres = useThrowawayServer();

it('reads a store of 50 000 events case by case past every page, and still refuses a changed row', async () => {
  const { pool } = await postgres.freshPool(2);
  const store = createPostgresStore({ pool });
  await store.migrate();
  const cases = [
    longCase('size-long', 6000),
    ...Array.from({ length: 110 }, (_, n) => longCase(`size-${String(n).padStart(3, '0')}`, 400, n)),
  ];
  expect(cases.reduce((sum, history) => sum + history.length, 0)).toBe(50_000);
  for (const history of cases) {
    for (let from = 0; from < history.length; from += 1000) {
      const saved = await store.append(history[0]!.caseId, history.slice(from, from + 1000), { expectedSeq: from });
      expect(saved.ok).toBe(true);
    }
  }
  const byId = new Map(cases.map((history) => [history[0]!.caseId, history]));
  const sorted = [...byId.keys()].sort();

  const read: (readonly RecordedEvent[])[] = [];
  for await (const events of store.readCases()) read.push(events);
  expect(read.map((events) => events[0]!.caseId)).toEqual(sorted);
  for (const events of read) expect(events).toEqual(byId.get(events[0]!.caseId));

  // A reader that stops after the first case: the page asked for ahead is left, and nothing breaks.
  for await (const events of store.readCases()) {
    expect(events[0]!.caseId).toBe('size-000');
    break;
  }
  expect(await store.read('size-001')).toEqual(byId.get('size-001'));

  // A row of the long case changed past the first page (seq 5 500, the second page's rows).
  await pool.query(`UPDATE kykypolku_events SET payload = '{"channel":"phone"}' WHERE case_id = 'size-long' AND seq = 5500`);
  const problems: UnreadableCase[] = [];
  const whole: string[] = [];
  for await (const events of store.readCases({ onUnreadable: (problem) => problems.push(problem) })) {
    expect(events).toEqual(byId.get(events[0]!.caseId));
    whole.push(events[0]!.caseId);
  }
  expect(problems).toMatchObject([{ code: 'TAMPERED_EVENT', caseId: 'size-long', seq: 5500 }]);
  expect(whole).toEqual(sorted.filter((caseId) => caseId !== 'size-long'));
  await expect(store.read('size-long')).rejects.toMatchObject({ failure: { code: 'TAMPERED_EVENT', seq: 5500 } });
}, 600_000);
