import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnyPathDefinition } from '../path/definition.js';
import { languages, type Language } from '../path/label.js';
import { demoCohortWords } from '../report/reportWords.js';
import type { IndexedEventStore } from '../store/eventStore.js';
import { openCaseStore } from '../caseStore/openCaseStore.js';
import { formatSource } from '../path/source.js';
import { selectPaths } from './catalogue.js';
import { CommandFailure, integerOption, languageOption, type CliCommand } from './command.js';
import { createProgress } from './progress.js';
import { openStore, storeOptions, storeOptionsUsage } from './storeOption.js';
import type { ReportPath } from '../report/buildReport.js';
import { checkSummaryFor, writeReport } from './reportCommand.js';
import { type DemoIndicatorFigure, demoIndicators } from './demoIndicators.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { type DemoCase, type DemoCohortTotals, liveCaseDigest } from './demoCohort.js';
import { type DemoCohortSource, startDemoCohorts } from './demoCohortSource.js';

/** Options of the `demo` command. @internal */
export interface DemoOptions {
  readonly paths: readonly AnyPathDefinition[];
  readonly store: IndexedEventStore;
  readonly storeName: string;
  readonly clients: number;
  readonly seed: number;
  readonly lang: Language;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly out: NodeJS.WriteStream;
  readonly err: NodeJS.WriteStream;
  /** Also write the HTML report of the cohort into this directory (`kykypolku report`'s pages). */
  readonly reportDirectory?: string;
  /**
   * The cohorts, already being simulated (the command starts them before the database, so the two
   * start together). The demo closes them once every cohort is stored, so that the worker's memory
   * is gone before the replay; closing them again is harmless. Started here when left out.
   */
  readonly cohorts?: DemoCohortSource;
}

/** The demo's findings for one path, as `--json` prints them. @internal */
export interface DemoPathSummary {
  readonly path: { readonly id: string; readonly version: number };
  readonly clients: number;
  readonly eventsRecorded: number;
  readonly eventsStored: number;
  /** Open cases whose next deadline had passed at the cohort's last event, from the store's case rows. */
  readonly overdueAtEnd: { readonly at: string | undefined; readonly cases: number };
  /** The professional with the most open cases, counted by the store. */
  readonly largestCaseload: { readonly assignee: string; readonly active: number } | undefined;
  readonly casesReplayed: number;
  readonly replayMismatches: readonly string[];
  readonly byEndState: Readonly<Record<string, number>>;
  readonly rejectionsByCode: Readonly<Record<string, number>>;
  readonly faultsNotRejected: number;
  readonly reachedState: Readonly<Record<string, number>>;
  readonly reference: readonly { state: string; share: number; seedShare: number; source: string }[];
  /** The path's declared indicators over the cohort, counted in the store, with the seeds' figures. */
  readonly indicators: readonly DemoIndicatorFigure[];
}

/**
 * How many cases the demo stores in one appendNewCases call (one transaction, one statement): one per
 * case was most of its time (5 000 transactions). 25 already takes almost all of the gain; larger
 * calls cost no less CPU but more memory (PostgreSQL's per-statement work in PGlite's heap, which
 * never shrinks: 100 a call peaked ~60 MB higher, 500 past 600 MB; docs/performance.md).
 */
const demoStoreBatch = 25;

function percent(part: number, whole: number): string {
  return whole === 0 ? '0.0 %' : `${((part / whole) * 100).toFixed(1)} %`;
}

/**
 * Runs the main job on one or more paths: a seeded synthetic cohort recorded through the rules,
 * stored, replayed from the store and compared with the live cases. Returns the process exit
 * code: 0 when every replay equals its live case and every faulty input was refused.
 *
 * @internal
 */
export async function runDemo(options: DemoOptions): Promise<{ exitCode: number; summaries: DemoPathSummary[] }> {
  const cohorts = options.cohorts ?? startDemoCohorts(options.paths, options.clients, options.seed);
  try {
    return await runDemoOn(options, cohorts);
  } finally {
    if (!options.cohorts) await cohorts.close();
  }
}

/** What the demo keeps of one path's cohort once it is stored: no live cases, only the figures. */
interface StoredCohort {
  readonly definition: AnyPathDefinition;
  readonly clients: number;
  readonly totals: DemoCohortTotals;
  readonly byEndState: Record<string, number>;
  readonly stored: number;
  readonly lastAt: string | undefined;
  /** Only for `--report`. */
  readonly histories: (readonly RecordedEvent[])[];
}

/** What the replay of one stored case must give: the live case's state and history (their digest). */
interface LiveCase {
  readonly pathId: string;
  readonly digest: string;
}

