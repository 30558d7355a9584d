// What the SQL stores detect when their rows are changed through SQL, and what they cannot: the
// chain of digests, the case heads and the host's key (docs/developers.md, "Integrity"). Run on
// PGlite and on a PostgreSQL server; the memory store has no rows to edit.
import { describe, expect, it } from 'vitest';
import { EventStoreError, type RecordedEvent, type UnreadableCase } from 'kykypolku';
import type { SqlEventStore, SqlStoreOptions } from 'kykypolku/postgres';
import { createEventChain } from '../../src/store/postgres/eventChain.js';
import { digestOf } from '../../src/store/postgres/eventRow.js';
import { longCase } from '../support/longCases.js';

/** A migrated store on empty tables, and raw SQL on its database (what an intruder has). */
export interface IntegrityFixture {
  readonly store: SqlEventStore;
  /** Another store on the same database, opened (and migrated) with these options: another process. */
  reopen(options: SqlStoreOptions): Promise<SqlEventStore>;
  sql<TRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<readonly TRow[]>;
}

const key = `${'k'.repeat(16)}-host-secret-0123456789`;

async function readFailure(store: SqlEventStore, caseId: string): Promise<unknown> {
  try {
    await store.read(caseId);
  } catch (error) {
    if (error instanceof EventStoreError) return error.failure;
    throw error;
  }
  return undefined;
}

/** The intruder's recomputation: a fresh plain digest for the row as it now is. */
async function recomputeDigest(fixture: IntegrityFixture, caseId: string, seq: number): Promise<void> {
  const [row] = await fixture.sql<{
    case_id: string;
    seq: number;
    event_id: string | null;
    path_id: string;
    path_version: number;
    type: string;
    at: string;
    actor_role: string;
    actor_id: string;
    payload: Record<string, unknown>;
  }>(
    'SELECT case_id, seq, event_id, path_id, path_version, type, at, actor_role, actor_id, payload FROM kykypolku_events WHERE case_id = $1 AND seq = $2',
    [caseId, seq],
  );
  const base = {
    caseId: row!.case_id,
    seq: row!.seq,
    type: row!.type,
    at: row!.at,
    actor: { role: row!.actor_role, id: row!.actor_id },
    payload: row!.payload,
    path: { id: row!.path_id, version: row!.path_version },
  };
  const event: RecordedEvent = row!.event_id === null ? base : { ...base, eventId: row!.event_id };
  await fixture.sql('UPDATE kykypolku_events SET digest = $3 WHERE case_id = $1 AND seq = $2', [caseId, seq, digestOf(event)]);
}

/** The intruder who knows the code but not the key: recomputes every link and the head, unkeyed. */
async function recomputeChain(fixture: IntegrityFixture, caseId: string): Promise<void> {
  const chain = createEventChain(undefined);
  const rows = await fixture.sql<{ seq: number; digest: string }>(
    'SELECT seq, digest FROM kykypolku_events WHERE case_id = $1 ORDER BY seq',
    [caseId],
  );
  let link = '';
  for (const row of rows) {
    link = chain.link(link, row.digest);
    await fixture.sql('UPDATE kykypolku_events SET chain = $3 WHERE case_id = $1 AND seq = $2', [caseId, row.seq, link]);
  }
  await fixture.sql('UPDATE kykypolku_heads SET last_seq = $2, chain = $3, seal = $4 WHERE case_id = $1', [
    caseId,
    rows.length,
    link,
    chain.seal(rows.length, link),
  ]);
}

