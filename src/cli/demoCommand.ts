import { parseArgs } from 'node:util';
import type { AnyPathDefinition } from '../definition.js';
import { languages, type Language } from '../label.js';
import { replayCase } from '../case/replayCase.js';
import type { RecordedEvent } from '../case/recordedEvent.js';
import { simulateCohort } from '../cohort/simulateCohort.js';
import type { EventStore } from '../store/eventStore.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { formatSource } from '../source.js';
import { selectPaths } from './catalogue.js';
import { integerOption, languageOption, type CliCommand } from './command.js';
import { createProgress } from './progress.js';

/** Options of the `demo` command. @internal */
export interface DemoOptions {
  readonly paths: readonly AnyPathDefinition[];
  readonly store: EventStore;
  readonly storeName: string;
  readonly clients: number;
  readonly seed: number;
  readonly lang: Language;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly out: NodeJS.WriteStream;
  readonly err: NodeJS.WriteStream;
}

/** The demo's findings for one path, as `--json` prints them. @internal */
export interface DemoPathSummary {
  readonly path: { readonly id: string; readonly version: number };
  readonly clients: number;
  readonly eventsRecorded: number;
  readonly eventsStored: number;
  readonly casesReplayed: number;
  readonly replayMismatches: readonly string[];
  readonly byEndState: Readonly<Record<string, number>>;
  readonly rejectionsByCode: Readonly<Record<string, number>>;
  readonly faultsNotRejected: number;
  readonly reachedState: Readonly<Record<string, number>>;
  readonly reference: readonly { state: string; share: number; seedShare: number; source: string }[];
}

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
  const summaries: DemoPathSummary[] = [];
  for (const definition of options.paths) {
    const title = definition.title[options.lang];
    const recording = createProgress(`${definition.id}: recording cases`, options.err, options.quiet || options.json);
    const pending: RecordedEvent[] = [];
    const cohort = simulateCohort(definition, {
      clients: options.clients,
      seed: options.seed,
      onProgress: (done, total) => recording.update(done, total),
      onRecorded: (event) => pending.push(event),
    });
    recording.finish();

    // Append each event as a host would: one at a time, with the seq it expects the case to be at.
    const storing = createProgress(`${definition.id}: storing events`, options.err, options.quiet || options.json);
    let stored = 0;
    for (const event of pending) {
      const saved = await options.store.append(event.caseId, [event], { expectedSeq: event.seq - 1 });
      if (!saved.ok) throw new Error(`demo: the store refused seq ${event.seq} of ${event.caseId}: ${saved.failure.message}`);
      stored++;
      storing.update(stored, pending.length);
    }
    storing.finish();

    const replaying = createProgress(`${definition.id}: replaying cases`, options.err, options.quiet || options.json);
    const mismatches: string[] = [];
    let replayed = 0;
    for (const live of cohort.cases) {
      const result = replayCase(definition, await options.store.read(live.caseId), { caseId: live.caseId });
      if (!result.ok) {
        mismatches.push(`${live.caseId}: ${result.failure.code} ${result.failure.message}`);
      } else if (
        JSON.stringify(result.case.state) !== JSON.stringify(live.state) ||
        JSON.stringify(result.case.history) !== JSON.stringify(live.history)
      ) {
        mismatches.push(`${live.caseId}: the replayed case differs from the live case`);
      }
      replayed++;
      replaying.update(replayed, cohort.cases.length);
    }
    replaying.finish();

    const byEndState: Record<string, number> = {};
    for (const caseRef of cohort.cases) {
      const key = caseRef.state.status === 'closed' ? `closed: ${caseRef.state.outcome ?? 'no reason'}` : `open: ${caseRef.stateName}`;
      byEndState[key] = (byEndState[key] ?? 0) + 1;
    }
    const reference = (definition.simulation?.reference ?? []).map((figure) => ({
      state: figure.state,
      share: (cohort.reached[figure.state] ?? 0) / Math.max(1, cohort.cases.length),
      seedShare: figure.share,
      source: formatSource(figure.source),
      label: figure.label[options.lang],
    }));
    const summary: DemoPathSummary = {
      path: { id: definition.id, version: definition.version },
      clients: cohort.cases.length,
      eventsRecorded: cohort.recorded,
      eventsStored: stored,
      casesReplayed: replayed,
      replayMismatches: mismatches,
      byEndState,
      rejectionsByCode: cohort.rejections,
      faultsNotRejected: cohort.faultsNotRejected,
      reachedState: cohort.reached,
      reference: reference.map(({ label: _label, ...figure }) => figure),
    };
    summaries.push(summary);
    if (options.json) continue;

    const print = (line = '') => options.out.write(`${line}\n`);
    print(`${title} (${definition.id} v${definition.version}) — ${cohort.cases.length} synthetic clients, seed ${options.seed}, ${options.storeName}`);
    print(`  events recorded through the rules: ${cohort.recorded}; stored: ${stored}`);
    print(
      `  replayed from the store: ${replayed} cases, ${mismatches.length === 0 ? 'every one equal to its live case' : `${mismatches.length} DIFFERENT`}`,
    );
    for (const mismatch of mismatches.slice(0, 5)) print(`    ${mismatch}`);
    print('  cases by end state:');
    for (const [key, count] of Object.entries(byEndState).sort((a, b) => b[1] - a[1])) {
      print(`    ${key.padEnd(40)} ${String(count).padStart(6)}  ${percent(count, cohort.cases.length)}`);
    }
    const faults = Object.values(cohort.rejections).reduce((sum, count) => sum + (count ?? 0), 0);
    print(`  faulty inputs tried: ${faults}, refused with the case unchanged: ${faults - cohort.faultsNotRejected}; by code:`);
    for (const [code, count] of Object.entries(cohort.rejections)) print(`    ${code.padEnd(40)} ${String(count).padStart(6)}`);
    for (const figure of reference) {
      print(`  ${figure.label}: ${percent(figure.share, 1)} of cases (seeds: about ${percent(figure.seedShare, 1)}, ${figure.source})`);
    }
    print();
  }
  if (options.json) options.out.write(`${JSON.stringify(summaries, null, 2)}\n`);
  const failed = summaries.some((summary) => summary.replayMismatches.length > 0 || summary.faultsNotRejected > 0);
  return { exitCode: failed ? 1 : 0, summaries };
}

/** `kykypolku demo`: the main job on the embedded default. @internal */
export const demoCommand: CliCommand = {
  name: 'demo',
  usage: `kykypolku demo [--path <id>]… [--clients <n>] [--seed <n>] [--lang fi|sv|en] [--json] [--quiet]
      Runs a seeded synthetic cohort (default 1 000 clients) through the rules of each path, stores
      every event, replays every case from the store and checks it equals the live case; prints a
      summary. Exit code 1 if any replay differs or any faulty input was accepted.`,
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
      },
      strict: true,
    });
    const { exitCode } = await runDemo({
      paths: selectPaths(values.path),
      store: createMemoryStore(),
      storeName: 'in-memory store',
      clients: integerOption('clients', values.clients, 1000),
      seed: integerOption('seed', values.seed, 1),
      lang: languageOption(values.lang, languages),
      json: values.json ?? false,
      quiet: values.quiet ?? false,
      out: io.out,
      err: io.err,
    });
    return exitCode;
  },
};
