// Consent-gated sharing, passed unchanged by the memory, PGlite and PostgreSQL stores: a case of one
// organisation is read by a partner organisation only while a consent recorded on it for that
// partner is in force, each such read logged as a disclosure, and a withdrawal ends it from that
// event on. On a server, test/store/consentSharing.int.test.ts proves the same holds against SQL
// run by the partner's own database role.
import { describe, expect, it } from 'vitest';
import { openCaseStore } from 'kykypolku';
import { coordinatorServicePath, lifestyleGuidancePath } from 'kykypolku/paths';
import type { OrganisationStores } from './organisationContract.js';

const coordinator = { role: 'coordinator' as const, id: 'k-1' };
const day = (n: number) => `2025-02-${String(n).padStart(2, '0')}T09:00:00Z`;
type Scope = 'employmentServices' | 'kela' | 'socialHealth';
const opening = [
  { type: 'REFERRED' as const, at: day(1), actor: { role: 'client' as const, id: 'client-1' }, payload: { route: 'selfContact' as const } },
  {
    type: 'ELIGIBILITY_CONFIRMED' as const,
    at: day(2),
    actor: coordinator,
    payload: { unemploymentMonths: 3, targetGroup: 'unemployed' as const },
  },
];
const given = (scope: Scope, n: number) => ({ type: 'CONSENT_GIVEN' as const, at: day(n), actor: coordinator, payload: { scope } });
const withdrawn = (scope: Scope, n: number) => ({ type: 'CONSENT_WITHDRAWN' as const, at: day(n), actor: coordinator, payload: { scope } });
const officer = (at: string) => ({ actor: { role: 'officer', id: 'kela-7' }, purpose: 'benefit-decision', at });

/** The county's map: which organisation each consent scope names. */
export const sharing = { kela: 'kela', employmentServices: 'te-uusimaa' } as const;

