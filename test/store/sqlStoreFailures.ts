// What the SQL stores answer when the database itself refuses a statement: a typed failure
// (INVALID_APPEND when the value domain refuses the value before any SQL, STORE_FAILED with its
// SQLSTATE for what reaches the database), never a raw driver error, and nothing written. Run on
// PGlite and the server.
import { describe, expect, it } from 'vitest';
import { EventStoreError, type IndexedEventStore, type RecordedEvent } from 'kykypolku';
import { longCase } from '../support/longCases.js';

/** A store on empty tables, and a way to run SQL on its database behind the store's back. */
export interface SqlStoreUnderTest {
  readonly store: IndexedEventStore;
  exec(sql: string): Promise<void>;
}

/** A call's outcome as data: what it resolved to, the typed failure it threw, or the raw error's name. */
async function outcomeOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof EventStoreError) return { threw: error.failure };
    return `raw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message} (${String((error as { code?: unknown })?.code)})`;
  }
}

async function drain(iterable: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _ of iterable) count++;
  return count;
}

/** `length` characters that do not compress: a key that long cannot hide under the index row limit. */
function incompressible(length: number): string {
  let state = 7;
  return Array.from({ length }, () => {
    state = (state * 48_271) % 2_147_483_647;
    return 'abcdefghijklmnopqrstuvwxyz0123456789'[state % 36];
  }).join('');
}

const projection = { state: 'intensiveGuidance', status: 'open', assignee: 'lc-1', nextDueAt: undefined } as const;

export function describeSqlStoreFailures(name: string, open: () => Promise<SqlStoreUnderTest>): void {
  describe(`${name} types every failure of the database`, () => {
    it.each<[string, (event: RecordedEvent) => RecordedEvent, { nextDueAt?: string }?]>([
      ['a case id too long for its index (54000)', (event) => ({ ...event, caseId: incompressible(3000) })],
      ['a NUL in actor.id (22021)', (event) => ({ ...event, actor: { ...event.actor, id: 'lc\u0000' } })],
      ['a NUL in a payload string (22P05)', (event) => ({ ...event, payload: { channel: 'in\u0000Person' } })],
      ['a deadline in year 10000 (22008/22009)', (event) => event, { nextDueAt: '+010000-01-01T00:00:00.000Z' }],
    ])('refuses an append holding %s with a typed failure, writing nothing', async (_name, change, due) => {
      const { store } = await open();
      const event = change(longCase('refused', 5)[0]!);
      const outcome = await outcomeOf(() => store.append(event.caseId, [event], { expectedSeq: 0, projection: { ...projection, ...due } }));
      expect(outcome).toMatchObject({ ok: false });
      const { code, message } = (outcome as { failure: { code: string; message: string } }).failure;
      // The value domain refuses these first (INVALID_APPEND); STORE_FAILED is the store's safety net.
      expect(['STORE_FAILED', 'INVALID_EVENT', 'INVALID_APPEND']).toContain(code);
      expect(message).not.toMatch(/[a-z0-9]{40}|lc\u0000|in\u0000Person/);
      expect(await drain(store.readAll())).toBe(0);
    });

    it('answers every operation with STORE_FAILED and its SQLSTATE when the schema was changed under it', async () => {
      const { store, exec } = await open();
      const history = longCase('drifted', 6);
      await store.append('drifted', history.slice(0, 5), { expectedSeq: 0, projection });
      await exec('ALTER TABLE kykypolku_events RENAME COLUMN actor_id TO actor_ident');
      await exec('ALTER TABLE kykypolku_cases RENAME COLUMN assignee TO case_assignee');
      const failed = (sqlState: string) => ({ threw: { code: 'STORE_FAILED', sqlState } });
      expect(await outcomeOf(() => store.append('drifted', history.slice(5), { expectedSeq: 5, projection }))).toMatchObject({
        ok: false,
        failure: { code: 'STORE_FAILED', caseId: 'drifted', sqlState: '42703' },
      });
      expect(await outcomeOf(() => store.read('drifted'))).toMatchObject(failed('42703'));
      expect(await outcomeOf(() => drain(store.readAll()))).toMatchObject(failed('42703'));
      expect(await outcomeOf(() => drain(store.readCases()))).toMatchObject(failed('42703'));
      expect(await outcomeOf(() => store.listCases())).toMatchObject(failed('42703'));
      expect(await outcomeOf(() => store.countActiveCases({ assignee: 'lc-1' }))).toMatchObject(failed('42703'));
      expect(await outcomeOf(() => store.writeProjections([{ caseId: 'drifted', seq: 5, projection }]))).toMatchObject(failed('42703'));
      await exec('ALTER TABLE kykypolku_events RENAME COLUMN actor_ident TO actor_id');
      await exec('ALTER TABLE kykypolku_cases RENAME COLUMN case_assignee TO assignee');
      expect(await store.read('drifted')).toEqual(history.slice(0, 5));
    });

    it('names a store whose tables were never made, as STORE_FAILED that says to migrate', async () => {
      const { store, exec } = await open();
      await exec('ALTER TABLE kykypolku_events RENAME TO kykypolku_events_gone');
      const outcome = await outcomeOf(() => store.read('any'));
      await exec('ALTER TABLE kykypolku_events_gone RENAME TO kykypolku_events');
      expect(outcome).toMatchObject({ threw: { code: 'STORE_FAILED', sqlState: '42P01' } });
      expect((outcome as { threw: { message: string } }).threw.message).toMatch(/migrate\(\)/);
    });
  });
}
