import type { AnyPathDefinition } from '../path/definition.js';
import type { Label, Language } from '../path/label.js';
import type { SourceRef } from '../path/source.js';
import { element, renderMarkup, type MarkupElement, type MarkupNode } from '../diagram/markup.js';
import { describePathTable, pathTableHeadings } from '../diagram/pathTable.js';
import { stateDiagramSvg } from '../diagram/toSvg.js';
import { barChart, boxPlotChart } from './charts.js';
import type { PathCheckSummary } from './pathCheckSummary.js';
import { reportScript } from './reportScript.js';
import { reportStyle } from './reportStyle.js';
import type { SimulatorTable } from './simulatorTable.js';
import { formatCount, formatDecimal, formatInstant, formatPercent, inLanguage } from './reportFormat.js';
import { checkedSentence, reportWord, statusWord } from './reportWords.js';
import type { PathCasesSummary } from './summarizeCases.js';
import { indicatorSection } from './indicatorSection.js';
import type { ReportIndicators } from './reportIndicators.js';
import { tableHead } from './tableHead.js';

/** What one path's page shows. @internal */
export interface PathReportInput {
  readonly definition: AnyPathDefinition;
  /** The cases, summarised; `undefined` when the report has no cases for this path. */
  readonly summary: PathCasesSummary | undefined;
  /** Where the cases come from, in words, one language for all or a label per language. */
  readonly casesFrom: string | Label;
  readonly check: PathCheckSummary | undefined;
  /** The same page in each language of the report, for the language switch (none: no switch). */
  /** Where the index of the same language is; default `index.html`. */
  readonly indexHref?: string;
  readonly languageLinks?: readonly { readonly lang: Language; readonly href: string }[];
  /** The simulator's table; `undefined` when the path has more states than the checker's budget. */
  readonly simulator?: SimulatorTable | undefined;
  /** The path's indicators, counted; the section says so when missing. */
  readonly indicators?: ReportIndicators | undefined;
}

const languageNames: Record<Language, string> = { fi: 'suomi', sv: 'svenska', en: 'English' };

/** The language switch: plain links, so that it works without the script. @internal */
export function languageSwitch(links: readonly { readonly lang: Language; readonly href: string }[], lang: Language): MarkupElement {
  return element(
    'nav',
    { class: 'languages', 'aria-label': reportWord('language', lang) },
    links.map((link) =>
      element(
        'a',
        { href: link.href, hreflang: link.lang, lang: link.lang, 'aria-current': link.lang === lang ? 'page' : undefined },
        languageNames[link.lang],
      ),
    ),
  );
}

const code = (text: string) => element('code', {}, text);

function table(headers: readonly string[], rows: readonly (readonly (MarkupNode | string)[])[], className?: string): MarkupElement {
  return element(
    'table',
    { class: className },
    tableHead(headers),
    element(
      'tbody',
      {},
      rows.map((row) =>
        element(
          'tr',
          {},
          row.map((cell) => element('td', {}, cell)),
        ),
      ),
    ),
  );
}

/**
 * A source as a reader looks it up: the document's title and the line(s), with the seed's file
 * name (where a developer opens it) kept in the tooltip.
 */
function sourceText(definition: AnyPathDefinition, source: SourceRef, lang: Language): MarkupElement {
  return element('span', { class: 'source', title: `${source.seed}:${source.lines}` }, sourceWords(definition, source, lang));
}

/** A source in words: the document's title and id, and the line(s). */
function sourceWords(definition: AnyPathDefinition, source: SourceRef, lang: Language): string {
  const document = definition.sources.find((candidate) => candidate.seed === source.seed);
  const lineWord = reportWord(/[-–,]/.test(source.lines) ? 'lines' : 'line', lang);
  const where = `${lineWord} ${source.lines}`;
  return document ? `${document.title} (${document.id}), ${where}` : `${source.seed}, ${where}`;
}