async function runDemoOn(options: DemoOptions, cohorts: DemoCohortSource): Promise<{ exitCode: number; summaries: DemoPathSummary[] }> {
  const summaries: DemoPathSummary[] = [];
  const reportPaths: ReportPath[] = [];
  const runs: StoredCohort[] = [];
  const live = new Map<string, LiveCase>();
  for (const [pathIndex, definition] of options.paths.entries()) {
    // The cases with their current-state rows, demoStoreBatch at a time in one transaction
    // (appendNewCases), stored while the simulation (in a worker thread, when it can) walks the next cases.
    const storing = createProgress(`${definition.id}: recording and storing cases`, options.err, options.quiet || options.json);
    const byEndState: Record<string, number> = {};
    const histories: (readonly RecordedEvent[])[] = [];
    let stored = 0;
    let lastAt: string | undefined;
    let totals: DemoCohortTotals | undefined;
    let clients = 0;
    let pending: DemoCase[] = [];
    const storePending = async () => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      const saved = await options.store.appendNewCases(
        batch.map((demoCase) => ({ caseId: demoCase.caseId, events: demoCase.history, projection: demoCase.projection })),
      );
      if (!saved.ok) {
        const caseId = batch[saved.entry]?.caseId ?? saved.failure.caseId;
        throw new CommandFailure(
          saved.failure.code,
          saved.failure.code === 'CONCURRENCY_CONFLICT'
            ? `demo: the store already holds case ${caseId}; run the demo on an empty database`
            : `demo: the store refused case ${caseId}: ${saved.failure.message}`,
        );
      }
      clients += batch.length;
      storing.update(clients, options.clients);
    };
    while (totals === undefined) {
      const message = await cohorts.next();
      if (message.pathIndex !== pathIndex) throw new Error(`demo: the simulation handed on path ${message.pathIndex}, not ${pathIndex}`);
      if (message.kind === 'done') {
        totals = message.totals;
        continue;
      }
      for (const demoCase of message.cases) {
        stored += demoCase.history.length;
        const at = demoCase.history[demoCase.history.length - 1]?.at;
        if (at !== undefined && (lastAt === undefined || Date.parse(at) > Date.parse(lastAt))) lastAt = at;
        byEndState[demoCase.endState] = (byEndState[demoCase.endState] ?? 0) + 1;
        live.set(demoCase.caseId, { pathId: definition.id, digest: demoCase.liveDigest });
        if (options.reportDirectory !== undefined) histories.push(demoCase.history);
        pending.push(demoCase);
      }
      if (pending.length >= demoStoreBatch) await storePending();
    }
    await storePending();
    storing.finish();
    runs.push({ definition, clients, totals, byEndState, stored, lastAt, histories });
  }
  // The worker's memory goes before the replay, where the demo's peak is.
  await cohorts.close();

  // Every stored case read back in bulk (loadAll: pages of rows, each chain checked), replayed
  // with its path and compared with the live case it was recorded from.
  const cases = openCaseStore(options.store, options.paths);
  const mismatchesOf = new Map(options.paths.map((definition) => [definition.id, [] as string[]]));
  const replayedOf = new Map(options.paths.map((definition) => [definition.id, 0]));
  const replaying = createProgress('replaying every case from the store', options.err, options.quiet || options.json);
  const unmatched = new Set(live.keys());
  for await (const result of cases.loadAll()) {
    const caseId = result.ok ? result.case.caseId : result.failure.caseId;
    const recorded = live.get(caseId);
    if (!recorded) continue;
    unmatched.delete(caseId);
    const pathId = recorded.pathId;
    replayedOf.set(pathId, replayedOf.get(pathId)! + 1);
    if (!result.ok) {
      mismatchesOf.get(pathId)!.push(`${caseId}: ${result.failure.code} ${result.failure.message}`);
    } else if (liveCaseDigest(result.case) !== recorded.digest) {
      mismatchesOf.get(pathId)!.push(`${caseId}: the replayed case differs from the live case`);
    }
    replaying.update(live.size - unmatched.size, live.size);
  }
  replaying.finish();
  for (const caseId of unmatched) mismatchesOf.get(live.get(caseId)!.pathId)!.push(`${caseId}: not found in the store`);

  for (const { definition, clients, totals, byEndState, stored, lastAt, histories } of runs) {
    const title = definition.title[options.lang];
    const mismatches = mismatchesOf.get(definition.id)!;
    const replayed = replayedOf.get(definition.id)!;

    // The queries across cases, answered from the rows stored with the events.
    const overdue = lastAt === undefined ? [] : await cases.listCases({ pathId: definition.id, dueBefore: lastAt, limit: 10_000 });
    const openRows = await cases.listCases({ pathId: definition.id, status: 'open', limit: 10_000 });
    const perAssignee = new Map<string, number>();
    for (const row of openRows) if (row.assignee !== undefined) perAssignee.set(row.assignee, (perAssignee.get(row.assignee) ?? 0) + 1);
    const busiest = [...perAssignee.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const largestCaseload = busiest
      ? { assignee: busiest[0], active: await cases.countActiveCases({ pathId: definition.id, assignee: busiest[0] }) }
      : undefined;

    const reference = (definition.simulation?.reference ?? []).map((figure) => ({
      state: figure.state,
      share: (totals.reached[figure.state] ?? 0) / Math.max(1, clients),
      seedShare: figure.share,
      source: formatSource(figure.source),
      label: figure.label[options.lang],
    }));
    const indicators = await demoIndicators(options.store, definition, options.lang);
    const summary: DemoPathSummary = {
      path: { id: definition.id, version: definition.version },
      clients,
      eventsRecorded: totals.recorded,
      eventsStored: stored,
      overdueAtEnd: { at: lastAt, cases: overdue.length },
      largestCaseload,
      casesReplayed: replayed,
      replayMismatches: mismatches,
      byEndState,
      rejectionsByCode: totals.rejections,
      faultsNotRejected: totals.faultsNotRejected,
      reachedState: totals.reached,
      reference: reference.map(({ label: _label, ...figure }) => figure),
      indicators: indicators.figures,
    };
    summaries.push(summary);
    if (options.reportDirectory !== undefined) {
      reportPaths.push({
        definition,
        histories,
        casesFrom: demoCohortWords(clients, options.seed),
        check: checkSummaryFor(definition),
      });
    }
    if (options.json) continue;

    const print = (line = '') => options.out.write(`${line}\n`);
    print(
      `${title} (${definition.id} v${definition.version}) — ` + `${clients} synthetic clients, seed ${options.seed}, ${options.storeName}`,
    );
    print(`  events recorded through the rules: ${totals.recorded}; stored: ${stored}`);
    const replayVerdict = mismatches.length === 0 ? 'every one equal to its live case' : `${mismatches.length} DIFFERENT`;
    print(`  replayed from the store: ${replayed} cases, ${replayVerdict}`);
    for (const mismatch of mismatches.slice(0, 5)) print(`    ${mismatch}`);
    if (summary.overdueAtEnd.at !== undefined) {
      print(`  open cases with a deadline passed at ${summary.overdueAtEnd.at} (listCases): ${summary.overdueAtEnd.cases}`);
    }
    if (summary.largestCaseload) {
      print(`  largest caseload (countActiveCases): ${summary.largestCaseload.assignee}, ${summary.largestCaseload.active} open cases`);
    }
    print('  cases by end state:');
    for (const [key, count] of Object.entries(byEndState).sort((a, b) => b[1] - a[1])) {
      print(`    ${key.padEnd(40)} ${String(count).padStart(6)}  ${percent(count, clients)}`);
    }
    const faults = Object.values(totals.rejections).reduce((sum, count) => sum + (count ?? 0), 0);
    print(`  faulty inputs tried: ${faults}, refused with the case unchanged: ${faults - totals.faultsNotRejected}; by code:`);
    for (const [code, count] of Object.entries(totals.rejections)) print(`    ${code.padEnd(40)} ${String(count).padStart(6)}`);
    for (const figure of reference) {
      print(`  ${figure.label}: ${percent(figure.share, 1)} of cases (seeds: about ${percent(figure.seedShare, 1)}, ${figure.source})`);
    }
    for (const line of indicators.lines) print(line);
    print();
  }
  if (options.json) options.out.write(`${JSON.stringify(summaries, null, 2)}\n`);
  if (options.reportDirectory !== undefined) {
    const written = await writeReport(reportPaths, { out: options.reportDirectory, lang: options.lang });
    options.err.write(`report: ${written[0]} and ${written.length - 1} other page(s)\n`);
  }
  const failed = summaries.some((summary) => summary.replayMismatches.length > 0 || summary.faultsNotRejected > 0);
  return { exitCode: failed ? 1 : 0, summaries };
}