export function describeConsentContract(name: string, open: () => Promise<OrganisationStores>): void {
  describe(`${name} shares a case by consent`, () => {
    it('lets a partner read the case only while its consent is in force, logging each read as a disclosure', async () => {
      const stores = await open();
      const county = openCaseStore(await stores.forOrganisation('county-a'), [coordinatorServicePath], { sharing });
      const kelaStore = await stores.forOrganisation('kela');
      const kela = openCaseStore(kelaStore, [coordinatorServicePath]);
      for (const input of opening) expect((await county.record('shared-1', input)).ok).toBe(true);

      // Before any consent the partner learns nothing of the case.
      expect(await kela.read('shared-1', officer(day(3)))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });

      expect((await county.record('shared-1', given('kela', 4))).ok).toBe(true);
      const seen = await kela.read('shared-1', officer(day(5)));
      expect(seen.ok && seen.case.seq).toBe(3);
      expect(seen.ok && seen.case.history.map((event) => event.type)).toEqual(['REFERRED', 'ELIGIBILITY_CONFIRMED', 'CONSENT_GIVEN']);
      const disclosure = { caseId: 'shared-1', ...officer(day(5)), organisation: 'kela', caseOrganisation: 'county-a', disclosure: true };
      expect((await county.accessLog('shared-1')).filter((row) => row.disclosure)).toEqual([disclosure]);
      expect(await kela.accessLog('shared-1')).toEqual([expect.objectContaining({ organisation: 'kela', disclosure: false }), disclosure]);

      // Another partner (no consent for employment services) still learns nothing.
      const te = openCaseStore(await stores.forOrganisation('te-uusimaa'), [coordinatorServicePath]);
      expect(await te.read('shared-1', officer(day(6)))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });

      // The partner may read, never write, list, count or claim: the case stays the county's.
      expect(await kela.load('shared-1')).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
      expect(await kelaStore.read('shared-1')).toEqual([]);
      const history = seen.ok ? seen.case.history : [];
      const forged = { ...history[2]!, seq: 4, eventId: 'forged' };
      // The partner's store sees no case there: continuing it conflicts at seq 0, beginning it is refused.
      expect(await kelaStore.append('shared-1', [forged], { expectedSeq: 3 })).toMatchObject({
        ok: false,
        failure: { code: 'CONCURRENCY_CONFLICT', actualSeq: 0 },
      });
      expect(await kela.record('shared-1', opening[0]!)).toMatchObject({ ok: false, failure: { code: 'ACCESS_DENIED' } });
      expect(await county.load('shared-1')).toMatchObject({ ok: true, case: { seq: 3 } });
      expect(await kelaStore.listCases()).toEqual([]);
      const claims = await kelaStore.claimDueDeadlines({ now: '2027-01-01T00:00:00Z', limit: 100, workerId: 'kela-w', lease: 60_000 });
      expect(claims.ok && claims.claims).toEqual([]);

      // Withdrawn: refused from that event on, and nothing logged.
      expect((await county.record('shared-1', withdrawn('kela', 7))).ok).toBe(true);
      const logged = (await county.accessLog('shared-1')).length;
      expect(await kela.read('shared-1', officer(day(8)))).toMatchObject({
        ok: false,
        failure: { code: 'NO_CONSENT', caseId: 'shared-1' },
      });
      expect(await county.accessLog('shared-1')).toHaveLength(logged);

      // Given again: readable again, up to the latest event.
      expect((await county.record('shared-1', given('kela', 9))).ok).toBe(true);
      const again = await kela.read('shared-1', officer(day(10)));
      expect(again.ok && again.case.seq).toBe(5);
    });

    it('forgets a purged case’s consents: a case begun again under its id is shared with no one', async () => {
      const stores = await open();
      const county = openCaseStore(await stores.forOrganisation('county-a'), [coordinatorServicePath], { sharing });
      const kela = openCaseStore(await stores.forOrganisation('kela'), [coordinatorServicePath]);
      for (const input of opening) expect((await county.record('shared-3', input)).ok).toBe(true);
      expect((await county.record('shared-3', given('kela', 3))).ok).toBe(true);
      const closing = { type: 'CLOSED' as const, at: day(4), actor: coordinator, payload: { exit: 'moved' as const } };
      expect((await county.record('shared-3', closing)).ok).toBe(true);
      expect((await kela.read('shared-3', officer(day(5)))).ok).toBe(true);
      // Purging is the administrator's; the consent rows go with the case, in the same transaction.
      const purged = await stores.unscoped.purgeCase({ caseId: 'shared-3', expectedSeq: 4, closedAt: day(4), purgedAt: day(20) });
      expect(purged.ok).toBe(true);
      expect(await kela.read('shared-3', officer(day(21)))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
      for (const input of opening)
        expect((await county.record('shared-3', { ...input, at: input.at.replace('2025-02', '2025-03') })).ok).toBe(true);
      expect(await kela.read('shared-3', officer('2025-03-05T09:00:00Z'))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
    });

    it('shares with no one a consent whose scope the writer’s map leaves out, or recorded without a map', async () => {
      const stores = await open();
      const county = openCaseStore(await stores.forOrganisation('county-a'), [coordinatorServicePath], { sharing: { kela: 'kela' } });
      const unmapped = openCaseStore(await stores.forOrganisation('county-a'), [coordinatorServicePath]);
      for (const input of opening) await county.record('shared-2', input);
      expect((await county.record('shared-2', given('employmentServices', 3))).ok).toBe(true);
      expect((await unmapped.record('shared-2', given('kela', 4))).ok).toBe(true);
      for (const partner of ['kela', 'te-uusimaa']) {
        const reader = openCaseStore(await stores.forOrganisation(partner), [coordinatorServicePath]);
        expect(await reader.read('shared-2', officer(day(5)))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
      }
      // A case the administrator's store began has no organisation: no one discloses it, so a consent shares nothing.
      const admin = openCaseStore(stores.unscoped, [coordinatorServicePath], { sharing });
      for (const input of opening) await admin.record('unassigned-1', input);
      expect((await admin.record('unassigned-1', given('kela', 3))).ok).toBe(true);
      const kela = openCaseStore(await stores.forOrganisation('kela'), [coordinatorServicePath]);
      expect(await kela.read('unassigned-1', officer(day(4)))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
      // The owner's own reads are never disclosures.
      expect((await county.read('shared-2', officer(day(6)))).ok).toBe(true);
      expect((await county.accessLog('shared-2')).some((row) => row.disclosure)).toBe(false);
    });

    it('rebuilds the consent rows of cases recorded without a map: shared after, a withdrawn one NO_CONSENT, a second run writes nothing', async () => {
      const stores = await open();
      const countyStore = await stores.forOrganisation('county-a');
      // Recorded as an import or an older host does: no sharing map, so no consent rows.
      const unmapped = openCaseStore(countyStore, [coordinatorServicePath]);
      const record = async (caseId: string, inputs: readonly Parameters<typeof unmapped.record>[1][]) => {
        for (const input of inputs) expect((await unmapped.record(caseId, input)).ok).toBe(true);
      };
      await record('imported-1', [...opening, given('kela', 3)]);
      await record('imported-2', [...opening, given('kela', 3), withdrawn('kela', 4)]);
      await record('imported-3', [...opening, given('kela', 3), withdrawn('kela', 4), given('employmentServices', 5), given('kela', 6)]);
      await record('imported-4', [...opening, given('socialHealth', 3)]);
      const kela = openCaseStore(await stores.forOrganisation('kela'), [coordinatorServicePath]);
      const te = openCaseStore(await stores.forOrganisation('te-uusimaa'), [coordinatorServicePath]);
      for (const caseId of ['imported-1', 'imported-2', 'imported-3'])
        expect(await kela.read(caseId, officer(day(7)))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });

      const admin = openCaseStore(stores.unscoped, [coordinatorServicePath], { sharing });
      const progress: unknown[] = [];
      const report = await admin.rebuildConsents({ onProgress: (step) => progress.push(step) });
      // Rows: imported-1 kela; imported-2 kela (withdrawn); imported-3 kela (withdrawn), te, kela again.
      expect(report).toEqual({ ok: true, cases: 4, written: 5, skipped: [] });
      expect(progress).toEqual([{ cases: 4, written: 5, skipped: 0 }]);
      expect((await kela.read('imported-1', officer(day(8)))).ok).toBe(true);
      expect(await kela.read('imported-2', officer(day(8)))).toMatchObject({ ok: false, failure: { code: 'NO_CONSENT' } });
      const again = await kela.read('imported-3', officer(day(8)));
      expect(again.ok && again.case.seq).toBe(6);
      expect((await te.read('imported-3', officer(day(8)))).ok).toBe(true);
      expect(await te.read('imported-1', officer(day(8)))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
      // Each disclosure logged for the owner, as any read by consent.
      const county = openCaseStore(countyStore, [coordinatorServicePath], { sharing });
      expect((await county.accessLog('imported-1')).filter((row) => row.disclosure)).toHaveLength(1);

      expect(await admin.rebuildConsents()).toEqual({ ok: true, cases: 4, written: 0, skipped: [] });
    });

    it('withdraws in the rebuild a consent whose withdrawal was recorded without a map', async () => {
      const stores = await open();
      const countyStore = await stores.forOrganisation('county-a');
      const county = openCaseStore(countyStore, [coordinatorServicePath], { sharing });
      const unmapped = openCaseStore(countyStore, [coordinatorServicePath]);
      for (const input of [...opening, given('kela', 3)]) expect((await county.record('mixed-1', input)).ok).toBe(true);
      expect((await unmapped.record('mixed-1', withdrawn('kela', 4))).ok).toBe(true);
      const kela = openCaseStore(await stores.forOrganisation('kela'), [coordinatorServicePath]);
      // The row the append wrote is still in force: the withdrawal left no mark on it.
      expect((await kela.read('mixed-1', officer(day(5)))).ok).toBe(true);
      const admin = openCaseStore(stores.unscoped, [coordinatorServicePath], { sharing });
      expect(await admin.rebuildConsents()).toEqual({ ok: true, cases: 1, written: 1, skipped: [] });
      expect(await kela.read('mixed-1', officer(day(6)))).toMatchObject({ ok: false, failure: { code: 'NO_CONSENT' } });
      expect(await admin.rebuildConsents()).toEqual({ ok: true, cases: 1, written: 0, skipped: [] });
    });

    it('leaves the rebuild to the administrator, and needs the sharing map; nothing is written otherwise', async () => {
      const stores = await open();
      const countyStore = await stores.forOrganisation('county-a');
      const unmapped = openCaseStore(countyStore, [coordinatorServicePath]);
      for (const input of [...opening, given('kela', 3)]) expect((await unmapped.record('refused-1', input)).ok).toBe(true);
      const scoped = openCaseStore(countyStore, [coordinatorServicePath], { sharing });
      expect(await scoped.rebuildConsents()).toEqual({
        ok: false,
        failure: { code: 'REBUILD_NOT_PERMITTED', message: expect.stringMatching(/administrator/) },
      });
      expect(await openCaseStore(stores.unscoped, [coordinatorServicePath]).rebuildConsents()).toMatchObject({
        ok: false,
        failure: { code: 'NO_SHARING_MAP' },
      });
      const kela = openCaseStore(await stores.forOrganisation('kela'), [coordinatorServicePath]);
      expect(await kela.read('refused-1', officer(day(4)))).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE' } });
      // A case that does not replay on the catalogue is skipped by code, and the rest rebuilt.
      const other = openCaseStore(stores.unscoped, [lifestyleGuidancePath], { sharing });
      expect(await other.rebuildConsents()).toEqual({
        ok: true,
        cases: 1,
        written: 0,
        skipped: [{ caseId: 'refused-1', code: 'CASE_UNREADABLE', seq: expect.any(Number) }],
      });
    });

    it('refuses a sharing map that is not scopes to organisation codes, naming the field and never the value', async () => {
      const stores = await open();
      const store = await stores.forOrganisation('county-a');
      const hostile = [
        { kela: 'Kela, Helsinki' },
        { kela: '' },
        { kela: 'x'.repeat(65) },
        { kela: 7 },
        { 'kela; DROP TABLE x': 'kela' },
        ['kela'],
        null,
        'kela',
      ];
      for (const bad of hostile) {
        let thrown: unknown;
        try {
          openCaseStore(store, [coordinatorServicePath], { sharing: bad as never });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(TypeError);
        expect((thrown as Error).message).toMatch(/^openCaseStore: sharing/);
        expect((thrown as Error).message).not.toMatch(/Helsinki|DROP|xxxx/);
      }
    });
  });
}
