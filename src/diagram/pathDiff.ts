import { z } from 'zod';
import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { formatSource } from '../path/source.js';
import type { DiagramOptions } from './diagramResult.js';
import { diffWord } from './diffWords.js';
import { describePathGraph, type GraphState, type GraphTransition } from './pathGraph.js';
import { transitionLine, transitionTextOf } from './transitionText.js';

/** What a row of a version diff is about, in the order the table lists them. */
export const pathDiffSubjects = [
  'state',
  'transition',
  'guard',
  'event',
  'role',
  'permission',
  'rule',
  'deadline',
  'outcome',
  'assignee',
] as const;

/**
 * What a row of a version diff is about: a state, a transition, the condition on a transition or
 * a guard's label (`guard`), an event (its label or payload fields), a role, who may record an
 * event (`permission`), a rule, a deadline, an end reason (`outcome`), or who is responsible for
 * an open case (`assignee`).
 */
export type PathDiffSubject = (typeof pathDiffSubjects)[number];

/** Whether the new version adds, removes or changes the thing a row names. */
export type PathDiffChange = 'added' | 'removed' | 'changed';

/**
 * One difference between two versions of a path. `key` is the stable code of the thing (a state
 * path, `source EVENT target`, a rule id); `name`, `before` and `after` are words in the diff's
 * language, as a reader reads them (`before` is absent for an addition, `after` for a removal).
 *
 * @example
 * ```ts
 * const row: PathDiffRow = {
 *   subject: 'state', change: 'added', key: 'active.escalated', name: 'Escalated', before: undefined, after: 'Escalated',
 * };
 * ```
 */
