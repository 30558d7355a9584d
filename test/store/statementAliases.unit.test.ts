// PostgreSQL resolves an ORDER BY name to an output column before a table column: a statement that
// selects `x::text AS x … ORDER BY x` sorts by the text ('10' before '2'). That is how readAll lost
// and reordered events past its first page. No statement the stores issue may order by a name that
// one of its own output aliases captures.
import { expect, it } from 'vitest';
import {
  appendProjected,
  appendUnprojected,
  countActiveStatement,
  listCasesStatement,
  storeStatements,
} from '../../src/store/postgres/storeStatements.js';

function captured(text: string): string[] {
  const aliases = new Set([...text.matchAll(/\bAS\s+([a-z_][a-z0-9_]*)/gi)].map((match) => match[1]!.toLowerCase()));
  const orderings = [...text.matchAll(/\bORDER BY\s+([^;]*?)(?:\bLIMIT\b|\)|$)/gis)].flatMap((match) =>
    match[1]!.split(',').map((term) => term.trim().split(/\s+/)[0]!.toLowerCase()),
  );
  return orderings.filter((term) => !term.includes('.') && aliases.has(term));
}

it('orders no statement by a name its own output aliases capture', () => {
  const texts = [
    ...Object.values(storeStatements).map((statement) => statement.text),
    appendProjected(1, 'new').text,
    appendProjected(1, 'continued').text,
    appendUnprojected(1, 'new').text,
    appendUnprojected(1200, 'continued').text,
    listCasesStatement({ pathId: 'p', state: 's', status: 'open', assignee: 'a', dueBefore: '2025-01-01T00:00:00Z', limit: 10 }, 'org-a')
      .text,
    countActiveStatement('a', 'p', 'org-a').text,
  ];
  expect(texts.filter((text) => /ORDER BY/i.test(text)).length).toBeGreaterThanOrEqual(3);
  expect(texts.flatMap(captured)).toEqual([]);
});

it('would catch the alias that broke readAll', () => {
  expect(captured('SELECT position::text AS position FROM t WHERE position > $1 ORDER BY position LIMIT $3')).toEqual(['position']);
});