export function describeIntegrityContract(name: string, open: (options: SqlStoreOptions) => Promise<IntegrityFixture>): void {
  describe(`${name} detects rows changed outside the store`, () => {
    for (const mode of ['without a key', 'with an integrity key'] as const) {
      const options: SqlStoreOptions = mode === 'without a key' ? {} : { integrityKey: key };

      describe(mode, () => {
        async function storeWith(caseIds: readonly string[], length = 8): Promise<IntegrityFixture> {
          const fixture = await open(options);
          for (const caseId of caseIds) {
            const history = longCase(caseId, length);
            // Two appends, one of them without a projection: the head must survive it.
            expect(
              await fixture.store.append(caseId, history.slice(0, 5), {
                expectedSeq: 0,
                projection: { state: 's', status: 'open', assignee: undefined, nextDueAt: undefined },
              }),
            ).toMatchObject({ ok: true });
            expect(await fixture.store.append(caseId, history.slice(5), { expectedSeq: 5 })).toMatchObject({ ok: true });
            expect(await fixture.store.read(caseId)).toEqual(history);
          }
          return fixture;
        }

        it('an edited payload, with the plain digest left as it was', async () => {
          const fixture = await storeWith(['edit-a']);
          await fixture.sql(`UPDATE kykypolku_events SET payload = '{"channel": "phone"}' WHERE case_id = 'edit-a' AND seq = 6`);
          expect(await readFailure(fixture.store, 'edit-a')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'edit-a', seq: 6 });
        });

        it('an edited payload whose plain digest was recomputed', async () => {
          const fixture = await storeWith(['edit-b']);
          await fixture.sql(`UPDATE kykypolku_events SET payload = '{"channel": "phone"}' WHERE case_id = 'edit-b' AND seq = 6`);
          await recomputeDigest(fixture, 'edit-b', 6);
          expect(await readFailure(fixture.store, 'edit-b')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'edit-b', seq: 6 });
        });

        it("the case's last rows deleted", async () => {
          const fixture = await storeWith(['tail-a']);
          await fixture.sql(`DELETE FROM kykypolku_events WHERE case_id = 'tail-a' AND seq > 5`);
          expect(await readFailure(fixture.store, 'tail-a')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'tail-a', seq: 6 });
          await fixture.sql(`DELETE FROM kykypolku_events WHERE case_id = 'tail-a'`);
          expect(await readFailure(fixture.store, 'tail-a')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'tail-a', seq: 1 });
        });

        it(`the last rows deleted and the head set to the row before them: ${mode === 'without a key' ? 'NOT detected' : 'detected'}`, async () => {
          const fixture = await storeWith(['cut-a']);
          await fixture.sql(`DELETE FROM kykypolku_events WHERE case_id = 'cut-a' AND seq > 5`);
          // The intruder's best guess at a head: the remaining last row's link, sealed without the key.
          const [last] = await fixture.sql<{ chain: string }>(`SELECT chain FROM kykypolku_events WHERE case_id = 'cut-a' AND seq = 5`);
          await fixture.sql(`UPDATE kykypolku_heads SET last_seq = 5, chain = $1, seal = $2 WHERE case_id = 'cut-a'`, [
            last!.chain,
            createEventChain(undefined).seal(5, last!.chain),
          ]);
          if (mode === 'without a key') expect(await fixture.store.read('cut-a')).toHaveLength(5);
          else expect(await readFailure(fixture.store, 'cut-a')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'cut-a', seq: 5 });
        });

        it('NOT detected: the last rows deleted and the head put back as it was saved before they were appended', async () => {
          const fixture = await open(options);
          const history = longCase('back-a', 8);
          await fixture.store.append('back-a', history.slice(0, 5), { expectedSeq: 0 });
          const [saved] = await fixture.sql<{ last_seq: number; chain: string; seal: string }>(
            `SELECT last_seq, chain, seal FROM kykypolku_heads WHERE case_id = 'back-a'`,
          );
          await fixture.store.append('back-a', history.slice(5), { expectedSeq: 5 });
          await fixture.sql(`DELETE FROM kykypolku_events WHERE case_id = 'back-a' AND seq > 5`);
          await fixture.sql(`UPDATE kykypolku_heads SET last_seq = $1, chain = $2, seal = $3 WHERE case_id = 'back-a'`, [
            saved!.last_seq,
            saved!.chain,
            saved!.seal,
          ]);
          expect(await fixture.store.read('back-a')).toEqual(history.slice(0, 5));
        });

        it('a row deleted from the middle, also with the later rows renumbered', async () => {
          const fixture = await storeWith(['gap-a', 'gap-b']);
          await fixture.sql(`DELETE FROM kykypolku_events WHERE case_id IN ('gap-a', 'gap-b') AND seq = 4`);
          expect(await readFailure(fixture.store, 'gap-a')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'gap-a', seq: 4 });
          await fixture.sql(`UPDATE kykypolku_events SET seq = seq - 1 WHERE case_id = 'gap-b' AND seq > 4`);
          for (let seq = 4; seq <= 7; seq++) await recomputeDigest(fixture, 'gap-b', seq);
          await fixture.sql(`UPDATE kykypolku_heads SET last_seq = 7 WHERE case_id = 'gap-b'`);
          expect(await readFailure(fixture.store, 'gap-b')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'gap-b', seq: 4 });
        });

        it('two rows swapped in order, with recomputed digests', async () => {
          const fixture = await storeWith(['order-a']);
          // Through a free seq: the primary key is checked row by row.
          for (const [from, to] of [
            [6, 1000],
            [7, 6],
            [1000, 7],
          ]) {
            await fixture.sql(`UPDATE kykypolku_events SET seq = $2 WHERE case_id = 'order-a' AND seq = $1`, [from, to]);
          }
          await recomputeDigest(fixture, 'order-a', 6);
          await recomputeDigest(fixture, 'order-a', 7);
          expect(await readFailure(fixture.store, 'order-a')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'order-a', seq: 6 });
        });

        it('an event moved to another case, with a recomputed digest', async () => {
          const fixture = await storeWith(['from-a', 'to-b'], 6);
          // The last event of one case becomes the next of the other; both heads say what they were.
          await fixture.sql(`UPDATE kykypolku_events SET case_id = 'to-b', seq = 7 WHERE case_id = 'from-a' AND seq = 6`);
          await recomputeDigest(fixture, 'to-b', 7);
          expect(await readFailure(fixture.store, 'from-a')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'from-a', seq: 6 });
          expect(await readFailure(fixture.store, 'to-b')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'to-b', seq: 7 });
        });

        if (mode === 'with an integrity key') {
          it('an edit whose digest, every link and the head were recomputed without the key', async () => {
            const fixture = await storeWith(['forged-a']);
            await fixture.sql(`UPDATE kykypolku_events SET payload = '{"channel": "phone"}' WHERE case_id = 'forged-a' AND seq = 6`);
            await recomputeDigest(fixture, 'forged-a', 6);
            await recomputeChain(fixture, 'forged-a');
            expect(await readFailure(fixture.store, 'forged-a')).toMatchObject({ code: 'TAMPERED_EVENT', caseId: 'forged-a', seq: 1 });
          });

          it('refuses to open the store with another key, or with none', async () => {
            const fixture = await storeWith(['keyed-a']);
            await expect(fixture.reopen({ integrityKey: `${key}-other` })).rejects.toThrow(
              /chained with an integrityKey, and it was opened with another integrityKey/,
            );
            await expect(fixture.reopen({})).rejects.toThrow(/opened with no integrityKey/);
            await expect(fixture.reopen({})).rejects.toMatchObject({ name: 'IntegrityKeyError', code: 'INTEGRITY_KEY_MISMATCH' });
            expect(await (await fixture.reopen(options)).read('keyed-a')).toHaveLength(8);
          });
        } else {
          it('refuses to open the store with a key when its events were chained without one', async () => {
            const fixture = await storeWith(['plain-a']);
            await expect(fixture.reopen({ integrityKey: key })).rejects.toThrow(
              /chained without an integrityKey, and it was opened with an integrityKey/,
            );
          });

          it('NOT detected without a key: an edit whose digest, every link and the head were recomputed', async () => {
            const fixture = await storeWith(['forged-b']);
            await fixture.sql(`UPDATE kykypolku_events SET payload = '{"channel": "phone"}' WHERE case_id = 'forged-b' AND seq = 6`);
            await recomputeDigest(fixture, 'forged-b', 6);
            await recomputeChain(fixture, 'forged-b');
            expect((await fixture.store.read('forged-b'))[5]!.payload).toEqual({ channel: 'phone' });
          });
        }

        it('NOT detected: a whole case deleted with its head row, which reads as unknown', async () => {
          const fixture = await storeWith(['gone-a']);
          await fixture.sql(`DELETE FROM kykypolku_events WHERE case_id = 'gone-a'`);
          await fixture.sql(`DELETE FROM kykypolku_heads WHERE case_id = 'gone-a'`);
          expect(await fixture.store.read('gone-a')).toEqual([]);
        });

        it('keeps appending when another process moved the case on, and after an unprojected append', async () => {
          const fixture = await storeWith(['busy-a'], 6);
          const other = await fixture.reopen(options);
          const more = longCase('busy-a', 9);
          expect(await other.append('busy-a', more.slice(6, 7), { expectedSeq: 6 })).toEqual({ ok: true, seq: 7, alreadyRecorded: false });
          // This store last saw the case at seq 6: a writer that read it since is chained to seq 7.
          expect(await fixture.store.append('busy-a', more.slice(6, 7), { expectedSeq: 6 })).toMatchObject({
            ok: false,
            failure: { code: 'CONCURRENCY_CONFLICT', actualSeq: 7 },
          });
          expect(await fixture.store.append('busy-a', more.slice(7, 8), { expectedSeq: 7 })).toEqual({
            ok: true,
            seq: 8,
            alreadyRecorded: false,
          });
          expect(await other.append('busy-a', more.slice(8, 9), { expectedSeq: 8 })).toEqual({ ok: true, seq: 9, alreadyRecorded: false });
          expect(await fixture.store.read('busy-a')).toEqual(more);
          expect(await other.read('busy-a')).toEqual(more);
        });

        it('raises no false alarm when appends go on while a scan reads', async () => {
          const fixture = await open(options);
          const histories = Array.from({ length: 20 }, (_, n) => longCase(`live-${n}`, 60, n));
          for (const history of histories) await fixture.store.append(history[0]!.caseId, history.slice(0, 10), { expectedSeq: 0 });
          const problems: UnreadableCase[] = [];
          const writing = (async () => {
            for (let from = 10; from < 60; from += 10) {
              for (const history of histories) {
                expect(await fixture.store.append(history[0]!.caseId, history.slice(from, from + 10), { expectedSeq: from })).toMatchObject(
                  { ok: true },
                );
              }
            }
          })();
          for (let pass = 0; pass < 5; pass++) {
            for await (const event of fixture.store.readAll({ onUnreadable: (problem) => problems.push(problem) })) void event;
            for await (const events of fixture.store.readCases({ onUnreadable: (problem) => problems.push(problem) })) void events;
          }
          await writing;
          expect(problems).toEqual([]);
        });

        it('reports each tampered case of a scan past one read page, and reads every other case whole', async () => {
          const fixture = await open(options);
          // 30 cases of 250 events: 7 500 rows, appended in turns so that cases interleave in append order.
          const histories = Array.from({ length: 30 }, (_, n) => longCase(`scan-${String(n).padStart(2, '0')}`, 250, n));
          for (let from = 0; from < 250; from += 50) {
            for (const history of histories) {
              expect(await fixture.store.append(history[0]!.caseId, history.slice(from, from + 50), { expectedSeq: from })).toMatchObject({
                ok: true,
              });
            }
          }
          const bad = { 'scan-09': 120, 'scan-14': 1, 'scan-21': 250, 'scan-25': 201, 'scan-27': 1 } as const;
          for (const [caseId, seq] of Object.entries(bad)) {
            if (caseId === 'scan-25' || caseId === 'scan-27') continue;
            await fixture.sql(`UPDATE kykypolku_events SET payload = '{"channel": "phone"}' WHERE case_id = $1 AND seq = $2`, [
              caseId,
              seq,
            ]);
          }
          // One case loses its last 50 events, another every event: caught by their heads, by readCases and by readAll alike.
          await fixture.sql(`DELETE FROM kykypolku_events WHERE case_id = 'scan-25' AND seq > 200`);
          await fixture.sql(`DELETE FROM kykypolku_events WHERE case_id = 'scan-27'`);
          const good = histories.filter((history) => !(history[0]!.caseId in bad));

          const fromCases: UnreadableCase[] = [];
          const cases: RecordedEvent[][] = [];
          for await (const events of fixture.store.readCases({ onUnreadable: (problem) => fromCases.push(problem) }))
            cases.push([...events]);
          expect(cases).toEqual(good);
          expect(fromCases.map(({ caseId, seq, code }) => ({ caseId, seq, code }))).toEqual(
            Object.entries(bad).map(([caseId, seq]) => ({ caseId, seq, code: 'TAMPERED_EVENT' })),
          );

          const fromAll: UnreadableCase[] = [];
          const all: RecordedEvent[] = [];
          for await (const event of fixture.store.readAll({ onUnreadable: (problem) => fromAll.push(problem) })) all.push(event);
          expect(all.filter((event) => !(event.caseId in bad))).toHaveLength(good.length * 250);
          // Of a tampered case, only the events before the first tampered one were read.
          for (const [caseId, seq] of Object.entries(bad)) expect(all.filter((event) => event.caseId === caseId)).toHaveLength(seq - 1);
          expect(fromAll).toHaveLength(Object.keys(bad).length);
          expect(new Set(fromAll.map((problem) => `${problem.caseId}#${problem.seq}`))).toEqual(
            new Set(fromCases.map((problem) => `${problem.caseId}#${problem.seq}`)),
          );

          // Without onUnreadable a scan still stops at the first tampered case, as before.
          await expect(
            (async () => {
              for await (const events of fixture.store.readCases()) void events;
            })(),
          ).rejects.toMatchObject({ failure: { code: 'TAMPERED_EVENT', caseId: 'scan-09' } });
        });
      });
    }
  });
}
