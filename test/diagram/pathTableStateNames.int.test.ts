import { describe, expect, it } from 'vitest';
import type { AnyPathDefinition } from 'kykypolku';
import { buildReport, describePathGraph, toPathTableMarkdown } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';

// A service manager reads the Finnish and Swedish tables: states go by their names there. The
// state id stays in one developer column (the states table's `tila`/`tillstånd` column) and in
// the JSON form of the table.

/** Whether a cell shows a state id where a reader expects the state's name. */
function showsStateId(cell: string, ids: readonly string[]): string | undefined {
  const codeSpans = [...cell.matchAll(/`([^`]*)`|<code>([^<]*)<\/code>/g)].map(([, markdown, html]) => markdown ?? html);
  return ids.find(
    (id) =>
      cell.trim() === id ||
      codeSpans.includes(id) ||
      // An id no word looks like (camelCase or dotted) is an id wherever it stands.
      (/[A-Z.]/.test(id) && new RegExp(`(^|[^\\w.])${id.replace(/\./g, '\\.')}($|[^\\w.])`).test(cell)),
  );
}

/** The cells of each Markdown table after its heading, with the heading. */
function markdownTables(markdown: string): { readonly heading: string; readonly headers: string[]; readonly rows: string[][] }[] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((section) => {
      const [heading, ...lines] = section.split('\n');
      const tableLines = lines.filter((line) => line.startsWith('| '));
      const cells = (line: string) =>
        line
          .slice(2, -2)
          .split(/ (?<!\\)\| /)
          .map((cell) => cell.trim());
      return { heading: heading!, headers: tableLines[0] ? cells(tableLines[0]) : [], rows: tableLines.slice(2).map(cells) };
    });
}

describe.each(builtInPaths.map((path) => [path.id, path as AnyPathDefinition] as const))('the tables of %s', (_id, definition) => {
  const graph = describePathGraph(definition);
  const ids = graph.states.map((state) => state.id);

  describe.each([
    ['fi', 'Tilat', 'tila'],
    ['sv', 'Tillstånd', 'tillstånd'],
  ] as const)('in %s', (lang, statesHeading, idHeader) => {
    it('name states by their labels everywhere but the developer column of the states table', () => {
      const tables = markdownTables(toPathTableMarkdown(definition, { lang }));
      expect(tables.map((table) => table.heading)).toContain(statesHeading);
      for (const table of tables) {
        table.rows.forEach((row) => {
          row.forEach((cell, column) => {
            if (table.heading === statesHeading && table.headers[column] === idHeader) return;
            expect(showsStateId(cell, ids), `${table.heading} / ${table.headers[column]}: ${cell}`).toBeUndefined();
          });
        });
      }
      // The states table puts the name first, then the id a developer looks up.
      const states = tables.find((table) => table.heading === statesHeading)!;
      expect(states.headers.indexOf(idHeader)).toBeGreaterThan(0);
      expect(states.rows.map((row) => row[0])).toEqual(graph.states.map((state) => state.label[lang]));
      expect(states.rows.map((row) => row[states.headers.indexOf(idHeader)])).toEqual(ids.map((id) => `\`${id}\``));
      // Every transition's from and to read as state names.
      const transitions = tables.find((table) => table.heading === { fi: 'Siirtymät', sv: 'Övergångar' }[lang])!;
      const names = new Set(graph.states.map((state) => state.label[lang]));
      for (const row of transitions.rows) {
        expect(names.has(row[0]!), row[0]).toBe(true);
        expect(names.has(row[3]!) || row[3] === { fi: '(sama tila)', sv: '(samma tillstånd)' }[lang], row[3]).toBe(true);
      }
    });

    it('name states by their labels in the report’s path table', async () => {
      const { files } = await buildReport([{ definition, histories: [], casesFrom: 'test' }], { lang });
      const page = files.find((file) => file.name === `${definition.id}.html`)!.text;
      const tableHtml = /<table class="path-table">([\s\S]*?)<\/table>/.exec(page)![1]!;
      const rows = [...tableHtml.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
        .slice(1)
        .map(([, row]) => [...row!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(([, cell]) => cell!));
      expect(rows).toHaveLength(graph.transitions.length);
      for (const row of rows) for (const cell of row) expect(showsStateId(cell, ids), cell).toBeUndefined();
      const names = new Set(graph.states.map((state) => state.label[lang]));
      for (const row of rows) expect(names.has(row[0]!), row[0]).toBe(true);
    });
  });
});
