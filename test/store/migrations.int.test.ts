import { expect, it } from 'vitest';
import { EventStoreError, openCaseStore, type RecordedEvent } from 'kykypolku';
import { createPostgresStore } from 'kykypolku/postgres';
import { digestOf } from '../../src/store/postgres/eventRow.js';
import { schemaMigrations } from '../../src/store/postgres/schemaMigrations.js';
import { longCase } from '../support/longCases.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { latestSchemaVersion, schemaVersions, stepsAfter, undoStepEight, undoStepFive, undoStepNine } from '../support/schemaSteps.js';
import { coordinatorServicePath, lifestyleGuidancePath } from 'kykypolku/paths';
import { author, reviewPath, reviewer } from '../support/reviewPath.js';

const postgres = useThrowawayServer();

it('migrates a new database once when four processes start at the same moment, each with its own connections', async () => {
  const url = await postgres.server.createDatabase();
  const pools = Array.from({ length: 4 }, () => postgres.newPool(url, 1));
  const stores = pools.map((pool) => createPostgresStore({ pool }));
  const reports = await Promise.all(stores.map((store) => store.migrate()));
  expect(reports.filter((report) => report.applied.length > 0)).toEqual([
    { version: latestSchemaVersion, applied: schemaVersions, sealed: { sealedCases: 0, damaged: [] } },
  ]);
  expect(reports.every((report) => report.version === latestSchemaVersion)).toBe(true);
  expect(await stores[0]!.migrate()).toEqual({ version: latestSchemaVersion, applied: [] });
  const { rows } = await pools[0]!.query<{ version: number }>('SELECT version FROM kykypolku_schema_migrations ORDER BY version');
  expect(rows).toEqual(schemaVersions.map((version) => ({ version })));
});

it('tells a host that forgot to migrate what to do', async () => {
  const { pool } = await postgres.freshPool(1);
  await expect(createPostgresStore({ pool }).read('case-1')).rejects.toThrow(/call store.migrate\(\) once/);
});

it('refuses a pool that is not one', () => {
  expect(() => createPostgresStore({ pool: {} as never })).toThrow(/pass \{ pool \}/);
});

/** A database as a release with schema 1 left it: the tables of step 1 and rows with plain digests. */
async function schemaOneDatabase(pool: import('pg').Pool, cases: readonly (readonly RecordedEvent[])[]): Promise<void> {
  await pool.query(
    `CREATE TABLE kykypolku_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  for (const statement of schemaMigrations[0]!.statements) await pool.query(statement);
  await pool.query(`INSERT INTO kykypolku_schema_migrations (version, name) VALUES (1, 'events and case projections')`);
  for (const history of cases) {
    for (const event of history) {
      await pool.query(
        `INSERT INTO kykypolku_events (case_id, seq, event_id, path_id, path_version, type, at, actor_role, actor_id, payload, digest)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          event.caseId,
          event.seq,
          event.eventId ?? null,
          event.path.id,
          event.path.version,
          event.type,
          event.at,
          event.actor.role,
          event.actor.id,
          JSON.stringify(event.payload),
          digestOf(event),
        ],
      );
    }
  }
}

it('brings the rows of a schema-1 store into the chain under its key, and names a case already changed before', async () => {
  const { pool } = await postgres.freshPool(2);
  // One case longer than the sealing page, so its chain is carried across pages.
  const cases = [longCase('old-a', 5200), longCase('old-b', 30), longCase('old-c', 12)];
  await schemaOneDatabase(pool, cases);
  await pool.query(`UPDATE kykypolku_events SET payload = '{"channel": "phone"}' WHERE case_id = 'old-b' AND seq = 20`);
  const store = createPostgresStore({ pool, integrityKey: 'a host secret of at least thirty-two bytes' });
  expect(await store.migrate()).toEqual({
    version: latestSchemaVersion,
    applied: stepsAfter(1),
    sealed: { sealedCases: 2, damaged: [{ caseId: 'old-b', seq: 20 }] },
  });
  expect(await store.read('old-a')).toEqual(cases[0]);
  expect(await store.read('old-c')).toEqual(cases[2]);
  // The case changed before the upgrade reads as it did: tampered, at the same seq.
  await expect(store.read('old-b')).rejects.toMatchObject({ failure: { code: 'TAMPERED_EVENT', seq: 20 } });
  await expect(store.read('old-b')).rejects.toBeInstanceOf(EventStoreError);
  // Sealed cases go on as any other, and the last rows of a sealed case cannot go missing silently.
  const more = longCase('old-c', 13);
  expect(await store.append('old-c', more.slice(12), { expectedSeq: 12 })).toEqual({ ok: true, seq: 13, alreadyRecorded: false });
  await pool.query(`DELETE FROM kykypolku_events WHERE case_id = 'old-a' AND seq > 5000`);
  await expect(store.read('old-a')).rejects.toMatchObject({ failure: { code: 'TAMPERED_EVENT', seq: 5001 } });
  expect(await store.migrate()).toEqual({ version: latestSchemaVersion, applied: [] });
});

