// The consent rows rebuilt from stored events on a real PostgreSQL server with a login role per
// organisation (issue 16 follow-up): cases written by the county's role without a sharing map (as
// `kykypolku import` and hosts before schema step 8 wrote them) are shared with no partner; after
// the administrator's rebuildConsents the partner's own role reads exactly the cases consented to it
// (one of 5 300 events, past the read page, in a store of 53 300 events), a withdrawn consent answers
// NO_CONSENT, a tampered case is skipped and shares nothing, a batch that fails is rolled back whole,
// and a second run writes nothing. An organisation's role may not rebuild: REBUILD_NOT_PERMITTED.
import { beforeAll, describe, expect, it } from 'vitest';
import { EventStoreError, openCaseStore, type RecordedEvent } from 'kykypolku';
import { coordinatorServicePath } from 'kykypolku/paths';
import { createPostgresStore, type SqlEventStore } from 'kykypolku/postgres';
import { consentCase, type PlannedConsent } from '../support/consentCases.js';
import { organisationDatabase, type OrganisationDatabase } from '../support/organisationRoles.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { sharing } from './consentContract.js';

const postgres = useThrowawayServer();
const smallCases = 1200;
const smallLength = 40;
const bigLength = 5300;
const smallId = (n: number) => `small-${String(n).padStart(4, '0')}`;
/** Every small case consents to Kela; every third withdraws it, every fifth consents to employment services too. */
const plannedFor = (n: number): PlannedConsent[] => [
  { after: 3, change: 'given', scope: 'kela' },
  ...(n % 3 === 0 ? [{ after: 10, change: 'withdrawn' as const, scope: 'kela' as const }] : []),
  ...(n % 5 === 0 ? [{ after: 20, change: 'given' as const, scope: 'employmentServices' as const }] : []),
];
const rowsOf = (n: number) => 1 + (n % 5 === 0 ? 1 : 0);
const tampered = 7;
const officer = (at: string) => ({ actor: { role: 'officer', id: 'kela-7' }, purpose: 'benefit-decision', at });

