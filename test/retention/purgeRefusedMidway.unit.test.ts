// A purge whose store starts refusing midway (PURGE_NOT_PERMITTED: the server revoked the role's
// right to delete between two cases) stops at the first refusal: the cases already gone are
// reported with their receipts, the refusal in `skipped`, and no further case is tried.
import { expect, it } from 'vitest';
import { asCatalogue } from '../../src/catalogue/pathCatalogue.js';
import { purgeExpired } from '../../src/caseStore/retention.js';
import type { ErasureReceipt, PurgeCaseRequest, RetentionStore } from '../../src/retention/retentionStore.js';
import { retentionCatalogue, rules } from '../support/retentionCases.js';

const closedAt = '2016-01-01T10:00:00.000Z';

function refusingAfter(allowed: number): { store: RetentionStore; tried: string[] } {
  const tried: string[] = [];
  const store: RetentionStore = {
    closedCases: async ({ afterCaseId }) =>
      afterCaseId === ''
        ? ['c-1', 'c-2', 'c-3'].map((caseId) => ({ caseId, pathId: 'review-path', pathVersion: 1, seq: 3, closedAt }))
        : [],
    async purgeCase({ caseId, purgedAt }: PurgeCaseRequest) {
      tried.push(caseId);
      if (tried.length > allowed)
        return { ok: false, failure: { code: 'PURGE_NOT_PERMITTED', message: 'purging a case is the administrator’s', caseId } };
      const receipt: ErasureReceipt = { caseId, pathId: 'review-path', pathVersion: 1, closedAt, purgedAt, eventCount: 3, lastChain: 'x' };
      return { ok: true, receipt };
    },
    erasureReceipts: async () => [],
  };
  return { store, tried };
}

it('stops at the first refusal, reporting what was purged before it', async () => {
  const { store, tried } = refusingAfter(1);
  const report = await purgeExpired(store, asCatalogue(retentionCatalogue), { now: '2030-01-01T00:00:00Z', rules }, async () => undefined);
  expect(report).toMatchObject({
    ok: true,
    purged: [{ caseId: 'c-1' }],
    skipped: [{ code: 'PURGE_NOT_PERMITTED', caseId: 'c-2' }],
  });
  expect(tried).toEqual(['c-1', 'c-2']);
});

it('answers PURGE_NOT_PERMITTED for the whole purge when the first case is refused', async () => {
  const { store, tried } = refusingAfter(0);
  const report = await purgeExpired(store, asCatalogue(retentionCatalogue), { now: '2030-01-01T00:00:00Z', rules }, async () => undefined);
  expect(report).toEqual({ ok: false, failure: { code: 'PURGE_NOT_PERMITTED', message: 'purging a case is the administrator’s' } });
  expect(tried).toEqual(['c-1']);
});
