import type { AnyPathDefinition } from '../path/definition.js';
import type { Label, Language } from '../path/label.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { element, renderMarkup } from '../diagram/markup.js';
import type { PathCheckSummary } from './pathCheckSummary.js';
import { pathReportPage } from './pathReportPage.js';
import { formatCount } from './reportFormat.js';
import { reportStyle } from './reportStyle.js';
import { reportWord, statusWord } from './reportWords.js';
import { summarizeCases, type PathCasesSummary } from './summarizeCases.js';

/**
 * One path in a report: its definition, its cases, and the model checker's verdict if known.
 *
 * @example
 * ```ts
 * const path: ReportPath = {
 *   definition: workabilityPath,
 *   histories: await historiesFromStore(store, workabilityPath.id),
 *   casesFrom: 'production store',
 * };
 * ```
 */
export interface ReportPath {
  readonly definition: AnyPathDefinition;
  /** The recorded events of each case, oldest first (from a store or a synthetic cohort). */
  readonly histories?: Iterable<readonly RecordedEvent[]>;
  /**
   * Where the cases come from, printed on the page: one text for every language ("Essote, 2025"),
   * or a label per language so that no page mixes languages.
   */
  readonly casesFrom?: string | Label;
  /** The model checker's result, mapped to the report's shape; the section says so when missing. */
  readonly check?: PathCheckSummary;
}

/**
 * Options of {@link buildReport}.
 *
 * @example
 * ```ts
 * const options: ReportOptions = { lang: 'fi', now: '2026-01-01T00:00:00Z' };
 * ```
 */
export interface ReportOptions {
  /** The language of every page. Default `en`. */
  readonly lang?: Language;
  /** The instant deadlines are judged at (ISO). Default: the latest event of each path's cases. */
  readonly now?: string;
}

/**
 * A report: files by name (`index.html` and `<path-id>.html`), each a self-contained page, and the
 * case summaries the charts were drawn from.
 *
 * @example
 * ```ts
 * const report = await buildReport([{ definition: workabilityPath }]);
 * report.files.map((file) => file.name); // ['index.html', 'workability-path.html']
 * ```
 */
export interface Report {
  readonly files: readonly { readonly name: string; readonly text: string }[];
  readonly summaries: readonly (PathCasesSummary | undefined)[];
}

/**
 * Builds the HTML report: an index and one self-contained page per path with its diagram (SVG),
 * path table, rules with sources, the model checker's results, and charts of its cases — the
 * funnel, end reasons, time in each state and overdue deadlines. Pure: write the files where you
 * like.
 *
 * @example
 * ```ts
 * import { buildReport } from 'kykypolku/diagram';
 * const cohort = simulateCohort(workabilityPath, { clients: 1000, seed: 1 });
 * const report = await buildReport([
 *   { definition: workabilityPath, histories: cohort.cases.map((c) => c.history), casesFrom: 'demo cohort' },
 * ]);
 * for (const file of report.files) await writeFile(join('report', file.name), file.text);
 * ```
 */
export async function buildReport(paths: readonly ReportPath[], options: ReportOptions = {}): Promise<Report> {
  const lang = options.lang ?? 'en';
  const summaries = paths.map((path) =>
    path.histories ? summarizeCases(path.definition, path.histories, options.now ? { now: options.now } : {}) : undefined,
  );
  const files: { name: string; text: string }[] = [];
  for (const [index, path] of paths.entries()) {
    const text = await pathReportPage(
      { definition: path.definition, summary: summaries[index], casesFrom: path.casesFrom ?? '—', check: path.check },
      lang,
    );
    files.push({ name: `${path.definition.id}.html`, text });
  }
  const index = element(
    'html',
    { lang },
    element(
      'head',
      {},
      element('meta', { charset: 'utf-8' }),
      element('title', {}, reportWord('reportTitle', lang)),
      element('style', {}, reportStyle),
    ),
    element(
      'body',
      {},
      element('header', {}, element('h1', {}, reportWord('reportTitle', lang))),
      element(
        'main',
        {},
        element('h2', {}, reportWord('index', lang)),
        element(
          'table',
          {},
          element(
            'tbody',
            {},
            paths.map((path, position) => {
              const summary = summaries[position];
              return element(
                'tr',
                {},
                element('td', {}, element('a', { href: `${path.definition.id}.html` }, path.definition.title[lang])),
                element('td', {}, element('code', {}, path.definition.id), ` v${path.definition.version}`),
                element(
                  'td',
                  {},
                  summary
                    ? `${formatCount(summary.cases, lang)} ${reportWord('casesCount', lang)}, ` +
                        `${formatCount(summary.closed, lang)} ${reportWord('closedCount', lang)}`
                    : '—',
                ),
                element(
                  'td',
                  { class: path.check ? `status-${path.check.status}` : undefined },
                  path.check ? reportWord(statusWord[path.check.status], lang) : reportWord('checkMissing', lang),
                ),
              );
            }),
          ),
        ),
      ),
      element('footer', {}, reportWord('generated', lang)),
    ),
  );
  files.unshift({ name: 'index.html', text: `<!doctype html>\n${renderMarkup(index, { mode: 'html' })}` });
  return { files, summaries };
}
