// The access log (käyttöloki) every store keeps, passed unchanged by the memory, PGlite and
// PostgreSQL stores: a read through openCaseStore names its reader, purpose and instant, and the
// store appends a row before it reads; a bad access is refused by field and writes no row.
import { describe, expect, it } from 'vitest';
import { openCaseStore, type IndexedEventStore } from 'kykypolku';
import { author, reviewPath } from '../support/reviewPath.js';
import type { OrganisationStores } from './organisationContract.js';

const submitted = { type: 'SUBMITTED' as const, at: '2025-03-01T09:00:00Z', actor: author, payload: { priority: 'low' as const } };
const access = (id: string, at: string, purpose = 'client-service') => ({ actor: { role: 'nurse', id }, purpose, at });

export function describeAccessLogContract(name: string, open: () => Promise<OrganisationStores>): void {
  describe(`${name} keeps an access log`, () => {
    it('appends one row per read, with reader, purpose, instant and organisations, oldest first', async () => {
      const stores = await open();
      const a = openCaseStore(await stores.forOrganisation('county-a'), [reviewPath]);
      await a.record('logged-1', submitted);
      expect(await a.accessLog('logged-1')).toEqual([]);
      expect((await a.read('logged-1', access('n-1', '2025-03-02T08:00:00Z'))).ok).toBe(true);
      expect((await a.read('logged-1', access('n-2', '2025-03-02T09:30:00+02:00', 'supervision'))).ok).toBe(true);
      expect(await a.accessLog('logged-1')).toEqual([
        {
          caseId: 'logged-1',
          ...access('n-1', '2025-03-02T08:00:00Z'),
          organisation: 'county-a',
          caseOrganisation: 'county-a',
          disclosure: false,
        },
        {
          caseId: 'logged-1',
          ...access('n-2', '2025-03-02T09:30:00+02:00', 'supervision'),
          organisation: 'county-a',
          caseOrganisation: 'county-a',
          disclosure: false,
        },
      ]);
      // Another organisation's read finds no case (it cannot see it) and is logged as its attempt, seen by the administrator.
      const b = openCaseStore(await stores.forOrganisation('county-b'), [reviewPath]);
      expect(await b.read('logged-1', access('n-9', '2025-03-03T08:00:00Z'))).toMatchObject({
        ok: false,
        failure: { code: 'UNKNOWN_CASE' },
      });
      expect(await b.accessLog('logged-1')).toMatchObject([{ organisation: 'county-b', caseOrganisation: undefined, disclosure: false }]);
      expect(await a.accessLog('logged-1')).toHaveLength(2);
      expect(await openCaseStore(stores.unscoped, [reviewPath]).accessLog('logged-1')).toHaveLength(3);
    });

    it('refuses an access that is not codes and an instant as INVALID_ACCESS naming the field, and logs nothing', async () => {
      const stores = await open();
      const a = openCaseStore(await stores.forOrganisation('county-a'), [reviewPath]);
      await a.record('logged-2', submitted);
      const bad: [string, unknown][] = [
        ['purpose', { ...access('n-1', '2025-03-02T08:00:00Z'), purpose: 'checking on Matti Meikäläinen' }],
        ['actor.id', { ...access('n-1', '2025-03-02T08:00:00Z'), actor: { role: 'nurse', id: '010170-123X Matti' } }],
        ['at', access('n-1', 'yesterday')],
        ['access', undefined],
      ];
      for (const [field, given] of bad) {
        const read = await a.read('logged-2', given as never);
        expect(read).toMatchObject({ ok: false, failure: { code: 'INVALID_ACCESS', field } });
        expect(read.failure?.message).not.toMatch(/Matti|010170/);
      }
      expect(await a.accessLog('logged-2')).toEqual([]);
    });

    it('keeps the rows a host gets back from changing the log', async () => {
      const stores = await open();
      const store: IndexedEventStore = await stores.forOrganisation('county-a');
      const a = openCaseStore(store, [reviewPath]);
      await a.record('logged-3', submitted);
      await a.read('logged-3', access('n-1', '2025-03-02T08:00:00Z'));
      const rows = await a.accessLog('logged-3');
      (rows as unknown as unknown[]).length = 0;
      expect(await a.accessLog('logged-3')).toHaveLength(1);
    });
  });
}
