import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnyPathDefinition } from '../path/definition.js';
import { languages, type Language } from '../path/label.js';
import { demoCohortWords } from '../report/reportWords.js';
import { simulateCohort } from '../cohort/simulateCohort.js';
import { buildReport, type ReportPath } from '../report/buildReport.js';
import type { ReportDiff } from '../report/diffReportPage.js';
import { checkPath } from '../check/checkPath.js';
import { summarizePathCheck, type PathCheckSummary } from '../report/pathCheckSummary.js';
import { integerOption, languageOption, UsageError, type CliCommand, type CommandIo } from './command.js';
import { indicatorsForReport } from '../report/reportIndicators.js';
import type { IndicatorPeriodUnit, IndicatorQuery } from '../indicators/indicatorQuery.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { dateOf } from '../time/calendar.js';
import { pathsFromOptions, resolvePathReference } from './pathReference.js';

/** The model checker's verdict on a path (`checkPath`, run once), in the report's shape, in every language. @internal */
export function checkSummaryFor(definition: AnyPathDefinition): Record<Language, PathCheckSummary> {
  const check = checkPath(definition);
  return Object.fromEntries(languages.map((lang) => [lang, summarizePathCheck(definition, check, lang)])) as Record<
    Language,
    PathCheckSummary
  >;
}

/**
 * Builds the report, in every language with `lang` first (its pages unsuffixed, the others
 * `*.<lang>.html`), and writes its files into a directory; returns the paths written. @internal
 */
export async function writeReport(
  paths: readonly ReportPath[],
  options: { readonly out: string; readonly lang: Language; readonly now?: string; readonly diffs?: readonly ReportDiff[] },
): Promise<string[]> {
  const report = await buildReport(paths, {
    lang: options.lang,
    languages,
    ...(options.now ? { now: options.now } : {}),
    ...(options.diffs ? { diffs: options.diffs } : {}),
  });
  await mkdir(options.out, { recursive: true });
  const written: string[] = [];
  for (const file of report.files) {
    const path = join(options.out, file.name);
    await writeFile(path, file.text);
    written.push(path);
  }
  return written;
}

/** `kykypolku report`: the HTML report of the built-in paths on a demo cohort. @internal */
export const reportCommand: CliCommand = {
  name: 'report',
  usage: `kykypolku report [--out <dir>] [--path <path>[@<version>]]… [--module <file>]… [--diff <old>..<new>]…
      [--clients <n>] [--seed <n>] [--lang fi|sv|en] [--now <instant>]
      [--from <date>] [--to <date>] [--by month|quarter|year] [--small-number <n>]
      Writes an HTML report (index.html and one self-contained page per path, in --lang, and the
      same pages in the other languages as *.<lang>.html, with a language switch): the diagram
      (pan, zoom, click a state), a step-through simulator, the path table, rules with sources,
      the model checker's results, and the funnel, end reasons, time in state and overdue
      deadlines of a seeded demo cohort (default 1 000 clients) as charts. No server, no outside
      request: open index.html. --module reports a host's own paths (a built JavaScript module
      exporting path definitions; each path's latest version unless --path names one) instead of
      the built-in ones. --diff <old>..<new> (e.g. review-path@1..review-path@2, repeatable) adds a
      page comparing two versions: both on one diagram and every difference in a table, as
      diagram --diff prints them. Each path page shows its service indicators for the cohort per
      --by period (default quarter) from --from to --to (default: the cohort's first and last
      dates), counted as kykypolku indicators counts them, a cell of fewer than --small-number
      clients (default 5) marked. Default --out kykypolku-report.`,
  async run(args: readonly string[], io: CommandIo) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        out: { type: 'string' },
        path: { type: 'string', multiple: true },
        clients: { type: 'string' },
        seed: { type: 'string' },
        lang: { type: 'string' },
        now: { type: 'string' },
        module: { type: 'string', multiple: true },
        diff: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        by: { type: 'string' },
        'small-number': { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`report takes no arguments, got '${positionals.join(' ')}'`);
    if (values.now !== undefined && Number.isNaN(Date.parse(values.now)))
      throw new UsageError(`--now must be an ISO instant, got '${values.now}'`);
    const clients = integerOption('clients', values.clients, 1000);
    const seed = integerOption('seed', values.seed, 1);
    const lang = languageOption(values.lang, languages);
    const catalogue = await pathsFromOptions(values.module);
    const chosen =
      values.path && values.path.length > 0
        ? values.path.map((reference) => resolvePathReference(catalogue, reference))
        : catalogue.pathIds.map((id) => catalogue.latest(id)!);
    const smallNumberThreshold = integerOption('small-number', values['small-number'], 5);
    const paths: ReportPath[] = [];
    for (const definition of chosen) {
      const histories = simulateCohort(definition, { clients, seed, faultRate: 0 }).cases.map((caseRef) => caseRef.history);
      const query: IndicatorQuery = {
        ...cohortDates(histories),
        ...(values.from !== undefined ? { from: values.from } : {}),
        ...(values.to !== undefined ? { to: values.to } : {}),
        by: (values.by ?? 'quarter') as IndicatorPeriodUnit,
        smallNumberThreshold,
      };
      const counted = (definition.indicators ?? []).length > 0 ? await indicatorsForReport(definition, { histories }, query) : undefined;
      if (counted && !counted.ok)
        throw new UsageError(`--${counted.field === 'smallNumberThreshold' ? 'small-number' : counted.field}: ${counted.message}`);
      paths.push({
        definition,
        histories,
        casesFrom: demoCohortWords(clients, seed),
        check: checkSummaryFor(definition),
        ...(counted?.ok ? { indicators: counted.indicators } : {}),
      });
    }
    const diffs = (values.diff ?? []).map((pair) => {
      const [from, to, ...rest] = pair.split('..');
      if (!from || !to || rest.length > 0)
        throw new UsageError(`--diff takes <old>..<new>, e.g. review-path@1..review-path@2; got '${pair.slice(0, 80)}'`);
      return { from: resolvePathReference(catalogue, from), to: resolvePathReference(catalogue, to) };
    });
    const out = resolve(values.out ?? 'kykypolku-report');
    const written = await writeReport(paths, { out, lang, diffs, ...(values.now ? { now: values.now } : {}) });
    for (const path of written) io.out.write(`${path}\n`);
    return 0;
  },
};

/** The first and last dates (Finnish time) of a cohort's events: the report's default indicator period. */
function cohortDates(histories: readonly (readonly RecordedEvent[])[]): { from: string; to: string } {
  let first: string | undefined;
  let last: string | undefined;
  for (const history of histories) {
    for (const event of history) {
      const date = dateOf(event.at);
      if (first === undefined || date < first) first = date;
      if (last === undefined || date > last) last = date;
    }
  }
  return { from: first ?? '2000-01-01', to: last ?? '2000-01-01' };
}
