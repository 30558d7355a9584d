import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { formatSource } from '../path/source.js';
import type { DiagramOptions } from './diagramResult.js';
import { guardNamesOf, rulesEnforcedBy } from './guardExpression.js';
import { codeSpan, renderMarkdown, type MarkdownBlock } from './markdown.js';
import { describePathGraph } from './pathGraph.js';
import { transitionTextOf } from './transitionText.js';

/**
 * A rule as a path table shows it.
 *
 * @example
 * ```ts
 * const rule = describePathTable(workabilityPath).rules[0]!;
 * console.log(rule.id, rule.source); // 'eligible-at-entry' '001_55550c4af1568658.txt:165'
 * ```
 */
export interface PathTableRule {
  readonly id: string;
  readonly name: string;
  readonly sentence: string;
  /** `seed:lines`, e.g. `001_55550c4af1568658.txt:185`. */
  readonly source: string;
  readonly enforcedBy: readonly string[];
}

/**
 * One row of a path table: a transition, who may record its event, and what guards it.
 *
 * @example
 * ```ts
 * const guarded = describePathTable(workabilityPath).transitions.filter((row) => row.guards.length > 0);
 * ```
 */
export interface PathTableTransition {
  readonly from: { readonly id: string; readonly label: string };
  readonly event: { readonly type: string; readonly label: string };
  /** `null` for an in-state event: the state does not change. */
  readonly to: { readonly id: string; readonly label: string } | null;
  /** The readable condition, when the transition is guarded (or taken "otherwise"). */
  readonly condition: string | null;
  readonly guards: readonly { readonly name: string; readonly label: string; readonly rules: readonly string[] }[];
  readonly recordedBy: readonly { readonly role: string; readonly label: string }[];
}

/**
 * A path as tables, in one language: states, transitions (event, who may record it, the guard
 * with its rule and source), rules, deadlines and end reasons. Plain data: print it as JSON, or
 * as Markdown with {@link toPathTableMarkdown}.
 *
 * @example
 * ```ts
 * const table = describePathTable(workabilityPath, { lang: 'fi' });
 * table.transitions.filter((row) => row.guards.length > 0);
 * ```
 */
export interface PathTable {
  readonly path: { readonly id: string; readonly version: number; readonly title: string };
  readonly lang: Language;
  readonly states: readonly { readonly id: string; readonly label: string; readonly kind: string; readonly parent: string | null }[];
  readonly transitions: readonly PathTableTransition[];
  readonly rules: readonly PathTableRule[];
  readonly deadlines: readonly { readonly id: string; readonly label: string; readonly kind: string; readonly source: string }[];
  readonly outcomes: readonly { readonly id: string; readonly label: string }[];
  readonly roles: readonly { readonly id: string; readonly label: string; readonly records: readonly string[] }[];
}

/**
 * Reads a definition into a {@link PathTable} in one language.
 *
 * @example
 * ```ts
 * import { describePathTable } from 'kykypolku/diagram';
 * console.log(JSON.stringify(describePathTable(workabilityPath, { lang: 'en' }), null, 2));
 * ```
 */
export function describePathTable(definition: AnyPathDefinition, options: DiagramOptions = {}): PathTable {
  const lang = options.lang ?? 'en';
  const graph = describePathGraph(definition);
  const stateLabel = (id: string) => definition.labels.states[id]?.[lang] ?? id;
  return {
    path: { id: definition.id, version: definition.version, title: definition.title[lang] },
    lang,
    states: graph.states.map((state) => ({ id: state.id, label: state.label[lang], kind: state.kind, parent: state.parent ?? null })),
    transitions: graph.transitions.map((transition) => {
      const text = transitionTextOf(definition, transition, lang);
      return {
        from: { id: transition.source, label: stateLabel(transition.source) },
        event: { type: transition.event, label: text.event },
        to: transition.target === undefined ? null : { id: transition.target, label: stateLabel(transition.target) },
        condition: text.condition ?? null,
        guards: guardNamesOf(transition.guard).map((name) => ({
          name,
          label: definition.labels.guards[name]?.[lang] ?? name,
          rules: rulesEnforcedBy(definition, name).map((rule) => rule.id),
        })),
        recordedBy: (definition.permissions[transition.event] ?? []).map((role) => ({
          role,
          label: definition.roles[role]?.[lang] ?? role,
        })),
      };
    }),
    rules: definition.rules.map((rule) => ({
      id: rule.id,
      name: rule.name[lang],
      sentence: rule.sentence[lang],
      source: formatSource(rule.source),
      enforcedBy: [...rule.enforcedBy],
    })),
    deadlines: definition.deadlines.map((deadline) => ({
      id: deadline.id,
      label: deadline.label[lang],
      kind: deadline.kind,
      source: formatSource(deadline.source),
    })),
    outcomes: Object.entries(definition.outcomes).map(([id, label]) => ({ id, label: label[lang] })),
    roles: Object.entries(definition.roles).map(([id, label]) => ({
      id,
      label: label[lang],
      records: Object.keys(definition.events).filter((type) => (definition.permissions[type] ?? []).includes(id)),
    })),
  };
}

