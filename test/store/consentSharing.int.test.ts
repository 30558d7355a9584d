// Consent-gated sharing on a real PostgreSQL server, with a database role per organisation: the
// partner's role reads the owner's case (its events, head and case row) only while a consent for it
// is in force, whether through the library or by its own SQL, and may never append, claim the
// case's deadlines or see the owner's other cases. Every read through openCaseStore is logged as a
// disclosure; a read after the withdrawal is NO_CONSENT and logs nothing.
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCaseStore, type RecordedEvent } from 'kykypolku';
import { coordinatorServicePath, lifestyleGuidancePath } from 'kykypolku/paths';
import { createPostgresStore, type SqlEventStore } from 'kykypolku/postgres';
import { longCase } from '../support/longCases.js';
import { organisationDatabase } from '../support/organisationRoles.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { sharing } from './consentContract.js';

const postgres = useThrowawayServer();

const coordinator = { role: 'coordinator' as const, id: 'k-1' };
const day = (n: number) => `2025-02-${String(n).padStart(2, '0')}T09:00:00Z`;
const opening = [
  { type: 'REFERRED' as const, at: day(1), actor: { role: 'client' as const, id: 'client-1' }, payload: { route: 'selfContact' as const } },
  {
    type: 'ELIGIBILITY_CONFIRMED' as const,
    at: day(2),
    actor: coordinator,
    payload: { unemploymentMonths: 3, targetGroup: 'unemployed' as const },
  },
];
const consent = (type: 'CONSENT_GIVEN' | 'CONSENT_WITHDRAWN', n: number) => ({
  type,
  at: day(n),
  actor: coordinator,
  payload: { scope: 'kela' as const },
});
const officer = (at: string) => ({ actor: { role: 'officer', id: 'kela-7' }, purpose: 'benefit-decision', at });

/** The SQLSTATE a statement fails with, or 'ok'. */
async function sqlStateOf(pool: pg.Pool, text: string): Promise<string> {
  try {
    await pool.query(text);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
}

/** What the partner's own SQL finds of a case: rows of each shared table, and of the deadlines. */
async function seenBy(pool: pg.Pool, caseId: string) {
  const count = async (table: string) =>
    Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId])).rows[0]!.n);
  return {
    events: await count('kykypolku_events'),
    heads: await count('kykypolku_heads'),
    cases: await count('kykypolku_cases'),
    deadlines: await count('kykypolku_deadlines'),
  };
}