/**
 * What the page's script needs, in the page's language: the simulator's table and the words it
 * shows. JSON inside a script element, with `<` escaped so that no text can close the element.
 */
function reportData(definition: AnyPathDefinition, simulator: SimulatorTable | undefined, lang: Language): string {
  const labelsIn = (labels: Readonly<Record<string, Label>>) =>
    Object.fromEntries(Object.entries(labels).map(([key, label]) => [key, label[lang]]));
  const wordKeys = [
    'zoomIn',
    'zoomOut',
    'zoomFit',
    'diagramHint',
    'stateNow',
    'event',
    'recordIt',
    'startAgain',
    'possibleHere',
    'refusedHere',
    'accepted',
    'refused',
    'notAllowedInState',
    'caseClosed',
    'breaksRule',
    'steps',
  ] as const;
  const data = {
    table: simulator ?? null,
    text: {
      words: Object.fromEntries(wordKeys.map((key) => [key, reportWord(key, lang)])),
      states: labelsIn(definition.labels.states),
      events: labelsIn(definition.labels.events),
      roles: labelsIn(definition.roles),
      rules: definition.rules.map((rule) => ({
        id: rule.id,
        sentence: rule.sentence[lang],
        source: sourceWords(definition, rule.source, lang),
      })),
    },
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/**
 * Each state with the events that leave it (its own, and its enclosing states'), who may record
 * each, and the rules with their sources: readable as a list, and the panel a click on the
 * diagram opens.
 */
function stateInfos(definition: AnyPathDefinition, lang: Language): MarkupElement[] {
  const tableData = describePathTable(definition, { lang });
  const ruleSource = new Map(definition.rules.map((rule) => [rule.id, rule.source]));
  return tableData.states.map((state) => {
    const rows = tableData.transitions.filter((row) => row.from.id === state.id || state.id.startsWith(`${row.from.id}.`));
    return element(
      'article',
      { class: 'state-info', id: `state-${state.id}`, 'data-state-info': state.id },
      element('h3', {}, state.label, ' ', code(state.id)),
      rows.length === 0
        ? element('p', {}, state.kind === 'final' ? reportWord('nothingLeaves', lang) : '—')
        : element(
            'ul',
            {},
            rows.map((row) =>
              element(
                'li',
                {},
                element('strong', {}, row.event.label),
                ' ',
                row.to === null ? reportWord('staysIn', lang) : `${reportWord('leavesTo', lang)} ${row.to.label}`,
                row.from.id !== state.id && ` (${reportWord('fromEnclosing', lang)}: ${row.from.label})`,
                row.condition !== null && element('div', {}, `${reportWord('condition', lang)}: ${row.condition}`),
                element('div', {}, `${reportWord('mayRecord', lang)}: ${row.recordedBy.map((role) => role.label).join(', ') || '—'}`),
                row.guards.flatMap((guard) =>
                  guard.rules.map((rule) => {
                    const source = ruleSource.get(rule);
                    const sentence = definition.rules.find((candidate) => candidate.id === rule)?.sentence[lang];
                    return element(
                      'div',
                      { class: 'state-rule' },
                      `${reportWord('ruleWord', lang)} `,
                      code(rule),
                      sentence ? `: ${sentence} ` : ' ',
                      source && ['(', sourceText(definition, source, lang), ')'],
                    );
                  }),
                ),
              ),
            ),
          ),
    );
  });
}

/** The full HTML page of a path: one self-contained file (inline SVG, styles and script). @internal */
export async function pathReportPage(input: PathReportInput, lang: Language): Promise<string> {
  const { definition, summary, check } = input;
  const tableData = describePathTable(definition, { lang });
  const { svg } = await stateDiagramSvg(definition, { lang });
  const stateLabel = (id: string) => definition.labels.states[id]?.[lang] ?? id;
  const words = pathTableHeadings[lang];
  const ruleSource = new Map(definition.rules.map((rule) => [rule.id, rule.source]));
  const percent = (part: number, whole: number) => formatPercent(part, whole, lang);
  const count = (value: number) => formatCount(value, lang);

  const checkSection =
    check === undefined
      ? element('p', { class: 'check-missing' }, reportWord('checkMissing', lang))
      : [
          element(
            'p',
            { class: `status-${check.status}` },
            reportWord(statusWord[check.status], lang),
            ` ${checkedSentence(count(check.states), count(check.transitions), lang)}`,
          ),
          table(
            ['id', reportWord('check', lang)],
            check.rules.map((rule) => [
              code(rule.id),
              element(
                'span',
                { class: `verdict-${rule.verdict}` },
                reportWord(rule.verdict, lang),
                rule.counterexample && element('pre', {}, rule.counterexample.join('\n')),
              ),
            ]),
          ),
          check.findings.length > 0 &&
            element(
              'ul',
              {},
              check.findings.map((finding) => element('li', {}, finding)),
            ),
        ];

  const casesSection =
    summary === undefined || summary.cases === 0
      ? element('p', {}, reportWord('noCases', lang))
      : [
          element(
            'p',
            { class: 'meta' },
            `${reportWord('casesFrom', lang)}: ${inLanguage(input.casesFrom, lang)}. ` +
              `${count(summary.cases)} ${reportWord('casesCount', lang)}, ${count(summary.closed)} ${reportWord('closedCount', lang)}` +
              (summary.now ? `; ${reportWord('asOf', lang)} ${formatInstant(summary.now, lang)}` : '') +
              '.',
          ),
          element('h3', {}, reportWord('funnel', lang)),
          barChart(
            reportWord('funnel', lang),
            tableData.states.map((state) => ({
              label: state.label,
              value: summary.reached[state.id] ?? 0,
              note: `${count(summary.reached[state.id] ?? 0)} (${percent(summary.reached[state.id] ?? 0, summary.cases)})`,
            })),
            'funnel',
          ),
          element('h3', {}, reportWord('endReasons', lang)),
          barChart(
            reportWord('endReasons', lang),
            [
              ...Object.keys(definition.outcomes).map((outcome) => ({
                label: definition.outcomes[outcome]![lang],
                value: summary.endReasons[outcome] ?? 0,
              })),
              ...(summary.endReasons['(none)'] ? [{ label: '(—)', value: summary.endReasons['(none)'] }] : []),
              ...Object.entries(summary.openByState).map(([state, value]) => ({
                label: `${reportWord('open', lang)}: ${stateLabel(state)}`,
                value,
              })),
            ].map((bar) => ({ ...bar, note: `${count(bar.value)} (${percent(bar.value, summary.cases)})` })),
            'end-reasons',
          ),
          element('h3', {}, reportWord('timeInState', lang)),
          boxPlotChart(
            reportWord('timeInState', lang),
            tableData.states
              .filter((state) => state.kind !== 'final')
              .map((state) => ({ label: state.label, ...summary.timeInState[state.id]! })),
            reportWord('days', lang),
            { decimal: (value) => formatDecimal(value, lang), count },
          ),
          element('h3', {}, reportWord('overdue', lang)),
          barChart(
            reportWord('overdue', lang),
            definition.deadlines.map((deadline) => {
              const counts = summary.deadlines[deadline.id] ?? { due: 0, overdue: 0 };
              return {
                label: deadline.label[lang],
                value: counts.overdue,
                note: `${count(counts.overdue)} ${reportWord('overdueOf', lang)} / ${count(counts.due)} ${reportWord('dueOf', lang)}`,
              };
            }),
            'deadlines',
          ),
        ];

  const page = element(
    'html',
    { lang },
    element(
      'head',
      {},
      element('meta', { charset: 'utf-8' }),
      element('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      element('title', {}, `${definition.title[lang]} — ${reportWord('reportTitle', lang)}`),
      element('style', {}, reportStyle),
    ),
    element(
      'body',
      {},
      element(
        'header',
        {},
        element('a', { href: input.indexHref ?? 'index.html' }, reportWord('backToIndex', lang)),
        input.languageLinks && languageSwitch(input.languageLinks, lang),
        element('h1', {}, definition.title[lang]),
        element(
          'p',
          { class: 'meta' },
          code(definition.id),
          ` v${definition.version} · ${reportWord('sources', lang)}: `,
          definition.sources.map((source) => `${source.title} (${source.id})`).join('; '),
        ),
      ),
      element(
        'main',
        {},
        element(
          'section',
          { id: 'diagram' },
          element('h2', {}, reportWord('diagram', lang)),
          // Without the script the diagram stays at its own size in a scrolling figure; say what is missing.
          element('noscript', {}, element('p', { class: 'meta needs-script' }, reportWord('diagramNeedsScript', lang))),
          element('figure', {}, svg),
        ),
        element(
          'section',
          { id: 'simulator' },
          element('h2', {}, reportWord('simulator', lang)),
          input.simulator
            ? [
                element('p', { class: 'meta' }, reportWord('simulatorIntro', lang)),
                element('noscript', {}, element('p', { class: 'needs-script' }, reportWord('simulatorNeedsScript', lang))),
                element('div', { id: 'sim-root' }),
              ]
            : element('p', {}, reportWord('simulatorMissing', lang)),
        ),
        element('section', { id: 'states' }, element('h2', {}, reportWord('states', lang)), stateInfos(definition, lang)),
        element(
          'section',
          { id: 'table' },
          element('h2', {}, reportWord('table', lang)),
          table(
            [words.from, words.event, words.condition, words.to, words.who, words.rule],
            tableData.transitions.map((row) => [
              row.from.label,
              `${row.event.label} `,
              row.condition ?? '',
              row.to === null ? words.same : row.to.label,
              row.recordedBy.map((role) => role.label).join(', '),
              element(
                'span',
                {},
                row.guards.flatMap((guard) =>
                  guard.rules.map((rule) => {
                    const source = ruleSource.get(rule);
                    return [code(rule), ' (', source ? sourceText(definition, source, lang) : '', ') '];
                  }),
                ),
              ),
            ]),
            'path-table',
          ),
          element('h3', {}, words.deadlines),
          table(
            [words.id, words.name, words.kind, words.source],
            definition.deadlines.map((deadline) => [
              code(deadline.id),
              deadline.label[lang],
              reportWord(deadline.kind === 'decision' ? 'kindDecision' : 'kindTarget', lang),
              sourceText(definition, deadline.source, lang),
            ]),
          ),
        ),
        element(
          'section',
          { id: 'rules' },
          element('h2', {}, reportWord('rules', lang)),
          table(
            [words.id, words.sentence, words.source, words.guard],
            definition.rules.map((rule) => [
              code(rule.id),
              rule.sentence[lang],
              sourceText(definition, rule.source, lang),
              rule.enforcedBy.join(', '),
            ]),
            'rules',
          ),
        ),
        element('section', { id: 'check' }, element('h2', {}, reportWord('check', lang)), checkSection),
        element('section', { id: 'cases' }, element('h2', {}, reportWord('cases', lang)), casesSection),
        (definition.indicators ?? []).length > 0 &&
          element(
            'section',
            { id: 'indicators' },
            element('h2', {}, reportWord('indicators', lang)),
            indicatorSection(definition, input.indicators, (indicator) => sourceText(definition, indicator.source, lang), lang),
          ),
      ),
      element('footer', {}, reportWord('generated', lang)),
      element('script', { type: 'application/json', id: 'report-data' }, reportData(definition, input.simulator, lang)),
      element('script', {}, reportScript),
    ),
  );
  return `<!doctype html>\n${renderMarkup(page, { mode: 'html' })}`;
}