/** `kykypolku demo`: the main job, on embedded PostgreSQL by default. @internal */
export const demoCommand: CliCommand = {
  name: 'demo',
  usage:
    'kykypolku demo [--path <id>]… [--clients <n>] [--seed <n>] [--lang fi|sv|en] [--json] [--quiet] ' +
    `[--report <dir>] ${storeOptionsUsage}
      Runs a seeded synthetic cohort (default 1 000 clients) through the rules of each path, stores
      every case in PostgreSQL (embedded PGlite in memory, unless --database-url names a server or
      --data-dir a directory; the database must not hold the cohort already), replays every case
      from the store and checks it equals the live case; prints a summary with the overdue cases and
      the largest caseload from the store's case rows; --report also writes the HTML report of the
      cohort (as kykypolku report). Exit code 1 if any replay differs or any faulty input was
      accepted.`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        path: { type: 'string', multiple: true },
        clients: { type: 'string' },
        seed: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        ...storeOptions,
        report: { type: 'string' },
      },
      strict: true,
    });
    const paths = selectPaths(values.path);
    const clients = integerOption('clients', values.clients, 1000);
    const seed = integerOption('seed', values.seed, 1);
    const lang = languageOption(values.lang, languages);
    // The simulation starts first: it runs beside PGlite's start-up.
    const cohorts = startDemoCohorts(paths, clients, seed);
    try {
      const opened = await openStore(values);
      try {
        const { exitCode } = await runDemo({
          paths,
          store: opened.store,
          storeName: opened.name,
          clients,
          seed,
          lang,
          json: values.json ?? false,
          quiet: values.quiet ?? false,
          out: io.out,
          err: io.err,
          ...(values.report !== undefined ? { reportDirectory: resolve(values.report) } : {}),
          cohorts,
        });
        return exitCode;
      } finally {
        await opened.close();
      }
    } finally {
      await cohorts.close();
    }
  },
};