it('keeps every case of a schema-2 store readable through step 3, and arms the deadlines of its open cases from their events', async () => {
  const { pool } = await postgres.freshPool(2);
  const store = createPostgresStore({ pool });
  await store.migrate();
  const cases = openCaseStore(store, [reviewPath]);
  const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T09:00:00Z`;
  // Open and due, open and met by a review, closed; 600 more open ones, past one arming batch.
  for (let n = 0; n < 603; n++)
    await cases.record(`old-${String(n).padStart(3, '0')}`, { type: 'SUBMITTED', at: at(1), actor: author, payload: { priority: 'low' } });
  await cases.record('old-001', { type: 'REVIEWED', at: at(2), actor: reviewer, payload: { approved: true } });
  await cases.record('old-002', { type: 'REVIEWED', at: at(2), actor: reviewer, payload: { approved: true } });
  await cases.record('old-002', { type: 'DONE', at: at(3), actor: reviewer, payload: {} });
  const before = await Promise.all(['old-000', 'old-001', 'old-002'].map((caseId) => store.read(caseId)));
  // Steps 3, 5 and 9 only add: taking away what they added leaves the tables exactly as schema 2 had them.
  for (const statement of undoStepFive) await pool.query(statement);
  await pool.query('DROP TABLE kykypolku_deadlines');
  await pool.query('ALTER TABLE kykypolku_cases DROP COLUMN deadlines_armed');
  await pool.query('DELETE FROM kykypolku_schema_migrations WHERE version = 3');
  await pool.query('ALTER TABLE kykypolku_events DROP COLUMN at_instant');
  await pool.query('DELETE FROM kykypolku_schema_migrations WHERE version = 4');

  expect(await store.migrate()).toEqual({ version: latestSchemaVersion, applied: [3, 4, 5, 8, 9] });
  expect(await Promise.all(['old-000', 'old-001', 'old-002'].map((caseId) => store.read(caseId)))).toEqual(before);
  const request = { now: at(20), limit: 1000, workerId: 'w', lease: 60_000 };
  expect(await store.claimDueDeadlines(request)).toEqual({ ok: true, claims: [] });
  expect(await store.casesToArm(1000)).toHaveLength(602);
  expect(await cases.armDeadlines()).toEqual({ cases: 602, written: 602, unreadable: [] });
  expect(await store.casesToArm(1000)).toEqual([]);
  const claimed = await store.claimDueDeadlines(request);
  // Every open case but the reviewed one is due a week after its submission.
  expect(claimed.claims?.map((claim) => claim.caseId)).toHaveLength(601);
  expect(claimed.claims?.map((claim) => claim.caseId)).not.toContain('old-001');
  expect(claimed.claims?.[0]).toMatchObject({ deadlineId: 'review-within-a-week', dueAt: '2025-03-08T09:00:00.000Z' });
  expect(await cases.armDeadlines()).toEqual({ cases: 0, written: 0, unreadable: [] });
});

it('gives every event of a schema-3 store its instant as a timestamptz in step 4, and every event appended after it', async () => {
  const { pool } = await postgres.freshPool(2);
  const store = createPostgresStore({ pool });
  await store.migrate();
  // Past one read page and one VALUES batch; instants with an offset as well as with Z.
  const long = longCase('old-long', 5200);
  for (let first = 0; first < long.length; first += 1000)
    expect(await store.append('old-long', long.slice(first, first + 1000), { expectedSeq: first })).toMatchObject({ ok: true });
  const offset = longCase('old-offset', 6).map((event) => ({ ...event, at: event.at.replace('Z', '+00:00') }));
  expect(await store.append('old-offset', offset, { expectedSeq: 0 })).toMatchObject({ ok: true });
  // Step 4 only adds: taking away what it added leaves the tables as schema 3 had them.
  await pool.query('ALTER TABLE kykypolku_events DROP COLUMN at_instant');
  await pool.query('DELETE FROM kykypolku_schema_migrations WHERE version = 4');

  expect(await store.migrate()).toEqual({ version: latestSchemaVersion, applied: [4] });
  expect(await store.read('old-long')).toEqual(long);
  expect(await store.read('old-offset')).toEqual(offset);
  const more = longCase('old-offset', 8);
  expect(await store.append('old-offset', more.slice(6), { expectedSeq: 6 })).toMatchObject({ ok: true });
  // A batch past 1 000 events goes as arrays: its rows get their instants too.
  const big = longCase('new-big', 1500, 7);
  expect(await store.append('new-big', big, { expectedSeq: 0 })).toMatchObject({ ok: true });
  const { rows } = await pool.query<{ events: number; differing: number }>(
    `SELECT count(*)::int AS events, count(*) FILTER (WHERE at_instant IS DISTINCT FROM at::timestamptz)::int AS differing FROM kykypolku_events`,
  );
  expect(rows).toEqual([{ events: 5200 + 8 + 1500, differing: 0 }]);
  const column = await pool.query<{ is_nullable: string; data_type: string }>(
    `SELECT is_nullable, data_type FROM information_schema.columns WHERE table_name = 'kykypolku_events' AND column_name = 'at_instant'`,
  );
  expect(column.rows).toEqual([{ is_nullable: 'NO', data_type: 'timestamp with time zone' }]);
});

it('keeps every case of a schema-3 store readable through step 6 (erasure receipts), and purges its expired cases after', async () => {
  const { pool } = await postgres.freshPool(2);
  const store = createPostgresStore({ pool });
  await store.migrate();
  const { retentionCatalogue, reviewHistory, rules, storeCase } = await import('../support/retentionCases.js');
  const histories: (readonly RecordedEvent[])[] = [];
  for (let n = 0; n < 40; n++)
    histories.push(await storeCase(store, reviewHistory(`s3-${n}`, 'A', n % 4 === 0 ? undefined : `2016-0${(n % 9) + 1}-15T12:00:00Z`)));
  // Steps 6 and 9 only add: taking away what they added leaves the tables exactly as schema 3 had them.
  await pool.query('DROP TABLE kykypolku_erasure_receipts');
  await pool.query('DROP INDEX kykypolku_cases_closed');
  await pool.query('DELETE FROM kykypolku_schema_migrations WHERE version IN (6, 9)');
  const reopened = createPostgresStore({ pool });
  expect(await reopened.migrate()).toEqual({ version: latestSchemaVersion, applied: [6, 9] });
  for (const history of histories) expect(await reopened.read(history[0]!.caseId)).toEqual(history);
  const report = await openCaseStore(reopened, retentionCatalogue).purgeExpired({ now: '2030-01-01T00:00:00Z', rules });
  expect(report.ok && report.purged.length).toBe(30);
  expect(report.ok && report.kept).toBe(0);
});

it('keeps every case of a store written before step 5 readable: unassigned, seen by the administrator, then assigned by the host', async () => {
  const { pool } = await postgres.freshPool(2);
  const store = createPostgresStore({ pool });
  await store.migrate();
  const cases = openCaseStore(store, [reviewPath]);
  for (let n = 0; n < 3; n++)
    await cases.record(`pre5-${n}`, { type: 'SUBMITTED', at: '2025-03-01T09:00:00Z', actor: author, payload: { priority: 'low' } });
  // One case past a read page, appended in batches of 1 000.
  const long = longCase('pre5-long', 5200);
  for (let from = 0; from < long.length; from += 1000)
    await store.append('pre5-long', long.slice(from, from + 1000), { expectedSeq: from });
  const caseIds = ['pre5-0', 'pre5-1', 'pre5-2', 'pre5-long'];
  const before = await Promise.all(caseIds.map((caseId) => store.read(caseId)));
  // Steps 5 and 9 only add: taking them away leaves the tables exactly as steps 1-3 had them.
  for (const statement of undoStepFive) await pool.query(statement);

  expect(await store.migrate()).toEqual({ version: latestSchemaVersion, applied: [5, 8, 9] });
  expect(await Promise.all(caseIds.map((caseId) => store.read(caseId)))).toEqual(before);
  expect((await store.listCases()).map((summary) => summary.caseId).sort()).toEqual(['pre5-0', 'pre5-1', 'pre5-2']);
  // Unassigned: a store opened for an organisation sees none of them, and cannot take one over.
  const county = createPostgresStore({ pool, organisation: 'county-a' });
  expect(await county.read('pre5-0')).toEqual([]);
  expect(await county.listCases()).toEqual([]);
  expect(await county.append('pre5-0', before[0]!, { expectedSeq: 0 })).toMatchObject({ ok: false, failure: { code: 'ACCESS_DENIED' } });
  // The host assigns them (docs/developers.md): the chains still verify, and the organisation's store has them whole.
  for (const table of ['kykypolku_events', 'kykypolku_heads', 'kykypolku_cases', 'kykypolku_deadlines'])
    await pool.query(`UPDATE ${table} SET organisation = 'county-a' WHERE organisation IS NULL`);
  expect(await Promise.all(caseIds.map((caseId) => county.read(caseId)))).toEqual(before);
  expect(
    await openCaseStore(county, [reviewPath]).record('pre5-0', {
      type: 'REVIEWED',
      at: '2025-03-02T09:00:00Z',
      actor: reviewer,
      payload: { approved: true },
    }),
  ).toMatchObject({ ok: true });
});

it('keeps every case of a store written before step 8 readable, and shares a case by a consent recorded after it', async () => {
  const { pool } = await postgres.freshPool(2);
  await createPostgresStore({ pool }).migrate();
  const county = createPostgresStore({ pool, organisation: 'county-a' });
  const sharing = { kela: 'kela' };
  const coordinator = { role: 'coordinator' as const, id: 'k-1' };
  const at = (day: number) => `2025-02-${String(day).padStart(2, '0')}T09:00:00Z`;
  const cases = openCaseStore(county, [coordinatorServicePath], { sharing });
  await cases.record('pre8-1', { type: 'REFERRED', at: at(1), actor: { role: 'client', id: 'c-1' }, payload: { route: 'selfContact' } });
  await cases.record('pre8-1', {
    type: 'ELIGIBILITY_CONFIRMED',
    at: at(2),
    actor: coordinator,
    payload: { unemploymentMonths: 3, targetGroup: 'unemployed' },
  });
  await cases.record('pre8-1', { type: 'CONSENT_GIVEN', at: at(3), actor: coordinator, payload: { scope: 'kela' } });
  // One case past a read page, appended in batches of 1 000.
  const long = longCase('pre8-long', 5200);
  for (let from = 0; from < long.length; from += 1000)
    await county.append('pre8-long', long.slice(from, from + 1000), { expectedSeq: from });
  const before = await Promise.all(['pre8-1', 'pre8-long'].map((caseId) => county.read(caseId)));
  // Step 8 only adds: taking it away leaves the tables exactly as steps 1-7 had them (the consent above never written).
  for (const statement of undoStepEight) await pool.query(statement);

  expect(await createPostgresStore({ pool }).migrate()).toEqual({ version: latestSchemaVersion, applied: [8] });
  expect(await Promise.all(['pre8-1', 'pre8-long'].map((caseId) => county.read(caseId)))).toEqual(before);
  expect(await pool.query('SELECT count(*)::int AS n FROM kykypolku_consents')).toMatchObject({ rows: [{ n: 0 }] });
  // A consent recorded before step 8 shares nothing (the store kept no row of it); one recorded after does.
  const kela = openCaseStore(createPostgresStore({ pool, organisation: 'kela' }), [coordinatorServicePath, lifestyleGuidancePath]);
  const reader = { actor: { role: 'officer', id: 'kela-7' }, purpose: 'benefit-decision', at: at(4) };
  expect(await kela.read('pre8-1', reader)).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
  await cases.record('pre8-1', { type: 'CONSENT_GIVEN', at: at(5), actor: coordinator, payload: { scope: 'kela' } });
  const seen = await kela.read('pre8-1', { ...reader, at: at(6) });
  expect(seen.ok && seen.case.seq).toBe(4);
  expect(await county.append('pre8-long', [], { expectedSeq: 5200 })).toMatchObject({ ok: true });
  expect(await county.read('pre8-long')).toEqual(long);
});

it('keeps the receipts of a store of steps 1-7 readable through step 9: the administrator verifies them, no organisation sees them', async () => {
  const { pool } = await postgres.freshPool(2);
  const key = 'a host secret of at least thirty-two bytes';
  const store = createPostgresStore({ pool, integrityKey: key });
  await store.migrate();
  const { retentionCatalogue, reviewHistory, rules, storeCase } = await import('../support/retentionCases.js');
  const { createEventChain } = await import('../../src/store/postgres/eventChain.js');
  const { receiptFields } = await import('../../src/store/postgres/sqlRetention.js');
  const county = createPostgresStore({ pool, integrityKey: key, organisation: 'county-a' });
  // Cases of county-a, closed at different instants, and one unassigned case, as today's main stores them.
  for (let n = 0; n < 12; n++) await storeCase(county, reviewHistory(`m9-${n}`, 'A', `2016-0${(n % 9) + 1}-1${n % 10}T12:00:00Z`));
  await storeCase(store, reviewHistory('m9-unassigned', 'A', '2016-01-01T12:00:00Z'));
  const old = ['m9-0', 'm9-1', 'm9-2', 'm9-unassigned'];
  const closedCases = new Map((await store.closedCases({ afterCaseId: '', limit: 100 })).map((each) => [each.caseId, each]));
  const receipts = [];
  for (const caseId of old) {
    const closed = closedCases.get(caseId);
    const purged = await store.purgeCase({ caseId, expectedSeq: 3, closedAt: closed!.closedAt, purgedAt: '2027-01-01T00:00:00.000Z' });
    if (!purged.ok) throw new Error(purged.failure.message);
    receipts.push(purged.receipt);
  }
  expect(receipts.map((receipt) => receipt.organisation)).toEqual(['county-a', 'county-a', 'county-a', undefined]);
  // Today's main (steps 1-7) wrote its receipts without an organisation, sealed over the seven fields it had.
  for (const statement of undoStepNine) await pool.query(statement);
  const chain = createEventChain(key);
  for (const receipt of receipts) {
    const { organisation: _dropped, ...before } = receipt;
    await pool.query('UPDATE kykypolku_erasure_receipts SET seal = $2 WHERE case_id = $1', [
      receipt.caseId,
      chain.sealReceipt(receiptFields(before)),
    ]);
  }

  const reopened = createPostgresStore({ pool, integrityKey: key });
  expect(await reopened.migrate()).toEqual({ version: latestSchemaVersion, applied: [9] });
  const listed = await reopened.erasureReceipts({ afterCaseId: '', limit: 100 });
  expect(listed).toEqual(receipts.map(({ organisation: _dropped, ...before }) => before));
  // Unassigned receipts: no organisation's store lists them, as with cases stored before step 5.
  expect(await county.erasureReceipts({ afterCaseId: '', limit: 100 })).toEqual([]);
  // Every other case reads whole, and the administrator's purge after step 9 gives receipts with the organisation.
  const purged = await openCaseStore(reopened, retentionCatalogue).purgeExpired({ now: '2030-01-01T00:00:00Z', rules });
  expect(purged.ok && purged.purged.map((receipt) => receipt.organisation)).toEqual(Array(9).fill('county-a'));
  expect(await county.erasureReceipts({ afterCaseId: '', limit: 100 })).toEqual(purged.ok ? purged.purged : []);
  expect(await reopened.erasureReceipts({ afterCaseId: '', limit: 100 })).toHaveLength(13);
  // A receipt moved to another organisation through SQL is detected under the key.
  await pool.query(`UPDATE kykypolku_erasure_receipts SET organisation = 'county-b' WHERE case_id = 'm9-5'`);
  await expect(reopened.erasureReceipts({ afterCaseId: '', limit: 100 })).rejects.toMatchObject({
    failure: { code: 'TAMPERED_EVENT', caseId: 'm9-5' },
  });
});
