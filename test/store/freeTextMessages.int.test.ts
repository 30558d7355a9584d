import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, openCase, openCaseStore, type IndexedEventStore, type RecordedEvent } from 'kykypolku';
import { createPgliteStore, createPostgresStore, type PgliteStore } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';
import { author, reviewPath } from '../support/reviewPath.js';

// Defect 10 of issue 11: a store's failure names the case and the event by excerpts. A host's
// caseId or eventId may be up to 200 characters, and whatever it holds, a message quotes 32.
const longCaseId = `case-${'C'.repeat(195)}`;
const longEventId = `event-${'E'.repeat(194)}`;
const quoted = /C{40}|E{40}/;

function eventsOf(caseId: string, count: number, eventId?: string): RecordedEvent[] {
  const caseRef = openCase(reviewPath, { caseId });
  const submitted = caseRef.record({
    type: 'SUBMITTED',
    at: '2025-05-01T09:00:00Z',
    actor: author,
    payload: { priority: 'low' },
    ...(eventId ? { eventId } : {}),
  });
  const events = [submitted.event!];
  for (let index = 1; index < count; index++) {
    events.push(caseRef.record({ type: 'COMMENTED', at: '2025-05-01T10:00:00Z', actor: author, payload: {} }).event!);
  }
  return events;
}

let db: PGlite;
let pglite: PgliteStore;
const postgres = useThrowawayServer();

beforeAll(async () => {
  db = new PGlite();
  pglite = await createPgliteStore({ db });
});

afterAll(async () => {
  await pglite?.close();
  await db?.close();
});

describe.each([
  ['the memory store', async (): Promise<IndexedEventStore> => createMemoryStore()],
  [
    'the PGlite store',
    async (): Promise<IndexedEventStore> => {
      await db.exec('TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines');
      return pglite;
    },
  ],
  [
    'the PostgreSQL store',
    async (): Promise<IndexedEventStore> => {
      const { pool } = await postgres.freshPool(2);
      const store = createPostgresStore({ pool });
      await store.migrate();
      return store;
    },
  ],
])('%s names cases and events by excerpts', (_name, emptyStore) => {
  it('in a concurrency conflict', async () => {
    const store = await emptyStore();
    const events = eventsOf(longCaseId, 2);
    expect((await store.append(longCaseId, events.slice(0, 1), { expectedSeq: 0 })).ok).toBe(true);
    const conflict = await store.append(longCaseId, events.slice(0, 1), { expectedSeq: 0 });
    expect(conflict.ok).toBe(false);
    expect(conflict.ok || conflict.failure.message).not.toMatch(quoted);
  });

  it('in a batch of another case', async () => {
    const store = await emptyStore();
    const failed = await store.append('other', eventsOf(longCaseId, 1), { expectedSeq: 0 });
    expect(failed.ok || failed.failure.code).toBe('INVALID_APPEND');
    expect(failed.ok || failed.failure.message).not.toMatch(quoted);
  });

  it('in an event id already taken by another event', async () => {
    const store = await emptyStore();
    const [first] = eventsOf(longCaseId, 1, longEventId);
    expect((await store.append(longCaseId, [first!], { expectedSeq: 0 })).ok).toBe(true);
    const second = { ...eventsOf(longCaseId, 2)[1]!, eventId: longEventId };
    const failed = await store.append(longCaseId, [second], { expectedSeq: 1 });
    expect(failed.ok).toBe(false);
    expect(failed.ok || failed.failure.message).not.toMatch(quoted);
  });

  it('in openCaseStore: an unknown case', async () => {
    const store = await emptyStore();
    const cases = openCaseStore(store, [reviewPath]);
    const unknown = await cases.load(longCaseId);
    expect(unknown.ok || unknown.failure.code).toBe('UNKNOWN_CASE');
    expect(unknown.ok || unknown.failure.message).not.toMatch(quoted);
  });
});

it('expectedSeq that is not a number is named by its kind, never converted', async () => {
  const failed = await createMemoryStore().append('c', [], { expectedSeq: 'x'.repeat(1 << 20) as never });
  expect(failed.ok || failed.failure.message.length).toBeLessThan(200);
});
