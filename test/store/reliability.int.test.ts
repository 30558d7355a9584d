// The PostgreSQL store under stress on a real server: many writers on one case, the server
// crashing mid-batch, connections killed at each step of an append, rows edited behind its back.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { EventStoreError, openCaseStore, projectCase, replayCase, type AppendResult, type RecordedEvent } from 'kykypolku';
import { createPostgresStore, type SqlEventStore } from 'kykypolku/postgres';
import { author, reviewPath } from '../support/reviewPath.js';
import { useThrowawayServer } from '../support/postgresServer.js';

const postgres = useThrowawayServer();
const newPool = (url: string, max?: number) => postgres.newPool(url, max);

async function freshStore(max = 10): Promise<{ store: SqlEventStore; pool: pg.Pool; url: string }> {
  const { pool, url } = await postgres.freshPool(max);
  const store = createPostgresStore({ pool });
  await store.migrate();
  return { store, pool, url };
}

const submitted = (caseId: string): RecordedEvent => ({
  caseId,
  seq: 1,
  type: 'SUBMITTED',
  at: '2025-05-01T09:00:00Z',
  actor: author,
  payload: { priority: 'low' },
  path: { id: 'review-path', version: 1 },
  eventId: `${caseId}-submitted`,
});

/** Comments on a review case: valid events of the path, each with its own event id. */
function comments(caseId: string, afterSeq: number, count: number, idPrefix: string): RecordedEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    caseId,
    seq: afterSeq + index + 1,
    type: 'COMMENTED',
    at: '2025-05-02T09:00:00Z',
    actor: author,
    payload: {},
    path: { id: 'review-path', version: 1 },
    eventId: `${idPrefix}-${index}`,
  }));
}

/**
 * Events and case rows agree: every log is 1…n without a gap, and a case's row (written only with a
 * projection) stands at its log's last seq.
 */
async function expectEventsAndRowsAgree(pool: pg.Pool): Promise<void> {
  const logs = await pool.query<{ case_id: string; events: number; max_seq: number }>(
    'SELECT case_id, count(*)::int AS events, max(seq) AS max_seq FROM kykypolku_events GROUP BY case_id',
  );
  for (const log of logs.rows) expect(log.max_seq, log.case_id).toBe(log.events);
  const rows = await pool.query<{ case_id: string; last_seq: number; max_seq: number | null }>(
    'SELECT c.case_id, c.last_seq, (SELECT max(seq) FROM kykypolku_events e WHERE e.case_id = c.case_id) AS max_seq FROM kykypolku_cases c',
  );
  for (const row of rows.rows) expect(row.last_seq, row.case_id).toBe(row.max_seq);
}

