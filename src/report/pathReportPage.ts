import type { AnyPathDefinition } from '../path/definition.js';
import type { Label, Language } from '../path/label.js';
import type { SourceRef } from '../path/source.js';
import { element, renderMarkup, type MarkupElement, type MarkupNode } from '../diagram/markup.js';
import { describePathTable, pathTableHeadings } from '../diagram/pathTable.js';
import { stateDiagramSvg } from '../diagram/toSvg.js';
import { barChart, boxPlotChart } from './charts.js';
import type { PathCheckSummary } from './pathCheckSummary.js';
import { reportStyle } from './reportStyle.js';
import { formatCount, formatDecimal, formatInstant, formatPercent, inLanguage } from './reportFormat.js';
import { checkedSentence, reportWord, statusWord } from './reportWords.js';
import type { PathCasesSummary } from './summarizeCases.js';

/** What one path's page shows. @internal */
export interface PathReportInput {
  readonly definition: AnyPathDefinition;
  /** The cases, summarised; `undefined` when the report has no cases for this path. */
  readonly summary: PathCasesSummary | undefined;
  /** Where the cases come from, in words, one language for all or a label per language. */
  readonly casesFrom: string | Label;
  readonly check: PathCheckSummary | undefined;
}

const code = (text: string) => element('code', {}, text);

function table(headers: readonly string[], rows: readonly (readonly (MarkupNode | string)[])[], className?: string): MarkupElement {
  return element(
    'table',
    { class: className },
    element(
      'thead',
      {},
      element(
        'tr',
        {},
        headers.map((header) => element('th', {}, header)),
      ),
    ),
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
  const document = definition.sources.find((candidate) => candidate.seed === source.seed);
  const lineWord = reportWord(/[-–,]/.test(source.lines) ? 'lines' : 'line', lang);
  const where = `${lineWord} ${source.lines}`;
  return element(
    'span',
    { class: 'source', title: `${source.seed}:${source.lines}` },
    document ? `${document.title} (${document.id}), ${where}` : `${source.seed}, ${where}`,
  );
}

/** The full HTML page of a path: one self-contained file (inline SVG and styles, no scripts). @internal */
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
        element('a', { href: 'index.html' }, reportWord('backToIndex', lang)),
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
        element('section', { id: 'diagram' }, element('h2', {}, reportWord('diagram', lang)), element('figure', {}, svg)),
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
      ),
      element('footer', {}, reportWord('generated', lang)),
    ),
  );
  return `<!doctype html>\n${renderMarkup(page, { mode: 'html' })}`;
}
