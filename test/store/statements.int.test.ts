// Every statement the PostgreSQL store issues either touches one case, found by case_id (so a Citus
// cluster distributed by case_id routes it to one shard, docs/scaling.md), or is one of the few
// explicit scans across cases. Checked on what the store really sends, and on the server's plans.
import { expect, it } from 'vitest';
import { createPostgresStore } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';
import { recordingPool, runEveryStatement, taggedOnly, type Issued } from '../support/statementWorkload.js';

const postgres = useThrowawayServer();

const explicitScans = [
  'lastPosition',
  'readAllPage',
  'headsPage',
  'readCasesPage',
  'listCases',
  'countActiveCases',
  'claimDue',
  'casesToArm',
  'closedCases',
  'receiptsPage',
  'purgeAccessLog',
  'countAccessLog',
  'worksForOrganisation',
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
  await runEveryStatement(store);

  const tagged = taggedOnly(issued);
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
    'closedRow',
    'eventsByIds',
    'giveConsent',
    'lockHead',
    'purgeCase',
    'readCase',
    'restoreConsents',
    'settleClaim',
    'withdrawConsent',
    'writeProjection',
  ]);
  expect([...byScope.scan].sort()).toEqual([...explicitScans].sort());
});
