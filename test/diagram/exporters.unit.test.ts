import { describe, expect, it } from 'vitest';
import { languages, type AnyPathDefinition, type Language } from 'kykypolku';
import { describePathGraph, describePathTable, toBpmn, toDot, toMermaid, toPathTableMarkdown, toScxml, toSvg } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { reviewPath } from '../support/reviewPath.js';

describe('the exporters on the hand-made review path', () => {
  // Golden files: a change to any exporter shows up here as a readable diff. Update them with
  // `npx vitest run test/diagram/exporters.unit.test.ts -u` after checking the diff.
  it.each(['fi', 'sv', 'en'] as const)('write the same Mermaid as the golden file (%s)', async (lang) => {
    await expect(toMermaid(reviewPath, { lang }).text).toMatchFileSnapshot(`golden/review-path.${lang}.mmd`);
  });

  it('writes the same DOT, SCXML and BPMN as the golden files', async () => {
    await expect(toDot(reviewPath, { lang: 'en' }).text).toMatchFileSnapshot('golden/review-path.en.dot');
    await expect(toScxml(reviewPath, { lang: 'en' }).text).toMatchFileSnapshot('golden/review-path.en.scxml');
    await expect((await toBpmn(reviewPath, { lang: 'en' })).text).toMatchFileSnapshot('golden/review-path.en.bpmn');
  });

  it('writes the same SVG as the golden file: the DOT as Graphviz (WebAssembly) lays it out', async () => {
    await expect((await toSvg(reviewPath, { lang: 'en' })).text).toMatchFileSnapshot('golden/review-path.en.svg');
  });

  it('writes the same path tables as the golden files, as Markdown and as JSON', async () => {
    await expect(toPathTableMarkdown(reviewPath, { lang: 'en' })).toMatchFileSnapshot('golden/review-path.en.table.md');
    await expect(`${JSON.stringify(describePathTable(reviewPath, { lang: 'fi' }), null, 2)}\n`).toMatchFileSnapshot(
      'golden/review-path.fi.table.json',
    );
  });

  it('writes the same bytes every time', async () => {
    expect(toMermaid(reviewPath).text).toBe(toMermaid(reviewPath).text);
    expect((await toBpmn(reviewPath)).text).toBe((await toBpmn(reviewPath)).text);
    expect((await toSvg(reviewPath)).text).toBe((await toSvg(reviewPath)).text);
  });

  it('reads "otherwise" on an unguarded transition that follows a guarded one, and the guard’s own label on a guarded one', () => {
    const { text } = toMermaid(reviewPath, { lang: 'en' });
    expect(text).toContain('draft --> active_urgent : Submitted [high priority]');
    expect(text).toContain('draft --> active : Submitted [otherwise]');
    expect(text).toContain('active --> done : Done [approved]');
    expect(toScxml(reviewPath).text).toContain('kyk:rules="approved-before-done"');
  });
});

const paths: readonly AnyPathDefinition[] = [reviewPath, ...builtInPaths];

/** The labels of a path in one language that differ from the same labels in another. */
function labelsOnlyIn(definition: AnyPathDefinition, lang: Language, other: Language): string[] {
  const all = [...Object.values(definition.labels.states), ...Object.values(definition.labels.events)];
  const chosen = new Set(all.map((label) => label[lang]));
  return all.map((label) => label[other]).filter((text) => !chosen.has(text) && ![...chosen].some((mine) => mine.includes(text)));
}

describe.each(paths.map((path) => [path.id, path] as const))('every exporter on %s', (_id, definition) => {
  const graph = describePathGraph(definition);
  const targeted = graph.transitions.filter((transition) => transition.target !== undefined).length;
  const inState = graph.transitions.length - targeted;

  it.each(languages.map((lang) => [lang]))('draws every state once and every transition once in Mermaid, in %s only', (lang) => {
    const { text, warnings } = toMermaid(definition, { lang });
    expect(warnings).toEqual([]);
    const lines = text.split('\n');
    for (const state of graph.states) {
      expect(
        lines.filter((line) => new RegExp(`^\\s*state "[^"]*" as ${state.id.replace(/\./g, '_')}( \\{)?$`).test(line)),
        state.id,
      ).toHaveLength(1);
      expect(text).toContain(state.label[lang].replace(/[:;#"]/g, (c) => ({ ':': '#58;', ';': '#59;', '#': '#35;', '"': '#quot;' })[c]!));
    }
    const arrows = lines.filter((line) => line.includes(' --> ') && !line.includes('[*]'));
    const descriptions = lines.filter((line) => / : ↻ /.test(line) && !line.includes('-->'));
    expect(arrows.length + descriptions.length).toBe(graph.transitions.length);
    for (const other of languages.filter((candidate) => candidate !== lang)) {
      for (const foreign of labelsOnlyIn(definition, lang, other)) expect(text, `${other} label in ${lang}`).not.toContain(foreign);
    }
  });

  // What Graphviz draws from this DOT is read back in test/diagram/graphvizRendering.e2e.test.ts.
  it('draws every state once and every transition once in DOT', () => {
    const { text, warnings } = toDot(definition, { lang: 'fi' });
    expect(warnings).toEqual([]);
    const edges = text.split('\n').filter((line) => line.includes(' -> ') && !line.includes('"__start'));
    expect(edges).toHaveLength(targeted);
    expect((text.match(/↻ /g) ?? []).length).toBe(inState);
    for (const state of graph.states) {
      const declared = new RegExp(`^\\s*("${state.id}" \\[|subgraph "cluster:${state.id}" \\{)`, 'm');
      expect(
        text.split('\n').filter((line) => declared.test(line)),
        state.id,
      ).toHaveLength(1);
    }
  });

  it('tables every transition once with who may record it, and every guard with its rule and source seed', () => {
    const table = describePathTable(definition, { lang: 'fi' });
    expect(table.transitions).toHaveLength(graph.transitions.length);
    for (const row of table.transitions) {
      expect(row.recordedBy.map((role) => role.role)).toEqual(definition.permissions[row.event.type]);
      for (const guard of row.guards)
        for (const rule of guard.rules)
          expect(definition.rules.find((candidate) => candidate.id === rule)?.enforcedBy).toContain(guard.name);
    }
    const markdown = toPathTableMarkdown(definition, { lang: 'fi' });
    for (const rule of definition.rules) expect(markdown).toContain(`\`${rule.source.seed}:${rule.source.lines}\``);
    for (const deadline of definition.deadlines) expect(markdown).toContain(deadline.label.fi);
  });

  it('declares every state once and every transition once in SCXML', () => {
    const { text, warnings } = toScxml(definition, { lang: 'sv' });
    expect(warnings).toEqual([]);
    for (const state of graph.states)
      expect(text.match(new RegExp(`<(state|final|parallel|history) id="${state.id}"`, 'g')), state.id).toHaveLength(1);
    // A history state's default is a transition without an event; the machine's transitions all have one.
    expect(text.match(/<transition event=/g)).toHaveLength(graph.transitions.length);
    expect(text.match(/<transition event="[^"]*" (?![^>]*target=)/g) ?? []).toHaveLength(inState);
    for (const state of graph.states) expect(text).toContain(`kyk:label="${state.label.sv.replace(/"/g, '&quot;')}"`);
  });
});