describe('the PostgreSQL store on a real server', () => {
  it('lets exactly one of 8 concurrent writers win each of 1 000 rounds on one case; every loser gets a conflict', async () => {
    const { store, pool } = await freshStore(8);
    const caseId = 'contended';
    await store.append(caseId, [submitted(caseId)], { expectedSeq: 1 - 1 });
    const writers = 8;
    const rounds = 1000;
    let seq = 1;
    let accepted = 0;
    let conflicts = 0;
    const winners: string[] = [];
    const others: AppendResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.all(
        Array.from({ length: writers }, (_, writer) =>
          store.append(caseId, comments(caseId, seq, 1, `w${writer}-r${round}`), { expectedSeq: seq }),
        ),
      );
      results.forEach((result, writer) => {
        if (result.ok) {
          accepted++;
          winners.push(`w${writer}-r${round}-0`);
        } else if (result.failure.code === 'CONCURRENCY_CONFLICT' && result.failure.actualSeq === seq + 1) conflicts++;
        else others.push(result);
      });
      seq += 1;
    }
    process.stdout.write(
      `8 writers × ${rounds} rounds on one case: ${accepted} accepted, ${conflicts} conflicts, ${others.length} other results\n`,
    );
    expect(others).toEqual([]);
    expect(accepted).toBe(rounds);
    expect(conflicts).toBe(rounds * (writers - 1));

    const log = await store.read(caseId);
    expect(log.map((event) => event.seq)).toEqual(Array.from({ length: rounds + 1 }, (_, index) => index + 1));
    expect(log.slice(1).map((event) => event.eventId)).toEqual(winners);
    expect(replayCase(reviewPath, log).ok).toBe(true);
    await expectEventsAndRowsAgree(pool);
  });

  it('shows no partial batch after a crash in the middle of appends, answers the clients typed, and resumes after a restart', async () => {
    const { store, url } = await freshStore(8);
    const cases = Array.from({ length: 6 }, (_, index) => `crash-${index}`);
    for (const caseId of cases) await store.append(caseId, [submitted(caseId)], { expectedSeq: 0 });
    const acknowledged = new Map<string, number>(cases.map((caseId) => [caseId, 1]));
    const unanswered: { caseId: string; batch: RecordedEvent[] }[] = [];
    let stopping = false;
    const writer = async (caseId: string) => {
      let seq = 1;
      for (let batch = 0; !stopping || batch < 3; batch++) {
        const events = comments(caseId, seq, 10, `${caseId}-b${batch}`);
        const saved = await store.append(caseId, events, { expectedSeq: seq });
        if (!saved.ok) {
          expect(saved.failure).toMatchObject({ code: 'STORE_UNAVAILABLE', caseId });
          unanswered.push({ caseId, batch: events });
          return;
        }
        seq = saved.seq;
        acknowledged.set(caseId, seq);
      }
    };
    const writing = Promise.all(cases.map(writer));
    // Let every writer get a few batches in, then crash the server under them.
    while ([...acknowledged.values()].some((seq) => seq < 31)) await new Promise((resolve) => setTimeout(resolve, 5));
    await postgres.server.stop('immediate');
    stopping = true;
    await writing;
    process.stdout.write(
      `server stopped -m immediate: ${unanswered.length} batches of 10 got STORE_UNAVAILABLE, ${[...acknowledged.values()].reduce((a, b) => a + b - 1, 0)} events acknowledged before\n`,
    );
    expect(unanswered).toHaveLength(cases.length);
    await expect(store.read(cases[0]!)).rejects.toMatchObject({ failure: { code: 'STORE_UNAVAILABLE' } });

    await postgres.server.start();
    const after = createPostgresStore({ pool: newPool(url) });
    const adminPool = newPool(url, 1);
    let partial = 0;
    for (const caseId of cases) {
      const log = await after.read(caseId);
      if ((log.length - 1) % 10 !== 0) partial++;
      expect(log.length).toBeGreaterThanOrEqual(acknowledged.get(caseId)!);
    }
    expect(partial).toBe(0);
    await expectEventsAndRowsAgree(adminPool);

    // The clients retry what they could not see the end of, with the same event ids: each batch is
    // then stored exactly once, whether or not it had been committed before the crash.
    let alreadyStored = 0;
    for (const { caseId, batch } of unanswered) {
      const retried = await after.append(caseId, batch, { expectedSeq: batch[0]!.seq - 1 });
      expect(retried.ok).toBe(true);
      if (retried.alreadyRecorded) alreadyStored++;
      const more = await after.append(caseId, comments(caseId, batch[9]!.seq, 10, `${caseId}-after`), { expectedSeq: batch[9]!.seq });
      expect(more).toEqual({ ok: true, seq: batch[9]!.seq + 10, alreadyRecorded: false });
    }
    process.stdout.write(
      `after restart: ${unanswered.length} retried batches stored once (${alreadyStored} had been committed before the crash), appends resumed\n`,
    );
    for (const caseId of cases) expect(replayCase(reviewPath, await after.read(caseId)).ok).toBe(true);
    await expectEventsAndRowsAgree(adminPool);
  });

  it('keeps events and case rows in agreement when the connection is killed at each step of an append', async () => {
    const { store, url } = await freshStore(4);
    const admin = newPool(url, 3);
    const cases = openCaseStore(store, [reviewPath]);
    await cases.record('killed', { type: 'SUBMITTED', at: '2025-05-01T09:00:00Z', actor: author, payload: { priority: 'low' } });
    const projectionNow = async () => (await cases.listCases())[0];

    /** Runs an append of 10 events, kills its connection once it waits (on a lock, or for a standby), and returns its answer. */
    async function appendKilledAt(waitEventType: 'Lock' | 'IPC', batch: RecordedEvent[]): Promise<AppendResult> {
      // As openCaseStore appends: the events with the case's row after them.
      const after = replayCase(reviewPath, [...(await store.read('killed')), ...batch]);
      if (!after.ok) throw new Error(after.failure.message);
      const answer = store.append('killed', batch, { expectedSeq: batch[0]!.seq - 1, projection: projectCase(after.case) });
      for (let tries = 0; ; tries++) {
        if (tries > 2000) throw new Error(`the append never waited on ${waitEventType}`);
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE query LIKE '%kykypolku:append%' AND wait_event_type = $1 AND pid <> pg_backend_pid()`,
          [waitEventType],
        );
        if (rows[0]) {
          await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return answer;
    }

    const steps: { step: string; written: boolean }[] = [];
    let seq = 1;

    // 1. While the append waits for the case row, which another transaction holds.
    const holder = await admin.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT * FROM kykypolku_cases WHERE case_id = 'killed' FOR UPDATE`);
    let answer = await appendKilledAt('Lock', comments('killed', seq, 10, 'guard'));
    await holder.query('ROLLBACK');
    expect(answer).toMatchObject({ ok: false, failure: { code: 'STORE_UNAVAILABLE' } });
    steps.push({ step: 'waiting for the case row', written: (await store.read('killed')).length > seq });
    await expectEventsAndRowsAgree(admin);

    // 2. Halfway through the batch: the fifth row waits on an uncommitted row with the same key.
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO kykypolku_events (case_id, seq, path_id, path_version, type, at, at_instant, actor_role, actor_id, payload, digest)
       VALUES ('killed', $1, 'review-path', 1, 'COMMENTED', 'x', now(), 'author', 'a', '{}', 'x')`,
      [seq + 5],
    );
    answer = await appendKilledAt('Lock', comments('killed', seq, 10, 'half'));
    await holder.query('ROLLBACK');
    holder.release();
    expect(answer).toMatchObject({ ok: false, failure: { code: 'STORE_UNAVAILABLE' } });
    steps.push({ step: 'halfway through the batch', written: (await store.read('killed')).length > seq });
    await expectEventsAndRowsAgree(admin);

    // 3. After the commit, before the answer: the commit waits for a standby that does not exist.
    await admin.query(`ALTER SYSTEM SET synchronous_standby_names = 'nobody'`);
    await admin.query('SELECT pg_reload_conf()');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const committed = comments('killed', seq, 10, 'committed');
    answer = await appendKilledAt('IPC', committed);
    await admin.query('ALTER SYSTEM RESET synchronous_standby_names');
    await admin.query('SELECT pg_reload_conf()');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answer).toMatchObject({ ok: false, failure: { code: 'STORE_UNAVAILABLE' } });
    steps.push({ step: 'after the commit, before the answer', written: (await store.read('killed')).length > seq });
    await expectEventsAndRowsAgree(admin);
    // The client could not tell; its retry with the same event ids is answered as already stored.
    expect(await store.append('killed', committed, { expectedSeq: seq })).toEqual({ ok: true, seq: seq + 10, alreadyRecorded: true });
    seq += 10;

    // 4. A connection killed while idle: the pool opens a new one, and the next record goes through.
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'`,
    );
    // The pool may still lend a client whose backend is gone before it notices: that record is
    // answered STORE_UNAVAILABLE, and the host tries again, as it would after any lost connection.
    const comment = { type: 'COMMENTED', at: '2025-05-03T09:00:00Z', actor: author, payload: {}, eventId: 'after-idle-kill' } as const;
    let next = await cases.record('killed', comment);
    for (let attempt = 0; !next.ok && attempt < 5; attempt++) {
      expect(next.failure).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      next = await cases.record('killed', comment);
    }
    expect(next).toMatchObject({ ok: true, event: { seq: seq + 1 } });
    steps.push({ step: 'idle, between two records', written: true });
    await expectEventsAndRowsAgree(admin);

    process.stdout.write(
      `connection killed at each step: ${steps.map((s) => `${s.step} → ${s.written ? 'written whole' : 'nothing written'}`).join('; ')}\n`,
    );
    expect(steps.map((s) => s.written)).toEqual([false, false, true, true]);
    // The projection is the one the events give.
    const loaded = await cases.load('killed');
    expect(loaded.ok).toBe(true);
    // The row as listCases gives it; the deadlines the case arms are in the deadlines table.
    const { deadlines: _armed, ...row } = loaded.ok ? projectCase(loaded.case) : { deadlines: [] };
    expect(await projectionNow()).toMatchObject(loaded.ok ? { seq: loaded.case.seq, ...row } : {});
  });

  it('refuses to load a case whose stored payload was edited in SQL, naming the case and seq', async () => {
    const { store, pool } = await freshStore();
    const cases = openCaseStore(store, [reviewPath]);
    await cases.record('tampered', { type: 'SUBMITTED', at: '2025-05-01T09:00:00Z', actor: author, payload: { priority: 'low' } });
    await cases.record('tampered', {
      type: 'REVIEWED',
      at: '2025-05-02T09:00:00Z',
      actor: { role: 'reviewer', id: 'r-1' },
      payload: { approved: false },
    });
    // A valid payload, so the path would replay it: only the digest shows the row was changed.
    await pool.query(`UPDATE kykypolku_events SET payload = '{"approved": true}' WHERE case_id = 'tampered' AND seq = 2`);
    expect(await cases.load('tampered')).toMatchObject({ ok: false, failure: { code: 'TAMPERED_EVENT', caseId: 'tampered', seq: 2 } });
    await expect(store.read('tampered')).rejects.toBeInstanceOf(EventStoreError);
    expect(
      await cases.record('tampered', { type: 'DONE', at: '2025-05-03T09:00:00Z', actor: { role: 'reviewer', id: 'r-1' }, payload: {} }),
    ).toMatchObject({
      ok: false,
      failure: { code: 'TAMPERED_EVENT', seq: 2 },
    });
  });
});
