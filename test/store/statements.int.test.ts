// Every statement the PostgreSQL store issues either touches one case, found by case_id (so a Citus
// cluster distributed by case_id routes it to one shard, docs/scaling.md), or is one of the few
// explicit scans across cases. Checked on what the store really sends, and on the server's plans.
import type pg from 'pg';
import { expect, it } from 'vitest';
import { openCaseStore } from 'kykypolku';
import { createPostgresStore, type PgPoolLike, type PgQueryConfig } from 'kykypolku/postgres';
import { author, reviewer, reviewPath } from '../support/reviewPath.js';
import { reviewPathV2 } from '../support/reviewPathV2.js';
import { useThrowawayServer } from '../support/postgresServer.js';

const postgres = useThrowawayServer();

interface Issued {
  readonly text: string;
  readonly values: readonly unknown[];
}

/** A pool that notes every statement sent through it, its connections' included. */
function recordingPool(target: pg.Pool, issued: Issued[]): PgPoolLike {
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

const explicitScans = [
  'lastPosition',
  'readAllPage',
  'headsPage',
  'readCasesPage',
  'listCases',
  'countActiveCases',
  'claimDue',
  'casesToArm',
];

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Cond'?: string;
  /** A bitmap heap scan's condition: its bitmap index scan (a child node) has the same as its Index Cond. */
  readonly 'Recheck Cond'?: string;
  readonly Plans?: readonly PlanNode[];
}

function scansOf(node: PlanNode): PlanNode[] {
  const own = node['Relation Name']?.startsWith('kykypolku_') && node['Node Type'] !== 'ModifyTable' ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}

it('issues only single-case statements found by case_id, and the explicit scans', async () => {
  const { pool } = await postgres.freshPool(4);
  const issued: Issued[] = [];
  const store = createPostgresStore({ pool: recordingPool(pool, issued) });
  await store.migrate();
  await store.migrate();
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

  const tagged = issued.filter((statement) => !/^(BEGIN|COMMIT|ROLLBACK)$/.test(statement.text));
  const byScope = { case: new Set<string>(), scan: new Set<string>(), schema: new Set<string>() };
  const explain = await pool.connect();
  await explain.query('SET enable_seqscan = off');
  try {
    for (const statement of tagged) {
      const tag = /^\/\* kykypolku:(\w+):(case|scan|schema) \*\//.exec(statement.text);
      expect(tag, statement.text).not.toBeNull();
      const [, name, scope] = tag as unknown as [string, string, 'case' | 'scan' | 'schema'];
      byScope[scope].add(name);
      if (scope === 'scan') expect(explicitScans).toContain(name);
      if (scope !== 'case') continue;
      // It names its case by $1: in its WHERE, or as the case_id of the row it inserts.
      expect(statement.text).toMatch(/case_id = \$1\b|VALUES \(\$1, /);
      // The server's plan: every table the statement reads is reached through an index on case_id.
      const { rows } = await explain.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, [
        ...statement.values,
      ]);
      const caseId = String(statement.values[0]);
      for (const scan of scansOf(rows[0]!['QUERY PLAN'][0].Plan)) {
        const condition = scan['Index Cond'] ?? scan['Recheck Cond'] ?? '';
        expect(
          condition.includes(`case_id = '${caseId}'::text`) || condition.includes('case_id = $1'),
          `${name} scans ${scan['Relation Name']} with ${scan['Node Type']} on ${condition}`,
        ).toBe(true);
      }
    }
  } finally {
    explain.release();
  }
  process.stdout.write(
    `statements issued: single-case ${[...byScope.case].join(', ')}; explicit scans ${[...byScope.scan].join(', ')}; schema ${byScope.schema.size}\n`,
  );
  // readHead is issued only when the two concurrent COMMENTED appends race one way rather than the other.
  expect([...byScope.case].filter((name) => name !== 'readHead').sort()).toEqual([
    'appendProjected',
    'appendUnprojected',
    'caseSeq',
    'claimStanding',
    'clearProjection',
    'eventsByIds',
    'readCase',
    'settleClaim',
    'writeProjection',
  ]);
  expect([...byScope.scan].sort()).toEqual([...explicitScans].sort());
});