export interface PathDiffRow {
  readonly subject: PathDiffSubject;
  readonly change: PathDiffChange;
  readonly key: string;
  readonly name: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/**
 * What a new version of a path adds, removes and changes compared with an old one: what an
 * analyst reviews before `migrate-check`. Rows are in {@link pathDiffSubjects} order, then in the
 * order the versions declare things.
 *
 * @example
 * ```ts
 * const diff = diffPaths(reviewPathV1, reviewPathV2, { lang: 'fi' });
 * diff.rows.filter((row) => row.change === 'removed'); // what v2 no longer has
 * ```
 */
export interface PathDiff {
  readonly from: { readonly id: string; readonly version: number };
  readonly to: { readonly id: string; readonly version: number };
  readonly lang: Language;
  readonly rows: readonly PathDiffRow[];
}

/** A transition's identity across versions: where from, on what, where to (and which of equal ones). @internal */
export function transitionKeys(transitions: readonly GraphTransition[]): Map<string, GraphTransition> {
  const keys = new Map<string, GraphTransition>();
  const seen = new Map<string, number>();
  for (const transition of transitions) {
    const base = `${transition.source} ${transition.event} ${transition.target ?? '↻'}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    keys.set(count === 0 ? base : `${base} #${count + 1}`, transition);
  }
  return keys;
}

/** The condition a transition is taken on, as a comparable code (the guard's structure, or "otherwise"). */
const conditionCode = (transition: GraphTransition): string =>
  transition.guard ? JSON.stringify(transition.guard) : transition.otherwise ? 'otherwise' : '';

/** The payload fields of an event schema, as JSON Schema: comparable, and readable as field names. */
function payloadOf(schema: z.ZodType): { code: string; fields: string } {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
  return { code: JSON.stringify(json), fields: Object.keys(json.properties ?? {}).join(', ') || '–' };
}

// A rule's check, a deadline's due time and the assignee are functions: their source text is what
// can be compared without running them. A bundler may reformat it, so compare versions from one build.
const codeOf = (fn: ((...args: never[]) => unknown) | undefined): string | undefined => fn?.toString();

interface Keyed {
  readonly key: string;
  readonly name: string;
  readonly words: string;
  readonly code: string;
}

/** Rows for two keyed lists: added, removed, and changed where the codes differ. */
function compare(subject: PathDiffSubject, before: readonly Keyed[], after: readonly Keyed[]): PathDiffRow[] {
  const old = new Map(before.map((item) => [item.key, item]));
  const fresh = new Map(after.map((item) => [item.key, item]));
  const rows: PathDiffRow[] = [];
  for (const item of after) {
    const was = old.get(item.key);
    if (!was) rows.push({ subject, change: 'added', key: item.key, name: item.name, before: undefined, after: item.words });
    else if (was.code !== item.code)
      rows.push({ subject, change: 'changed', key: item.key, name: item.name, before: was.words, after: item.words });
  }
  for (const item of before)
    if (!fresh.has(item.key))
      rows.push({ subject, change: 'removed', key: item.key, name: item.name, before: item.words, after: undefined });
  return rows;
}

function labelled(entries: Readonly<Record<string, { readonly [L in Language]: string }>>, lang: Language): Keyed[] {
  return Object.entries(entries).map(([key, label]) => ({ key, name: label[lang], words: label[lang], code: label[lang] }));
}

/** A state's words: its name, and its kind when it is not a plain state. */
function stateWords(state: GraphState, lang: Language): string {
  return state.kind === 'atomic' ? state.label[lang] : `${state.label[lang]} (${diffWord(state.kind, lang)})`;
}

/**
 * Compares two versions of a path (normally the same path id, an older and a newer version) and
 * lists what the new one adds, removes and changes: states, transitions, the conditions on them
 * and the guards' labels, events and their payload fields, roles and who may record each event,
 * rules, deadlines, end reasons and the assignee. Pure: it reads the two definitions only.
 * Draw it with {@link toPathDiffDot} or {@link toPathDiffSvg}, list it with {@link toPathDiffMarkdown}.
 *
 * @example
 * ```ts
 * import { diffPaths, toPathDiffMarkdown } from 'kykypolku/diagram';
 * const diff = diffPaths(reviewPathV1, reviewPathV2, { lang: 'en' });
 * console.log(toPathDiffMarkdown(diff));
 * ```
 */
export function diffPaths(from: AnyPathDefinition, to: AnyPathDefinition, options: DiagramOptions = {}): PathDiff {
  const lang = options.lang ?? 'en';
  const oldGraph = describePathGraph(from);
  const newGraph = describePathGraph(to);
  const stateItems = (definition: AnyPathDefinition) =>
    describePathGraph(definition).states.map((state) => ({
      key: state.id,
      name: state.label[lang],
      words: stateWords(state, lang),
      code: `${state.kind} ${state.parent ?? ''} ${state.initial ?? ''} ${stateWords(state, lang)}`,
    }));
  const stateName = (definition: AnyPathDefinition, id: string | undefined) =>
    id === undefined ? '↻' : (describePathGraph(definition).states.find((state) => state.id === id)?.label[lang] ?? id);
  const transitionName = (definition: AnyPathDefinition, transition: GraphTransition) =>
    `${stateName(definition, transition.source)} → ${stateName(definition, transition.target)}`;
  const transitionWords = (definition: AnyPathDefinition, transition: GraphTransition) =>
    transitionLine(transitionTextOf(definition, transition, lang));
  const conditionWords = (definition: AnyPathDefinition, transition: GraphTransition) =>
    transitionTextOf(definition, transition, lang).condition ?? diffWord('always', lang);

  // Transitions: those only one version has; for those both have, a changed condition is a guard row.
  const oldTransitions = transitionKeys(oldGraph.transitions);
  const newTransitions = transitionKeys(newGraph.transitions);
  const transitionRows = compare(
    'transition',
    [...oldTransitions].map(([key, transition]) => ({
      key,
      name: transitionName(from, transition),
      words: transitionWords(from, transition),
      code: '',
    })),
    [...newTransitions].map(([key, transition]) => ({
      key,
      name: transitionName(to, transition),
      words: transitionWords(to, transition),
      code: '',
    })),
  );
  const conditionRows: PathDiffRow[] = [...newTransitions].flatMap(([key, transition]): PathDiffRow[] => {
    const was = oldTransitions.get(key);
    if (!was || conditionCode(was) === conditionCode(transition)) return [];
    return [
      {
        subject: 'guard',
        change: 'changed',
        key,
        name: transitionName(to, transition),
        before: conditionWords(from, was),
        after: conditionWords(to, transition),
      },
    ];
  });

  const roleList = (definition: AnyPathDefinition, roles: readonly string[] | undefined) =>
    (roles ?? []).map((role) => definition.roles[role]?.[lang] ?? role).join(', ');
  const permissionItems = (definition: AnyPathDefinition) =>
    Object.entries(definition.permissions).map(([event, roles]) => ({
      key: event,
      name: definition.labels.events[event]?.[lang] ?? event,
      words: roleList(definition, roles),
      code: [...roles].sort().join(' '),
    }));
  const eventItems = (definition: AnyPathDefinition) =>
    Object.entries(definition.events).map(([event, schema]) => {
      const label = definition.labels.events[event]?.[lang] ?? event;
      const payload = payloadOf(schema as z.ZodType);
      return {
        key: event,
        name: label,
        words: `${label} (${diffWord('fields', lang)}: ${payload.fields})`,
        code: `${label} ${payload.code}`,
      };
    });
  const enforcers = (guards: readonly string[]) => guards.join(', ') || '–';
  const ruleItems = (definition: AnyPathDefinition) =>
    definition.rules.map((rule) => ({
      key: rule.id,
      name: rule.name[lang],
      words: `${rule.sentence[lang]} (${formatSource(rule.source)}; ${diffWord('enforcedBy', lang)}: ${enforcers(rule.enforcedBy)})`,
      code: `${rule.name[lang]} ${rule.sentence[lang]} ${formatSource(rule.source)} ${rule.enforcedBy.join(' ')} ${codeOf(rule.holds)}`,
    }));
  const deadlineItems = (definition: AnyPathDefinition) =>
    definition.deadlines.map((deadline) => ({
      key: deadline.id,
      name: deadline.label[lang],
      words: `${deadline.label[lang]} (${diffWord(deadline.kind === 'decision' ? 'decision' : 'target', lang)}; ${formatSource(
        deadline.source,
      )})`,
      // What a migration does to its due date is part of the deadline: a changed reading is a change.
      code:
        `${deadline.label[lang]} ${deadline.kind} ${formatSource(deadline.source)} ${codeOf(deadline.dueAt)} ` +
        (deadline.onMigration ?? 'recompute'),
    }));
  const assigneeItems = (definition: AnyPathDefinition) =>
    definition.assigneeOf
      ? [
          {
            key: 'assigneeOf',
            name: diffWord('assignee', lang),
            words: diffWord('assigneeNamed', lang),
            code: codeOf(definition.assigneeOf)!,
          },
        ]
      : [];

  // Every difference is its own row, even where one follows from another (a new event's
  // permission, a removed state's transitions): each is something the reviewer signs off.
  const rows: PathDiffRow[] = [
    ...compare('state', stateItems(from), stateItems(to)),
    ...transitionRows,
    ...conditionRows,
    ...compare('guard', labelled(from.labels.guards, lang), labelled(to.labels.guards, lang)),
    ...compare('event', eventItems(from), eventItems(to)),
    ...compare('role', labelled(from.roles, lang), labelled(to.roles, lang)),
    ...compare('permission', permissionItems(from), permissionItems(to)),
    ...compare('rule', ruleItems(from), ruleItems(to)),
    ...compare('deadline', deadlineItems(from), deadlineItems(to)),
    ...compare('outcome', labelled(from.outcomes, lang), labelled(to.outcomes, lang)),
    ...compare('assignee', assigneeItems(from), assigneeItems(to)),
  ];
  return { from: { id: from.id, version: from.version }, to: { id: to.id, version: to.version }, lang, rows };
}