/** The column headings of the tables, per language. @internal */
export const pathTableHeadings = {
  fi: {
    states: 'Tilat',
    state: 'tila',
    name: 'nimi',
    transitions: 'Siirtymät',
    from: 'mistä',
    event: 'tapahtuma',
    condition: 'ehto',
    to: 'mihin',
    who: 'kuka voi kirjata',
    rule: 'sääntö ja lähde',
    rules: 'Säännöt',
    id: 'tunniste',
    sentence: 'sääntö',
    source: 'lähde',
    guard: 'vartija',
    deadlines: 'Määräajat',
    kind: 'laji',
    outcomes: 'Päättymisen syyt',
    roles: 'Roolit',
    records: 'kirjaa',
    same: '(sama tila)',
  },
  sv: {
    states: 'Tillstånd',
    state: 'tillstånd',
    name: 'namn',
    transitions: 'Övergångar',
    from: 'från',
    event: 'händelse',
    condition: 'villkor',
    to: 'till',
    who: 'vem får registrera',
    rule: 'regel och källa',
    rules: 'Regler',
    id: 'id',
    sentence: 'regel',
    source: 'källa',
    guard: 'vakt',
    deadlines: 'Tidsfrister',
    kind: 'typ',
    outcomes: 'Orsaker till avslut',
    roles: 'Roller',
    records: 'registrerar',
    same: '(samma tillstånd)',
  },
  en: {
    states: 'States',
    state: 'state',
    name: 'name',
    transitions: 'Transitions',
    from: 'from',
    event: 'event',
    condition: 'condition',
    to: 'to',
    who: 'who may record it',
    rule: 'rule and source',
    rules: 'Rules',
    id: 'id',
    sentence: 'rule',
    source: 'source',
    guard: 'guard',
    deadlines: 'Deadlines',
    kind: 'kind',
    outcomes: 'End reasons',
    roles: 'Roles',
    records: 'records',
    same: '(same state)',
  },
} as const satisfies Record<Language, Record<string, string>>;

/**
 * The Markdown blocks of a path table (without a title), for documents that embed it.
 *
 * @internal
 */
export function pathTableBlocks(table: PathTable, level: 2 | 3 = 2): MarkdownBlock[] {
  const words = pathTableHeadings[table.lang];
  const ruleById = new Map(table.rules.map((rule) => [rule.id, rule]));
  return [
    { kind: 'heading', level, text: words.states },
    // Names first, for the reader; the id once, in its own column, for the developer.
    { kind: 'table', headers: [words.name, words.state], rows: table.states.map((state) => [state.label, codeSpan(state.id)]) },
    { kind: 'heading', level, text: words.transitions },
    {
      kind: 'table',
      headers: [words.from, words.event, words.condition, words.to, words.who, words.rule],
      rows: table.transitions.map((row) => [
        row.from.label,
        `${row.event.label} (${codeSpan(row.event.type)})`,
        row.condition ?? '',
        row.to === null ? words.same : row.to.label,
        row.recordedBy.map((role) => role.label).join(', '),
        row.guards.flatMap((guard) => guard.rules.map((id) => `${codeSpan(id)} (${ruleById.get(id)?.source ?? ''})`)).join(', '),
      ]),
    },
    { kind: 'heading', level, text: words.rules },
    {
      kind: 'table',
      headers: [words.id, words.sentence, words.source, words.guard],
      rows: table.rules.map((rule) => [codeSpan(rule.id), rule.sentence, codeSpan(rule.source), rule.enforcedBy.map(codeSpan).join(', ')]),
    },
    { kind: 'heading', level, text: words.deadlines },
    {
      kind: 'table',
      headers: [words.id, words.name, words.kind, words.source],
      rows: table.deadlines.map((deadline) => [codeSpan(deadline.id), deadline.label, deadline.kind, codeSpan(deadline.source)]),
    },
    { kind: 'heading', level, text: words.roles },
    {
      kind: 'table',
      headers: [words.id, words.name, words.records],
      rows: table.roles.map((role) => [codeSpan(role.id), role.label, role.records.map(codeSpan).join(', ')]),
    },
    { kind: 'heading', level, text: words.outcomes },
    { kind: 'table', headers: [words.id, words.name], rows: table.outcomes.map((outcome) => [codeSpan(outcome.id), outcome.label]) },
  ];
}

/**
 * A path's tables as Markdown, in one language: states, transitions with who may record them and
 * the rule and source seed behind each guard, rules, deadlines, roles and end reasons.
 *
 * @example
 * ```ts
 * import { toPathTableMarkdown } from 'kykypolku/diagram';
 * console.log(toPathTableMarkdown(workabilityPath, { lang: 'sv' }));
 * ```
 */
export function toPathTableMarkdown(definition: AnyPathDefinition, options: DiagramOptions = {}): string {
  const table = describePathTable(definition, options);
  return renderMarkdown([
    { kind: 'heading', level: 1, text: `${table.path.title} (${codeSpan(table.path.id)} v${table.path.version})` },
    ...pathTableBlocks(table),
  ]);
}
