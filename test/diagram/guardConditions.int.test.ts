import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { languages, type AnyPathDefinition, type Language } from 'kykypolku';
import {
  buildReport,
  describePathGraph,
  describePathTable,
  toBpmn,
  toDot,
  toMermaid,
  toPathTableMarkdown,
  toScxml,
  toSvg,
  type GraphTransition,
  type GuardExpression,
} from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { guardCombinationsPath } from '../support/guardCombinationsPath.js';
import { reviewPath } from '../support/reviewPath.js';

// What a person reads on a transition is the guard's own meaning: the labels of the guards it is
// made of (`labels.guards`), combined as the machine combines them — never the name of a rule the
// guard helps enforce (an exception transition would read as the rule it is the exception to).
// Each exporter's output is read back here, as a reader or a tool would read it.

/** The engine's words around the path's own labels; written out here so the test is its own oracle. */
const words: Record<Language, { and: string; or: string; not: string; otherwise: string }> = {
  fi: { and: 'ja', or: 'tai', not: 'ei', otherwise: 'muuten' },
  sv: { and: 'och', or: 'eller', not: 'inte', otherwise: 'annars' },
  en: { and: 'and', or: 'or', not: 'not', otherwise: 'otherwise' },
};

function guardLabel(definition: AnyPathDefinition, name: string, lang: Language): string {
  const label = definition.labels.guards[name]?.[lang];
  if (label === undefined || label.trim() === '') throw new Error(`guard '${name}' of ${definition.id} has no ${lang} label`);
  return label;
}

/** The guard expression in the path's own guard labels: `a ja (b tai ei c)`. */
function expectedExpression(definition: AnyPathDefinition, expression: GuardExpression, lang: Language, nested = false): string {
  switch (expression.kind) {
    case 'guard': {
      // A label with a comma or a connective of its own is one operand only in parentheses.
      const label = guardLabel(definition, expression.name, lang);
      const { and, or, not } = words[lang];
      const several = label.includes(',') || label.split(/\s+/).some((word) => [and, or, not].includes(word.toLowerCase()));
      return nested && several ? `(${label})` : label;
    }
    case 'not':
      return `${words[lang].not} ${expectedExpression(definition, expression.item, lang, true)}`;
    default: {
      if (expression.items.length === 1) return expectedExpression(definition, expression.items[0]!, lang, nested);
      const text = expression.items
        .map((item) => expectedExpression(definition, item, lang, true))
        .join(` ${words[lang][expression.kind]} `);
      return nested ? `(${text})` : text;
    }
  }
}

function expectedCondition(definition: AnyPathDefinition, transition: GraphTransition, lang: Language): string | undefined {
  if (transition.guard) return expectedExpression(definition, transition.guard, lang);
  return transition.otherwise ? words[lang].otherwise : undefined;
}

function expectedLine(definition: AnyPathDefinition, transition: GraphTransition, lang: Language): string {
  const event = definition.labels.events[transition.event]![lang];
  const condition = expectedCondition(definition, transition, lang);
  return condition === undefined ? event : `${event} [${condition}]`;
}

