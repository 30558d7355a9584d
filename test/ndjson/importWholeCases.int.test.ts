import { afterEach, describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  eventLine,
  importEventLog,
  simulateCohort,
  validateEventLog,
  type IndexedEventStore,
  type RecordedEvent,
} from 'kykypolku';
import { lifestyleGuidancePath, workabilityPath } from 'kykypolku/paths';
import { createPgliteStore, createPostgresStore } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';

// The unit of import is the case, whole; and a log with a line that belongs to no case stores
// nothing unless the host says otherwise, since that line could be any case's missing event.

const postgres = useThrowawayServer();
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

async function pglite(): Promise<IndexedEventStore> {
  const store = await createPgliteStore();
  opened.push(store);
  return store;
}

async function onServer(): Promise<IndexedEventStore> {
  const { pool } = await postgres.freshPool(4);
  const store = createPostgresStore({ pool });
  await store.migrate();
  return store;
}

async function everything(store: IndexedEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/** Six interleaved work-ability cases as recorded-event lines, and the line of one case's last event. */
function cohortLog() {
  const cases = simulateCohort(workabilityPath, { clients: 6, seed: 11, faultRate: 0 }).cases;
  const events = cases
    .flatMap((caseRef) => caseRef.history)
    .sort((a, b) => a.at.localeCompare(b.at) || a.caseId.localeCompare(b.caseId) || a.seq - b.seq);
  const lines = events.map((event) => eventLine(event));
  const victim = cases.find((caseRef) => caseRef.history.length >= 3)!;
  const lastIndex = lines.findIndex((line) => line === eventLine(victim.history[victim.history.length - 1]!));
  return { cases, lines, victim, lastIndex };
}

/** The log with one line cut in half, as a copy interrupted mid-write leaves it. */
function truncatedAt(lines: readonly string[], index: number): string[] {
  return lines.map((line, at) => (at === index ? line.slice(0, Math.floor(line.length / 2)) : line));
}

describe('import: the unit is the whole case, and a malformed line stores nothing', () => {
  it('stores nothing from a log with a line that belongs to no case, and names the line', async () => {
    const { lines, lastIndex } = cohortLog();
    const store = await pglite();
    const result = await importEventLog(workabilityPath, truncatedAt(lines, lastIndex), store);
    expect(result.problems).toEqual([{ line: lastIndex + 1, code: 'MALFORMED_LINE', message: 'not JSON' }]);
    expect(result.storedCases).toBe(0);
    expect(result.storedEvents).toBe(0);
    expect(result.verdicts.every((verdict) => verdict.status === 'notStored' && verdict.code === 'LOG_HAS_MALFORMED_LINES')).toBe(true);
    expect(await everything(store)).toEqual([]);
  });

  it('stores the cases without the line when the host asks, and the repaired log then completes the case', async () => {
    const { cases, lines, lastIndex, victim } = cohortLog();
    const store = await pglite();
    const first = await importEventLog(workabilityPath, truncatedAt(lines, lastIndex), store, { malformedLines: 'storeCases' });
    expect(first.storedCases).toBe(cases.length);
    expect(await store.read(victim.caseId)).toHaveLength(victim.history.length - 1);

    const repaired = await importEventLog(workabilityPath, lines, store);
    expect(repaired.storedEvents).toBe(1);
    const completed = repaired.verdicts.find((verdict) => verdict.caseId === victim.caseId);
    expect(completed).toMatchObject({
      status: 'accepted',
      events: victim.history.length,
      appended: 1,
      storedBefore: victim.history.length - 1,
    });
    expect(repaired.verdicts.filter((verdict) => verdict.status === 'accepted' && verdict.appended === 0)).toHaveLength(cases.length - 1);
    // toEqual, not the lines: a JSON column hands payload keys back in its own order.
    expect(await store.read(victim.caseId)).toEqual(victim.history);
    expect((await store.listCases({ pathId: 'workability-path' })).find((summary) => summary.caseId === victim.caseId)?.seq).toBe(
      victim.history.length,
    );
  });

  it('answers a log already stored with nothing to append, not a conflict', async () => {
    const { lines, cases } = cohortLog();
    const store = createMemoryStore();
    await importEventLog(workabilityPath, lines, store);
    const again = await importEventLog(workabilityPath, lines, store);
    expect(again.storedEvents).toBe(0);
    expect(again.verdicts).toHaveLength(cases.length);
    expect(again.verdicts.every((verdict) => verdict.status === 'accepted' && verdict.appended === 0)).toBe(true);
  });

  it('is run again after a store failure part way, and stores each case once', async () => {
    const { lines, cases } = cohortLog();
    const store = createMemoryStore();
    let appends = 0;
    const failing: typeof store = Object.assign(Object.create(store) as typeof store, {
      append: async (...args: Parameters<typeof store.append>) =>
        ++appends === 3
          ? { ok: false as const, failure: { code: 'STORE_UNAVAILABLE' as const, message: 'connection lost', caseId: args[0] } }
          : store.append(...args),
    });
    const first = await importEventLog(workabilityPath, lines, failing);
    expect(
      first.verdicts.filter((verdict) => verdict.status === 'notStored').map((verdict) => verdict.status === 'notStored' && verdict.code),
    ).toEqual(['STORE_UNAVAILABLE']);
    expect(first.storedCases).toBe(cases.length - 1);
    const again = await importEventLog(workabilityPath, lines, store);
    expect(again.storedCases).toBe(1);
    expect(await everything(store)).toHaveLength(lines.length);
  });

  it('writes nothing for an older log of a case the store holds more of', async () => {
    const { victim } = cohortLog();
    const store = createMemoryStore();
    await store.append(victim.caseId, victim.history, { expectedSeq: 0 });
    const older = victim.history.slice(0, 2).map((event) => eventLine(event));
    const result = await importEventLog(workabilityPath, older, store);
    expect(result.verdicts).toEqual([
      expect.objectContaining({ status: 'accepted', events: 2, appended: 0, storedBefore: victim.history.length }),
    ]);
    expect(await store.read(victim.caseId)).toHaveLength(victim.history.length);
  });

  it('refuses a case whose stored events differ from the log, naming the first differing seq', async () => {
    const { victim } = cohortLog();
    const store = await pglite();
    const history = victim.history;
    await store.append(victim.caseId, history.slice(0, 2), { expectedSeq: 0 });
    // The log's seq 2 was recorded by another person: same type and time, a different event.
    const changed = history.map((event, index) => (index === 1 ? { ...event, actor: { ...event.actor, id: 'someone-else' } } : event));
    const result = await importEventLog(
      workabilityPath,
      changed.map((event) => eventLine(event)),
      store,
    );
    expect(result.verdicts).toEqual([
      expect.objectContaining({ caseId: victim.caseId, status: 'notStored', code: 'CASE_DIFFERS', seq: 2, events: history.length }),
    ]);
    expect(await store.read(victim.caseId)).toHaveLength(2);
  });

  it.each([
    ['PGlite', pglite],
    ['a PostgreSQL server', onServer],
  ])(
    'completes a case of 2 600 events whose first 1 200 are stored, past every batch size (%s)',
    async (_name, makeStore) => {
      const store = await makeStore();
      const caseId = 'lg-long';
      const at = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
      const inputs = Array.from({ length: 2600 }, (_, n) => ({
        caseId,
        type: 'INFO_SESSION_ATTENDED',
        at: at(n),
        actor: { role: 'client', id: 'c-1' },
        payload: {},
        eventId: `e-${n}`,
      }));
      const lines = inputs.map((input) => JSON.stringify(input));
      const first = await importEventLog(lifestyleGuidancePath, lines.slice(0, 1200), store);
      expect(first.storedEvents).toBe(1200);
      const rest = await importEventLog(lifestyleGuidancePath, lines, store);
      expect(rest.verdicts).toEqual([expect.objectContaining({ status: 'accepted', events: 2600, appended: 1400, storedBefore: 1200 })]);
      const stored = await store.read(caseId);
      expect(stored.map((event) => event.eventId)).toEqual(inputs.map((input) => input.eventId));
      expect(stored.map((event) => event.seq)).toEqual(inputs.map((_, n) => n + 1));
      const differing = lines.map((line, n) => (n === 1100 ? JSON.stringify({ ...inputs[n], eventId: 'other' }) : line));
      const refused = await importEventLog(lifestyleGuidancePath, differing, store);
      expect(refused.verdicts).toEqual([expect.objectContaining({ status: 'notStored', code: 'CASE_DIFFERS', seq: 1101 })]);
    },
    120_000,
  );
});

describe('a byte order mark', () => {
  const log = (lines: readonly string[]) => lines.map((line, n) => (n === 0 ? `\uFEFF${line}` : line));

  it('is accepted at the start of the log, by validate and import', async () => {
    const { lines, cases } = cohortLog();
    expect((await validateEventLog(workabilityPath, log(lines))).summary).toMatchObject({ malformedLines: 0, acceptedCases: cases.length });
    const store = await pglite();
    expect((await importEventLog(workabilityPath, log(lines), store)).storedEvents).toBe(lines.length);
  });

  it('is named anywhere else', async () => {
    const { lines } = cohortLog();
    const moved = lines.map((line, n) => (n === 3 ? `\uFEFF${line}` : line));
    expect((await validateEventLog(workabilityPath, moved)).problems).toEqual([
      { line: 4, code: 'MALFORMED_LINE', message: 'a byte order mark (U+FEFF) starts the line; only the first line may start with one' },
    ]);
  });
});