describe('consent rows rebuilt from stored events, with a database role per organisation', () => {
  let db: OrganisationDatabase;
  let county: SqlEventStore;
  let kela: SqlEventStore;
  let admin: SqlEventStore;
  const big: RecordedEvent[] = consentCase('big-1', bigLength, [{ after: 5100, change: 'given', scope: 'kela' }]);
  const consentRows = async () => Number((await db.superuser.query('SELECT count(*) AS n FROM kykypolku_consents')).rows[0].n);

  beforeAll(async () => {
    db = await organisationDatabase(postgres, ['county-a', 'kela', 'te-uusimaa']);
    county = createPostgresStore({ pool: db.poolOf('county-a'), organisation: 'county-a' });
    kela = createPostgresStore({ pool: db.poolOf('kela'), organisation: 'kela' });
    admin = createPostgresStore({ pool: db.admin });
    // The county's role writes its cases as an import does: events only, no consent rows.
    for (let from = 0; from < big.length; from += 1000)
      expect((await county.append('big-1', big.slice(from, from + 1000), { expectedSeq: from })).ok).toBe(true);
    for (let from = 0; from < smallCases; from += 8)
      await Promise.all(
        Array.from({ length: Math.min(8, smallCases - from) }, async (_, k) => {
          const n = from + k;
          const history = consentCase(smallId(n), smallLength, plannedFor(n), n);
          expect((await county.append(smallId(n), history, { expectedSeq: 0 })).ok).toBe(true);
        }),
      );
    const [{ events }] = (await db.admin.query<{ events: number }>('SELECT count(*)::int AS events FROM kykypolku_events')).rows as [
      { events: number },
    ];
    expect(events).toBe(bigLength + smallCases * smallLength);
    // A case changed through SQL behind the store's back: the rebuild must not trust it.
    await db.admin.query(`UPDATE kykypolku_events SET actor_id = 'k-2' WHERE case_id = $1 AND seq = 5`, [smallId(tampered)]);
  }, 300_000);

  it('shares nothing before the rebuild, and refuses the rebuild to an organisation’s role, scoped or not', async () => {
    const partner = openCaseStore(kela, [coordinatorServicePath]);
    expect(await partner.read(smallId(1), officer('2026-01-01T00:00:00Z'))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
    for (const store of [county, createPostgresStore({ pool: db.poolOf('county-a') }), createPostgresStore({ pool: db.poolOf('kela') })])
      expect(await openCaseStore(store, [coordinatorServicePath], { sharing }).rebuildConsents()).toEqual({
        ok: false,
        failure: { code: 'REBUILD_NOT_PERMITTED', message: expect.stringMatching(/administrator/) },
      });
    expect(await consentRows()).toBe(0);
  });

  it('rolls a failing batch back whole, keeps the batches before it, and finishes on a second run', async () => {
    // Cases in id order: big-1, then small-0000 …; the second batch of 500 holds small-0499 … small-0998.
    await db.superuser.query(`CREATE FUNCTION refuse_consent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.case_id = 'small-0700' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await db.superuser.query(
      'CREATE TRIGGER refuse_consent BEFORE INSERT ON kykypolku_consents FOR EACH ROW EXECUTE FUNCTION refuse_consent()',
    );
    const cases = openCaseStore(admin, [coordinatorServicePath], { sharing });
    const progress: unknown[] = [];
    let thrown: unknown;
    try {
      await cases.rebuildConsents({ onProgress: (step) => progress.push(step) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventStoreError);
    expect((thrown as EventStoreError).failure.code).toBe('STORE_FAILED');
    const firstBatch = 1 + Array.from({ length: 499 }, (_, n) => n).reduce((sum, n) => sum + (n === tampered ? 0 : rowsOf(n)), 0);
    expect(progress).toEqual([{ cases: 500, written: firstBatch, skipped: 1 }]);
    expect(await consentRows()).toBe(firstBatch);
    const byCase = async (caseId: string) =>
      Number((await db.superuser.query('SELECT count(*) AS n FROM kykypolku_consents WHERE case_id = $1', [caseId])).rows[0].n);
    expect([await byCase('small-0498'), await byCase('small-0499'), await byCase('small-0998')]).toEqual([1, 0, 0]);
    await db.superuser.query('DROP TRIGGER refuse_consent ON kykypolku_consents');

    progress.length = 0;
    const started = performance.now();
    const report = await cases.rebuildConsents({ onProgress: (step) => progress.push(step) });
    const finishing = performance.now() - started;
    const allRows = 1 + Array.from({ length: smallCases }, (_, n) => n).reduce((sum, n) => sum + (n === tampered ? 0 : rowsOf(n)), 0);
    expect(report).toEqual({
      ok: true,
      cases: smallCases + 1,
      written: allRows - firstBatch,
      skipped: [{ caseId: smallId(tampered), code: 'TAMPERED_EVENT', seq: 5 }],
    });
    expect(progress).toMatchObject([{ cases: 500 }, { cases: 1000 }, { cases: smallCases + 1, written: allRows - firstBatch, skipped: 1 }]);
    expect(await consentRows()).toBe(allRows);
    const idleStart = performance.now();
    expect(await cases.rebuildConsents()).toMatchObject({ ok: true, written: 0 });
    const idle = performance.now() - idleStart;
    expect(await consentRows()).toBe(allRows);
    process.stdout.write(
      `rebuildConsents over ${bigLength + smallCases * smallLength} events: ${Math.round(finishing)} ms writing ` +
        `${allRows - firstBatch} rows, ${Math.round(idle)} ms writing none\n`,
    );
  }, 300_000);

  it('lets the partner’s own role read exactly the cases consented to it, by the seqs and instants of the events', async () => {
    const partner = openCaseStore(kela, [coordinatorServicePath]);
    const te = openCaseStore(createPostgresStore({ pool: db.poolOf('te-uusimaa'), organisation: 'te-uusimaa' }), [coordinatorServicePath]);
    const read = await partner.read('big-1', officer('2026-01-02T00:00:00Z'));
    expect(read.ok && read.case.seq).toBe(bigLength);
    expect((await partner.read(smallId(1), officer('2026-01-02T00:00:00Z'))).ok).toBe(true);
    expect(await partner.read(smallId(3), officer('2026-01-02T00:00:00Z'))).toMatchObject({ ok: false, failure: { code: 'NO_CONSENT' } });
    expect(await partner.read(smallId(tampered), officer('2026-01-02T00:00:00Z'))).toMatchObject({
      ok: false,
      failure: { code: 'UNKNOWN_CASE' },
    });
    expect((await te.read(smallId(5), officer('2026-01-02T00:00:00Z'))).ok).toBe(true);
    expect(await te.read(smallId(1), officer('2026-01-02T00:00:00Z'))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
    const disclosures = await openCaseStore(county, [coordinatorServicePath]).accessLog('big-1');
    expect(disclosures.filter((row) => row.disclosure).map((row) => row.organisation)).toEqual(['kela']);

    // The partner's role, by its own SQL, sees the events of a case in force and none of one withdrawn.
    const count = async (caseId: string) =>
      Number((await db.poolOf('kela').query('SELECT count(*) AS n FROM kykypolku_events WHERE case_id = $1', [caseId])).rows[0].n);
    expect([await count('big-1'), await count(smallId(1)), await count(smallId(3))]).toEqual([bigLength, smallLength, 0]);

    const rows = await db.superuser.query(
      `SELECT case_id, grantee, owner_organisation, given_seq, given_at, withdrawn_seq, withdrawn_at FROM kykypolku_consents
        WHERE case_id IN ('big-1', 'small-0003') ORDER BY case_id, grantee, given_seq`,
    );
    const small = consentCase(smallId(3), smallLength, plannedFor(3), 3);
    expect(rows.rows).toEqual([
      {
        case_id: 'big-1',
        grantee: 'kela',
        owner_organisation: 'county-a',
        given_seq: 5101,
        given_at: big[5100]!.at,
        withdrawn_seq: null,
        withdrawn_at: null,
      },
      {
        case_id: 'small-0003',
        grantee: 'kela',
        owner_organisation: 'county-a',
        given_seq: 4,
        given_at: small[3]!.at,
        withdrawn_seq: 11,
        withdrawn_at: small[10]!.at,
      },
    ]);
  }, 120_000);
});
