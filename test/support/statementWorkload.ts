/**
 * Every statement a host makes the PostgreSQL store send: a pool that notes each statement, and a
 * workload that goes through every call (records, a retry, a conflict, queries, a rebuild, the
 * deadline worker's calls, a retention purge). The statement audit (test/store/statements.int.test.ts) and the
 * partition-pruning test (test/store/partitionPruning.int.test.ts) both run it.
 */
import type pg from 'pg';
import { expect } from 'vitest';
import { openCaseStore } from 'kykypolku';
import type { PgPoolLike, PgQueryConfig, SqlEventStore } from 'kykypolku/postgres';
import { author, reviewer, reviewPath } from './reviewPath.js';
import { reviewPathV2 } from './reviewPathV2.js';
import { reviewHistory, storeCase } from './retentionCases.js';

/** One statement as the store sent it. */
export interface Issued {
  readonly text: string;
  readonly values: readonly unknown[];
}

/** A pool that notes every statement sent through it, its connections' included. */
export function recordingPool(target: pg.Pool, issued: Issued[]): PgPoolLike {
  return {
    query: (config) => {
      issued.push({ text: config.text, values: config.values ?? [] });
      return target.query({ ...config });
    },
    async connect() {
      const client = await target.connect();
      return {
        query: (config: PgQueryConfig) => {
          issued.push({ text: config.text, values: config.values ?? [] });
          return client.query({ ...config });
        },
        release: (error?: Error | boolean) => client.release(error),
      };
    },
  };
}

/** Everything a host does with a migrated store, so that it sends every statement it has. */
export async function runEveryStatement(store: SqlEventStore): Promise<void> {
  const cases = openCaseStore(store, [reviewPath, reviewPathV2]);
  const submitted = {
    type: 'SUBMITTED',
    at: '2025-05-01T09:00:00Z',
    actor: author,
    payload: { priority: 'high' },
    eventId: 'e-1',
  } as const;
  // Everything a host does: new cases, more events, a retry, a conflict, a rejection, the queries, a rebuild.
  await cases.record('doc-1', submitted);
  await cases.record('doc-1', submitted);
  await cases.record('doc-1', { type: 'ESCALATED', at: '2025-05-02T09:00:00Z', actor: reviewer, payload: { to: 'lead' } });
  await Promise.all([1, 2].map(() => cases.record('doc-1', { type: 'COMMENTED', at: '2025-05-03T09:00:00Z', actor: author, payload: {} })));
  await cases.record('doc-1', { type: 'DONE', at: '2025-05-04T09:00:00Z', actor: author, payload: {} });
  await cases.record('doc-2', { ...submitted, eventId: 'e-2' });
  const [first] = await store.read('doc-1');
  await store.append('doc-1', [first!], { expectedSeq: 0 });
  await store.append('doc-3', [], { expectedSeq: 0 });
  await cases.load('doc-2');
  for await (const _ of store.readAll()) void _;
  await cases.listCases();
  await cases.listCases({
    pathId: 'review-path',
    state: 'active.review',
    status: 'open',
    assignee: 'r-1',
    dueBefore: '2025-06-01T00:00:00Z',
    limit: 5,
  });
  await cases.countActiveCases({ assignee: 'r-1' });
  await cases.countActiveCases({ assignee: 'r-1', pathId: 'review-path' });
  await cases.rebuildProjections();
  // The deadline worker's calls: claim, settle, give back, and the cases left to arm.
  const claimed = await store.claimDueDeadlines({ now: '2025-06-01T00:00:00Z', limit: 10, workerId: 'w', lease: 60_000 });
  for (const claim of claimed.claims ?? []) await store.releaseDeadline(claim);
  for (const claim of (await store.claimDueDeadlines({ now: '2025-06-01T00:00:00Z', limit: 10, workerId: 'w', lease: 60_000 })).claims ??
    [])
    await store.completeDeadline(claim);
  await store.completeDeadline({ ...claimed.claims![0]!, attempt: 99 });
  await cases.armDeadlines();
  await store.writeProjections([{ caseId: 'doc-2', seq: 1, projection: undefined }]);
  // Retention: the plan's scan, a purge of each closed case (and one refused), the receipts.
  await storeCase(store, reviewHistory('doc-9', 'A', '2025-05-05T09:00:00.000Z'));
  const closed = await store.closedCases({ afterCaseId: '', limit: 10 });
  expect(closed.length).toBeGreaterThan(0);
  for (const each of closed)
    expect(await store.purgeCase({ ...each, expectedSeq: each.seq, purgedAt: '2040-01-01T00:00:00.000Z' })).toMatchObject({ ok: true });
  expect(
    await store.purgeCase({ caseId: 'doc-2', expectedSeq: 9, closedAt: '2025-05-01T09:00:00.000Z', purgedAt: '2040-01-01T00:00:00.000Z' }),
  ).toMatchObject({ ok: false, failure: { code: 'CASE_CHANGED' } });
  expect(await store.erasureReceipts({ afterCaseId: '', limit: 10 })).toHaveLength(closed.length);
  // Consents (schema step 8), given and withdrawn with the events that make them.
  const [submittedAgain] = await store.read('doc-2');
  const consent = (change: 'given' | 'withdrawn', seq: number) => [{ grantee: 'kela', seq, at: '2025-05-06T09:00:00Z', change }];
  const more = { ...submittedAgain!, eventId: undefined, type: 'COMMENTED', payload: {} };
  await store.append('doc-2', [{ ...more, seq: 2 }], { expectedSeq: 1, consents: consent('given', 2) });
  await store.append('doc-2', [{ ...more, seq: 3 }], { expectedSeq: 2, consents: consent('withdrawn', 3) });
  // The rebuild of the consent rows from the events: its check of the role, and one case's rows.
  const rebuilt = {
    grantee: 'te-uusimaa',
    givenSeq: 2,
    givenAt: '2025-05-06T09:00:00Z',
    withdrawnSeq: 3,
    withdrawnAt: '2025-05-07T09:00:00Z',
  };
  expect(await store.restoreConsents([{ caseId: 'doc-2', rows: [rebuilt] }])).toMatchObject({ ok: true });
  // The access log's own retention: one scan across cases.
  expect(await store.countAccessLog({ before: '2000-01-01T00:00:00.000Z' })).toBe(0);
  expect(await store.purgeAccessLog({ before: '2000-01-01T00:00:00.000Z' })).toMatchObject({ ok: true });
}

/** The statement's tag: its name and scope. */
export function tagOf(text: string): { name: string; scope: 'case' | 'scan' | 'schema' } | undefined {
  const tag = /^\/\* kykypolku:(\w+):(case|scan|schema) \*\//.exec(text);
  return tag ? { name: tag[1]!, scope: tag[2] as 'case' | 'scan' | 'schema' } : undefined;
}

/** The statements the store sent that carry SQL of its own (not BEGIN, COMMIT, ROLLBACK). */
export const taggedOnly = (issued: readonly Issued[]): Issued[] =>
  issued.filter((statement) => !/^(BEGIN|COMMIT|ROLLBACK)$/.test(statement.text));