describe('consent-gated sharing with a database role per organisation', () => {
  let admin: pg.Pool;
  let asCounty: pg.Pool;
  let asKela: pg.Pool;
  let asTe: pg.Pool;
  let superuserPool: pg.Pool;
  let loginAs: (role: string) => pg.Pool;
  let county: SqlEventStore;
  let kela: SqlEventStore;
  const big: RecordedEvent[] = longCase('big-1', 5200);

  beforeAll(async () => {
    const db = await organisationDatabase(postgres, ['county-a', 'kela', 'te-uusimaa']);
    superuserPool = db.superuser;
    loginAs = (role) => db.poolAs(role);
    admin = db.admin;
    asCounty = db.poolOf('county-a');
    asKela = db.poolOf('kela');
    asTe = db.poolOf('te-uusimaa');
    county = createPostgresStore({ pool: asCounty, organisation: 'county-a' });
    kela = createPostgresStore({ pool: asKela, organisation: 'kela' });
    const cases = openCaseStore(county, [coordinatorServicePath], { sharing });
    for (const caseId of ['shared-1', 'private-1']) for (const input of opening) expect((await cases.record(caseId, input)).ok).toBe(true);
    // One case past a read page (5 000 rows), the consent given with its last batch.
    for (let from = 0; from < big.length; from += 1000) {
      const batch = big.slice(from, from + 1000);
      const last = batch[batch.length - 1]!;
      const consents = from + 1000 >= big.length ? [{ grantee: 'kela', seq: last.seq, at: last.at, change: 'given' as const }] : [];
      expect((await county.append('big-1', batch, { expectedSeq: from, consents })).ok).toBe(true);
    }
  }, 120_000);

  it('refuses before the consent, reads whole while it is in force, and refuses again after the withdrawal', async () => {
    const owner = openCaseStore(county, [coordinatorServicePath], { sharing });
    const partner = openCaseStore(kela, [coordinatorServicePath]);
    expect(await partner.read('shared-1', officer(day(3)))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
    expect(await seenBy(asKela, 'shared-1')).toEqual({ events: 0, heads: 0, cases: 0, deadlines: 0 });

    expect((await owner.record('shared-1', consent('CONSENT_GIVEN', 4))).ok).toBe(true);
    const seen = await partner.read('shared-1', officer(day(5)));
    const own = await owner.load('shared-1');
    expect(seen.ok && own.ok && seen.case.history).toEqual(own.ok ? own.case.history : undefined);
    expect((await owner.accessLog('shared-1')).filter((row) => row.disclosure)).toEqual([
      { caseId: 'shared-1', ...officer(day(5)), organisation: 'kela', caseOrganisation: 'county-a', disclosure: true },
    ]);
    // The partner's own SQL sees the case's events, head and case row, and none of its deadlines or the owner's other cases.
    expect(await seenBy(asKela, 'shared-1')).toEqual({ events: 3, heads: 1, cases: 1, deadlines: 0 });
    expect(await seenBy(asKela, 'private-1')).toEqual({ events: 0, heads: 0, cases: 0, deadlines: 0 });
    expect((await kela.listCases()).map((summary) => summary.caseId)).toEqual([]);
    const claims = await kela.claimDueDeadlines({ now: '2027-01-01T00:00:00Z', limit: 100, workerId: 'kela-w', lease: 60_000 });
    expect(claims.ok && claims.claims).toEqual([]);
    expect((await asKela.query(`UPDATE kykypolku_deadlines SET settled = true WHERE case_id = 'shared-1'`)).rowCount).toBe(0);

    // Never a writer: not through the library, as the owner's organisation or as its own, nor by SQL.
    const history = own.ok ? own.case.history : [];
    const next = { ...history[2]!, seq: 4, eventId: 'forged-1' };
    expect((await kela.append('shared-1', [next], { expectedSeq: 3 })).ok).toBe(false);
    expect((await createPostgresStore({ pool: asKela, organisation: 'county-a' }).append('shared-1', [next], { expectedSeq: 3 })).ok).toBe(
      false,
    );
    expect(await sqlStateOf(asKela, `UPDATE kykypolku_events SET actor_id = 'x' WHERE case_id = 'shared-1'`)).toBe('42501');
    expect((await asKela.query(`UPDATE kykypolku_cases SET state = 'x' WHERE case_id = 'shared-1'`)).rowCount).toBe(0);
    expect((await asKela.query(`UPDATE kykypolku_heads SET last_seq = 9 WHERE case_id = 'shared-1'`)).rowCount).toBe(0);
    expect(await sqlStateOf(asKela, `DELETE FROM kykypolku_cases WHERE case_id = 'shared-1'`)).toBe('ok');
    expect(await seenBy(asKela, 'shared-1')).toMatchObject({ cases: 1 });
    // Nor may it keep its consent in force, or give itself one.
    expect(await sqlStateOf(asKela, `UPDATE kykypolku_consents SET withdrawn_seq = NULL WHERE case_id = 'shared-1'`)).toBe('ok');
    expect(
      await sqlStateOf(
        asKela,
        `INSERT INTO kykypolku_consents (case_id, grantee, owner_organisation, given_seq, given_at) VALUES ('private-1', 'kela', 'county-a', 1, 'x')`,
      ),
    ).toBe('42501');
    expect(await seenBy(asKela, 'private-1')).toEqual({ events: 0, heads: 0, cases: 0, deadlines: 0 });

    expect((await owner.record('shared-1', consent('CONSENT_WITHDRAWN', 6))).ok).toBe(true);
    const logged = (await owner.accessLog('shared-1')).length;
    expect(await partner.read('shared-1', officer(day(7)))).toMatchObject({ ok: false, failure: { code: 'NO_CONSENT' } });
    expect(await owner.accessLog('shared-1')).toHaveLength(logged);
    expect(await seenBy(asKela, 'shared-1')).toEqual({ events: 0, heads: 0, cases: 0, deadlines: 0 });
    // The withdrawal cannot be undone by the partner's SQL either.
    expect(
      (await asKela.query(`UPDATE kykypolku_consents SET withdrawn_seq = NULL, withdrawn_at = NULL WHERE case_id = 'shared-1'`)).rowCount,
    ).toBe(0);
    expect(await partner.read('shared-1', officer(day(8)))).toMatchObject({ ok: false, failure: { code: 'NO_CONSENT' } });
  });

  it('keeps a role that works for no organisation reading nothing, neither the shared case nor the consents, and not failing', async () => {
    // A host's own role, granted the events before step 8 and mapped to no organisation.
    await superuserPool.query('CREATE ROLE kykypolku_reporter LOGIN');
    await admin.query('GRANT SELECT ON kykypolku_events, kykypolku_organisation_roles TO kykypolku_reporter');
    const reporter = loginAs('kykypolku_reporter');
    expect((await reporter.query(`SELECT count(*)::int AS n FROM kykypolku_events`)).rows).toEqual([{ n: 0 }]);
    expect((await reporter.query(`SELECT count(*)::int AS n FROM kykypolku_consents`)).rows).toEqual([{ n: 0 }]);
    // The partner sees its own consents only: never the owner's other partners'.
    const { rows } = await asKela.query<{ grantee: string }>('SELECT DISTINCT grantee FROM kykypolku_consents');
    expect(rows).toEqual([{ grantee: 'kela' }]);
  });

  it('reads a shared case past the read page whole, and keeps it from an organisation without consent', async () => {
    const partner = openCaseStore(kela, [lifestyleGuidancePath]);
    const seen = await partner.read('big-1', officer('2025-01-01T00:00:00Z'));
    expect(seen.ok && seen.case.seq).toBe(big.length);
    expect(seen.ok && seen.case.history).toEqual(big);
    expect((await seenBy(asKela, 'big-1')).events).toBe(big.length);
    // What the consent costs a read (medians of five, on the shared test machine: a rough figure only).
    const median = async (read: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        await read();
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[2]!.toFixed(1);
    };
    const byConsent = await median(() => partner.read('big-1', officer('2025-01-01T00:00:00Z')));
    const byOwner = await median(() => openCaseStore(county, [lifestyleGuidancePath]).read('big-1', officer('2025-01-01T00:00:00Z')));
    process.stdout.write(
      `a case of ${big.length} events read through openCaseStore: by consent ${byConsent} ms, by its owner ${byOwner} ms\n`,
    );
    const { rows: forced } = await admin.query(
      `SELECT relrowsecurity AND relforcerowsecurity AS forced FROM pg_class WHERE relname = 'kykypolku_consents'`,
    );
    expect(forced).toEqual([{ forced: true }]);
    const te = openCaseStore(createPostgresStore({ pool: asTe, organisation: 'te-uusimaa' }), [lifestyleGuidancePath]);
    expect(await te.read('big-1', officer('2025-01-01T00:00:00Z'))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
    expect(await seenBy(asTe, 'big-1')).toEqual({ events: 0, heads: 0, cases: 0, deadlines: 0 });
  });
});