const unescapeXml = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const mermaidEntities: Record<string, string> = {
  '#35;': '#',
  '#59;': ';',
  '#58;': ':',
  '#quot;': '"',
  '#lt;': '<',
  '#gt;': '>',
  '#123;': '{',
  '#125;': '}',
  '#37;': '%',
};
const unescapeMermaid = (text: string) => text.replace(/#(?:\d+|quot|lt|gt);/g, (entity) => mermaidEntities[entity] ?? entity);
const mermaidId = (state: string) => state.replace(/[^A-Za-z0-9_]/g, '_');

/** The attributes of every element named `name` in generated XML, with the id of the state element around it. */
function xmlElements(
  xml: string,
  name: string,
): { readonly attributes: Record<string, string>; readonly within: string | undefined; readonly text: string }[] {
  const found: { attributes: Record<string, string>; within: string | undefined; text: string }[] = [];
  const open: { name: string; id: string | undefined }[] = [];
  const tag = /<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>([^<]*)/g;
  for (const match of xml.matchAll(tag)) {
    const [, closing, element, rawAttributes, selfClosing, text] = match;
    if (closing) {
      open.pop();
      continue;
    }
    const attributes = Object.fromEntries(
      [...rawAttributes!.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [key!, unescapeXml(value!)]),
    );
    if (element === name)
      found.push({
        attributes,
        within: [...open].reverse().find((entry) => ['state', 'parallel', 'final'].includes(entry.name) && entry.id !== undefined)?.id,
        text: unescapeXml(text ?? ''),
      });
    if (!selfClosing) open.push({ name: element!, id: attributes.id });
  }
  return found;
}

const sorted = (items: readonly string[]) => [...items].sort();

const paths: readonly AnyPathDefinition[] = [reviewPath, guardCombinationsPath, ...builtInPaths];

describe.each(paths.map((path) => [path.id, path] as const))('the conditions shown for %s', (_id, definition) => {
  const graph = describePathGraph(definition);
  const targeted = graph.transitions.filter((transition) => transition.target !== undefined);
  const inState = graph.transitions.filter((transition) => transition.target === undefined);

  it('come from guards that are all labelled, in every language', () => {
    const used = new Set(graph.transitions.flatMap((transition) => guardNamesIn(transition.guard)));
    for (const name of used)
      for (const lang of languages) expect(definition.labels.guards[name]?.[lang]?.trim(), `guard ${name} in ${lang}`).toBeTruthy();
  });

  describe.each(languages.map((lang) => [lang] as const))('in %s', (lang) => {
    it('are the guards’ own labels in Mermaid', () => {
      const lines = toMermaid(definition, { lang })
        .text.split('\n')
        .map((line) => line.trim());
      const shown: string[] = [];
      for (const line of lines) {
        const arrow = /^(\S+) --> (\S+) : (.*)$/.exec(line);
        const description = /^(\S+) : ↻ (.*)$/.exec(line);
        if (arrow && arrow[1] !== '[*]')
          shown.push(
            `${arrow[1]} → ${arrow[3]!.startsWith('↻ ') ? '(same)' : arrow[2]} : ${unescapeMermaid(arrow[3]!.replace(/^↻ /, ''))}`,
          );
        else if (description) shown.push(`${description[1]} → (same) : ${unescapeMermaid(description[2]!)}`);
      }
      const expected = graph.transitions.map(
        (transition) =>
          `${mermaidId(transition.source)} → ${transition.target === undefined ? '(same)' : mermaidId(transition.target)} : ${expectedLine(definition, transition, lang)}`,
      );
      expect(sorted(shown)).toEqual(sorted(expected));
    });

    it('are the guards’ own labels in DOT', () => {
      const text = toDot(definition, { lang }).text;
      const unquote = (quoted: string) => quoted.slice(1, -1).replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      // The label follows the edge's id: `label`, or `xlabel` on an edge clipped at a cluster.
      const edges = [
        ...text.matchAll(/^\s*("(?:[^"\\]|\\.)*") -> ("(?:[^"\\]|\\.)*") \[id="[^"]*", class="transition", x?label=("(?:[^"\\]|\\.)*")/gm),
      ]
        .map(([, from, to, label]) => ({ from: unquote(from!), to: unquote(to!), label: unquote(label!) }))
        .filter((edge) => !edge.from.startsWith('__start'));
      // Edges come in the machine's order; a compound state's edge attaches to its initial leaf.
      expect(edges).toHaveLength(targeted.length);
      const near = (drawn: string, state: string) => drawn === state || drawn.startsWith(`${state}.`);
      edges.forEach((edge, index) => {
        const transition = targeted[index]!;
        expect(near(edge.from, transition.source) && near(edge.to, transition.target!), `${edge.from} -> ${edge.to}`).toBe(true);
        const condition = expectedCondition(definition, transition, lang);
        // A long condition is wrapped over lines at spaces; joined again, it is the condition.
        const [event, ...conditionLines] = edge.label.split('\n');
        expect([event, conditionLines.join(' ')]).toEqual([
          definition.labels.events[transition.event]![lang],
          condition === undefined ? '' : `[${condition}]`,
        ]);
      });
      const loops = [...text.matchAll(/<font point-size="10">↻ ([^<]*)<\/font>/g)].map(([, line]) => unescapeXml(line!));
      expect(sorted(loops)).toEqual(sorted(inState.map((transition) => expectedLine(definition, transition, lang))));
    });

    it('are the guards’ own labels in the SVG', async () => {
      const text = (await toSvg(definition, { lang })).text;
      // Graphviz writes each transition as a group `transition:<id>` holding its label's lines:
      // the event, then the condition in brackets (wrapped when long).
      for (const transition of targeted) {
        const group = text.split(`<g id="transition:${transition.id}" class="edge transition">`)[1]?.split('</g>')[0];
        expect(group, transition.id).toBeDefined();
        const lines = xmlElements(group!, 'text').map((element) => unescapeXml(element.text));
        expect([lines[0], ...(lines.length > 1 ? [lines.slice(1).join(' ')] : [])].join(' '), transition.id).toBe(
          expectedLine(definition, transition, lang),
        );
      }
      const lines = xmlElements(text, 'text')
        .map((element) => unescapeXml(element.text))
        .filter((line) => line.startsWith('↻ '));
      expect(sorted(lines)).toEqual(sorted(inState.map((transition) => `↻ ${expectedLine(definition, transition, lang)}`)));
    });

    it('are the guards’ own labels on the BPMN flows out of each choice', async () => {
      const { rootElement } = await new BpmnModdle().fromXML((await toBpmn(definition, { lang })).text);
      const process = (rootElement.get('rootElements') as { $type: string; get(name: string): unknown }[]).find(
        (element) => element.$type === 'bpmn:Process',
      )!;
      const flows = (
        process.get('flowElements') as {
          $type: string;
          id: string;
          name?: string;
          sourceRef?: { id: string };
          conditionExpression?: unknown;
        }[]
      ).filter((element) => element.$type === 'bpmn:SequenceFlow');
      const leafById = new Map(graph.states.map((state) => [state.id.replace(/[^A-Za-z0-9_-]/g, '_'), state]));
      const choices = new Set(flows.map((flow) => flow.sourceRef?.id).filter((id): id is string => id?.startsWith('Choice__') === true));
      expect(choices.size > 0).toBe(graph.transitions.some((transition) => transition.guard !== undefined));
      for (const choice of choices) {
        const [, leafId, event] = choice.split('__');
        const leaf = leafById.get(leafId!)!;
        // XState tries the deepest state's transitions for an event first, then its ancestors'.
        const chain: string[] = [];
        for (
          let state: string | undefined = leaf.id;
          state !== undefined;
          state = graph.states.find((candidate) => candidate.id === state)?.parent
        )
          chain.push(state);
        const candidates = chain.flatMap((state) =>
          graph.transitions.filter((transition) => transition.source === state && transition.event === event),
        );
        const firstUnguarded = candidates.findIndex((transition) => transition.guard === undefined);
        const reachable = firstUnguarded === -1 ? candidates : candidates.slice(0, firstUnguarded + 1);
        const named = flows
          .filter((flow) => flow.sourceRef?.id === choice && flow.conditionExpression !== undefined)
          .map((flow) => flow.name);
        expect(named, choice).toEqual(
          reachable
            .filter((transition) => transition.guard !== undefined)
            .map((transition) => expectedCondition(definition, transition, lang)),
        );
      }
    });

    it('are the guards’ own labels in the SCXML labels', () => {
      const transitions = xmlElements(toScxml(definition, { lang }).text, 'transition').filter(
        (element) => element.attributes.event !== undefined,
      );
      const shown = transitions.map(
        (element) => `${element.within} → ${element.attributes.target ?? '(same)'} : ${element.attributes['kyk:label']}`,
      );
      const expected = graph.transitions.map(
        (transition) => `${transition.source} → ${transition.target ?? '(same)'} : ${expectedLine(definition, transition, lang)}`,
      );
      expect(sorted(shown)).toEqual(sorted(expected));
    });

    it('are the guards’ own labels in the path table, as data and as Markdown', () => {
      const table = describePathTable(definition, { lang });
      expect(table.transitions.map((row) => row.condition)).toEqual(
        graph.transitions.map((transition) => expectedCondition(definition, transition, lang) ?? null),
      );
      for (const [index, row] of table.transitions.entries()) {
        expect(row.guards.map((guard) => guard.label)).toEqual(
          guardNamesIn(graph.transitions[index]!.guard).map((name) => guardLabel(definition, name, lang)),
        );
      }
      const markdown = toPathTableMarkdown(definition, { lang });
      const section = markdown
        .split(/^## /m)
        .find((part) => part.startsWith(`${{ fi: 'Siirtymät', sv: 'Övergångar', en: 'Transitions' }[lang]}\n`))!;
      const rows = section
        .split('\n')
        .filter((line) => line.startsWith('| '))
        .slice(2);
      const conditionColumn = rows.map((row) =>
        row
          .split(/(?<!\\)\|/)[3]!
          .trim()
          .replace(/\\\|/g, '|'),
      );
      expect(conditionColumn).toEqual(graph.transitions.map((transition) => expectedCondition(definition, transition, lang) ?? ''));
    });

    it('are the guards’ own labels in the report’s path table', async () => {
      const { files } = await buildReport([{ definition, histories: [], casesFrom: 'test' }], { lang });
      const page = files.find((file) => file.name === `${definition.id}.html`)!.text;
      const tableHtml = /<table class="path-table">([\s\S]*?)<\/table>/.exec(page)![1]!;
      const rows = [...tableHtml.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
        .slice(1)
        .map(([, row]) => [...row!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(([, cell]) => unescapeXml(cell!.replace(/<[^>]*>/g, '')).trim()));
      expect(rows.map((cells) => cells[2])).toEqual(
        graph.transitions.map((transition) => expectedCondition(definition, transition, lang) ?? ''),
      );
    });
  });
});

function guardNamesIn(expression: GuardExpression | undefined): string[] {
  if (expression === undefined) return [];
  if (expression.kind === 'guard') return [expression.name];
  if (expression.kind === 'not') return guardNamesIn(expression.item);
  return [...new Set(expression.items.flatMap(guardNamesIn))];
}

describe('the condition on a combined guard', () => {
  it('reads the combination as the machine makes it: or of an and with a not, and none-of', () => {
    const { text } = toMermaid(guardCombinationsPath, { lang: 'en' });
    expect(text).toContain('inbox --> fastLane : Filed [urgent or (signed and not stamped)]');
    expect(text).toContain('inbox --> archive : Filed [not (urgent or signed)]');
    expect(text).toContain('inbox --> queue : Filed [otherwise]');
    expect(text).toContain('inbox --> archive : Withdrawn [not stamped]');
  });
});

/** The condition the Finnish path table shows on the transitions of `event` from `from` to `to`. */
function conditionsFi(definition: AnyPathDefinition, from: string, event: string, to: string | null): (string | null)[] {
  return describePathTable(definition, { lang: 'fi' })
    .transitions.filter((row) => row.from.id === from && row.event.type === event && (row.to?.id ?? null) === to)
    .map((row) => row.condition);
}

// Each guard's label says exactly when the guard holds (read against the guard's code in
// machines/*/machine.ts); the exceptions no longer read as the rule they are the exception to.
describe('the exception transitions, as a service manager reads them in Finnish', () => {
  const [workability, ips, coordinator, lifestyle, teamIntake] = builtInPaths as unknown as AnyPathDefinition[];

  it('IPS: an administrative closure names the outcomes that need no hand-over (S1:258), the hand-over names the new plan (S1:331)', () => {
    expect(conditionsFi(ips!, 'referred', 'CLOSED', 'closed')).toEqual([
      'hallinnollinen päättyminen (keskeytti itse, muutti pois tai ei tavoitettu)',
    ]);
    expect(conditionsFi(ips!, 'handover', 'CLOSED', 'closed')).toEqual([
      '(uusi suunnitelma ja tukiverkosto varmistettu) ja lopputulos vastaa tapahtunutta',
      'hallinnollinen päättyminen (keskeytti itse, muutti pois tai ei tavoitettu)',
    ]);
  });

  it('IPS: the administrative closure’s label names exactly the outcomes its guard lets through, in every language', () => {
    const use = describePathGraph(ips!).transitions.find(
      (transition) => transition.guard?.kind === 'guard' && transition.guard.name === 'administrativeClosure',
    )!;
    const { outcomes } = (use.guard as { params: { outcomes: readonly string[] } }).params;
    for (const lang of languages) {
      const label = ips!.labels.guards.administrativeClosure![lang].toLowerCase();
      for (const outcome of Object.keys(ips!.outcomes)) {
        const named = label.includes(ips!.outcomes[outcome]![lang].toLowerCase());
        expect(named, `${outcome} in ${lang}`).toBe(outcomes.includes(outcome));
      }
    }
  });

  it('work-ability path: the coordinator is case manager exactly when the client has no social-care own-worker (S1:167, v2)', () => {
    const condition = 'asiakasvastaavaksi, jos ja vain jos asiakkaalla ei ole sosiaalihuollon omatyöntekijää';
    expect(conditionsFi(workability!, 'healthCheck', 'COORDINATOR_ASSIGNED', 'coordinatorSupport')).toEqual([condition]);
    expect(conditionsFi(workability!, 'contacted', 'COORDINATOR_ASSIGNED', 'coordinatorSupport')).toEqual([
      `alkoi verkostopalaverista ja (${condition})`,
    ]);
  });

  it('coordinator service: closing before support reads as the exit rule of S3:433, not as an interim review held', () => {
    expect(conditionsFi(coordinator!, 'eligibilityCheck', 'CLOSED', 'closed')).toEqual([
      'päättymisen syy ”sai työ- tai opiskelupaikan” vain, kun paikka on saatu ja sen jälkeen pidetty väliarviointi tai annettu syy aiemmalle päättymiselle',
    ]);
    expect(conditionsFi(coordinator!, 'activeSupport', 'REFERRED_TO_SERVICE', null)).toEqual([
      '(suostumus palvelun tuottajalle, ellei palvelu ole alueen omaa sosiaali- ja terveyspalvelua) ja (toimintakyky arvioitu, jos palvelu edistää työllistymistä)',
    ]);
  });

  it('lifestyle guidance and team intake: an early close reads as the outcomes it allows', () => {
    expect(conditionsFi(lifestyle!, 'interested', 'CLOSED', 'closed')).toEqual(['keskeytys tai siirto']);
    expect(conditionsFi(teamIntake!, 'needIdentified', 'CLOSED', 'closed')).toEqual(['päättymisen syy muu kuin ”suunnitelma toteutui”']);
  });
});
