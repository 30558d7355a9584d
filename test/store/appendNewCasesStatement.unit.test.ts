// The statement of appendNewCases keeps the store's lock order: the events table before the heads
// table, the order schema step 7's conversion locks them in (heads first deadlocked against it,
// 40P01: docs/developers.md, test/store/partitionMigration.int.test.ts).
import { expect, it } from 'vitest';
import { appendNewCasesStatement } from '../../src/store/postgres/appendNewCasesStatement.js';

it('meets the events table first, and writes the heads, rows and deadlines only after it', () => {
  const { text } = appendNewCasesStatement;
  const first = (table: string) => text.search(new RegExp(`\\b${table}\\b`));
  expect(first('kykypolku_events')).toBeGreaterThan(0);
  for (const table of ['kykypolku_heads', 'kykypolku_cases', 'kykypolku_deadlines']) {
    expect(first(table)).toBeGreaterThan(first('kykypolku_events'));
  }
  // One text for every size: 30 parameters, whatever the number of cases and events.
  expect(Math.max(...[...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])))).toBe(30);
});
