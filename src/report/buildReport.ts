import type { AnyPathDefinition } from '../path/definition.js';
import type { Label, Language } from '../path/label.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { element, renderMarkup } from '../diagram/markup.js';
import type { PathCheckSummary } from './pathCheckSummary.js';
import { diffPageName, diffReportPage, diffTitle, type ReportDiff } from './diffReportPage.js';
import { languageSwitch, pathReportPage } from './pathReportPage.js';
import { formatCount } from './reportFormat.js';
import type { ReportIndicators } from './reportIndicators.js';
import { reportStyle } from './reportStyle.js';
import { reportWord, statusWord } from './reportWords.js';
import { simulatorTable } from './simulatorTable.js';
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
  /**
   * The model checker's result, mapped to the report's shape; the section says so when missing.
   * One summary, or one per language of the report (`summarizePathCheck` words its findings).
   */
  readonly check?: PathCheckSummary | { readonly [L in Language]?: PathCheckSummary };
  /**
   * The path's indicators, counted by `indicatorsForReport` (over a store in its database, or over
   * the histories in memory); the section says so when missing.
   */
  readonly indicators?: ReportIndicators;
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
  /** The report's first language: its pages are `index.html` and `<path-id>.html`. Default `en`. */
  readonly lang?: Language;
  /**
   * The most reachable states a path's simulator embeds; a path with more gets none. Default 10 000.
   */
  readonly simulatorMaxStates?: number;
  /**
   * Every language the report is written in, each page with a switch between them. Pages in a
   * language other than `lang` are `index.<lang>.html` and `<path-id>.<lang>.html`. Default: `lang` only.
   */
  readonly languages?: readonly Language[];
  /** The instant deadlines are judged at (ISO). Default: the latest event of each path's cases. */
  readonly now?: string;
  /**
   * Versions of a path to compare, each on a page of its own (`diff-<path>-v<from>-v<to>.html`): the
   * two drawn on one diagram and every difference in a table, linked from the index.
   */
  readonly diffs?: readonly ReportDiff[];
}

/**
 * A report: files by name (`index.html` and `<path-id>.html`, and `*.<lang>.html` for further
 * languages), each a self-contained page, and the
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

/** The file of page `name` (`index`, a path id) in `lang`: the first language's pages carry no suffix. */
function pageFile(name: string, lang: Language, first: Language): string {
  return lang === first ? `${name}.html` : `${name}.${lang}.html`;
}

/**
 * Builds the HTML report: an index and one self-contained page per path with its diagram (SVG,
 * pan and zoom; click a state for what leaves it), a step-through simulator, path table, rules
 * with sources, the model checker's results, and charts of its cases — the funnel, end reasons,
 * time in each state and overdue deadlines. The simulator answers from the checker's explored
 * state graph, embedded in the page (no server, no outside request). Pure: write the files where
 * you like.
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
  const languages = options.languages && options.languages.length > 0 ? [...new Set([lang, ...options.languages])] : [lang];
  const switchFor = (name: string) =>
    languages.length > 1 ? languages.map((other) => ({ lang: other, href: pageFile(name, other, lang) })) : undefined;
  const summaries = paths.map((path) =>
    path.histories ? summarizeCases(path.definition, path.histories, options.now ? { now: options.now } : {}) : undefined,
  );
  const simulators = paths.map((path) => simulatorTable(path.definition, options.simulatorMaxStates));
  const files: { name: string; text: string }[] = [];
  const diffs = options.diffs ?? [];
  for (const pageLang of languages) {
    files.push({
      name: pageFile('index', pageLang, lang),
      text: indexPage(paths, diffs, summaries, pageLang, (id) => pageFile(id, pageLang, lang), switchFor('index')),
    });
    for (const diff of diffs) {
      const name = diffPageName(diff);
      const text = await diffReportPage(diff, pageLang, pageFile('index', pageLang, lang), switchFor(name));
      files.push({ name: pageFile(name, pageLang, lang), text });
    }
    for (const [index, path] of paths.entries()) {
      const text = await pathReportPage(
        {
          definition: path.definition,
          summary: summaries[index],
          casesFrom: path.casesFrom ?? '—',
          check: checkIn(path.check, pageLang),
          indexHref: pageFile('index', pageLang, lang),
          languageLinks: switchFor(path.definition.id),
          simulator: simulators[index],
          indicators: path.indicators,
        },
        pageLang,
      );
      files.push({ name: pageFile(path.definition.id, pageLang, lang), text });
    }
  }
  return { files, summaries };
}

function checkIn(check: ReportPath['check'], lang: Language): PathCheckSummary | undefined {
  if (check === undefined || 'status' in check) return check as PathCheckSummary | undefined;
  return (check as { readonly [L in Language]?: PathCheckSummary })[lang];
}

function indexPage(
  paths: readonly ReportPath[],
  diffs: readonly ReportDiff[],
  summaries: readonly (PathCasesSummary | undefined)[],
  lang: Language,
  hrefOf: (id: string) => string,
  links: readonly { readonly lang: Language; readonly href: string }[] | undefined,
): string {
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
      element('header', {}, links && languageSwitch(links, lang), element('h1', {}, reportWord('reportTitle', lang))),
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
              const check = checkIn(path.check, lang);
              return element(
                'tr',
                {},
                element('td', {}, element('a', { href: hrefOf(path.definition.id) }, path.definition.title[lang])),
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
                  { class: check ? `status-${check.status}` : undefined },
                  check ? reportWord(statusWord[check.status], lang) : reportWord('checkMissing', lang),
                ),
              );
            }),
          ),
        ),
        diffs.length > 0 && element('h2', {}, reportWord('versionDiffs', lang)),
        diffs.length > 0 &&
          element(
            'ul',
            {},
            diffs.map((diff) => element('li', {}, element('a', { href: hrefOf(diffPageName(diff)) }, diffTitle(diff, lang)))),
          ),
      ),
      element('footer', {}, reportWord('generated', lang)),
    ),
  );
  return `<!doctype html>\n${renderMarkup(index, { mode: 'html' })}`;
}
