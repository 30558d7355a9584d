import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { caseIdForDisplay } from '../clientExcerpt.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { checkMigration, type MigrationReport } from '../catalogue/checkMigration.js';
import { asCatalogue, type PathCatalogue } from '../catalogue/pathCatalogue.js';
import { checkPath } from '../check/checkPath.js';
import { formatPathCheck } from '../check/formatPathCheck.js';
import { storedCasePaths } from './catalogue.js';
import { UsageError, type CliCommand } from './command.js';
import { loadPathModules } from './loadPathModules.js';
import { openStore, organisationOptionHelp, organisationScope, scopedStoreOptions, scopedStoreOptionsUsage } from './storeOption.js';
import { isoInstant } from '../time/instant.js';

/** What the model check of the new version found, as the gate reports it. @internal */
export interface VersionModelCheck {
  /** False when the check ran and found a broken rule or a dead end. */
  readonly ok: boolean;
  /** One line per finding, or why the check did not run. */
  readonly lines: readonly string[];
}

/** How long the gate lets the model checker run on the new version. */
const modelCheckSeconds = 60;

/**
 * Model-checks the new version before any case is moved to it: every rule on every reachable
 * transition (`checkPath`), as `kykypolku check` does. A broken rule, or a check that ran out of its
 * budget, fails the gate.
 *
 * @internal
 */
export function modelCheckNewVersion(definition: AnyPathDefinition): VersionModelCheck {
  const check = checkPath(definition, { timeBudget: { ms: modelCheckSeconds * 1000, clock: () => performance.now() } });
  return { ok: check.complete && check.proven, lines: formatPathCheck(definition, check, { lang: 'en' }).split('\n') };
}

function parseTarget(value: string | undefined): { id: string; version: number } {
  const match = value === undefined ? null : /^([a-z][a-z0-9-]*)@(\d+)$/.exec(value);
  if (!match) throw new UsageError(`--to must name a path version as <path>@<version>, e.g. workability-path@2; got '${value ?? ''}'`);
  return { id: match[1]!, version: Number(match[2]) };
}

/** The catalogue `--module` names (every version still in use), or every built-in path version. @internal */
export async function loadCatalogue(modules: readonly string[] | undefined): Promise<PathCatalogue> {
  return asCatalogue(modules && modules.length > 0 ? await loadPathModules(modules) : storedCasePaths());
}

function printReport(report: MigrationReport, modelCheck: VersionModelCheck, storeName: string, write: (line: string) => void): void {
  const { id, version } = report.path;
  write(`migrate-check ${id} → v${version} (${storeName})`);
  write(`  model check of v${version}: ${modelCheck.ok ? 'every rule holds' : 'FAILED'}`);
  for (const line of modelCheck.lines) write(`    ${line}`);
  write(
    `  cases of ${id}: ${report.cases}; on v${version} already: ${report.onTarget}; ` +
      `open on an older version that would move: ${report.wouldMove}; ` +
      `closed, staying on their version: ${report.closedStaying}; on a newer version: ${report.onNewer}`,
  );
  if (report.unreadable.length > 0) {
    write(`  cases that could not be read (${report.unreadable.length}): changed outside the store, they stop the migration`);
    for (const problem of report.unreadable) write(`    ${caseIdForDisplay(problem.caseId)} seq ${problem.seq}: ${problem.code}`);
  }
  printDueDates(report, write);
  if (report.blockers.length === 0) {
    if (report.unreadable.length === 0) write('  every case replays: nothing stops the migration');
    return;
  }
  write(`  cases that would not replay or would break a rule (${report.blockers.length}):`);
  for (const blocker of report.blockers) {
    const seq = 'seq' in blocker.failure && blocker.failure.seq !== undefined ? `seq ${blocker.failure.seq}` : 'no seq';
    write(
      `    ${caseIdForDisplay(blocker.caseId)} (v${blocker.fromVersion}, under its ${blocker.under}) ` +
        `${seq}: ${blocker.failure.code}: ${blocker.failure.message}`,
    );
  }
}

/** The due dates that would move, one line per deadline; the unchanged ones counted. */
function printDueDates(report: MigrationReport, write: (line: string) => void): void {
  const when = report.migratedAt === undefined ? 'each at its last event' : `at ${report.migratedAt}`;
  const moving: string[] = [];
  let unchanged = 0;
  for (const { caseId, deadlines } of report.dueDates) {
    for (const deadline of deadlines) {
      if (
        deadline.oldDueAt !== undefined &&
        deadline.newDueAt !== undefined &&
        Date.parse(deadline.oldDueAt) === Date.parse(deadline.newDueAt)
      ) {
        unchanged++;
        continue;
      }
      const dates = `${deadline.oldDueAt ?? 'not due'} → ${deadline.newDueAt ?? 'not due'}`;
      moving.push(`    ${caseIdForDisplay(caseId)} ${deadline.id}: ${dates} (${deadline.onMigration})`);
    }
  }
  write(`  due dates of the open cases if they move ${when}: ${moving.length} would move, ${unchanged} stay`);
  for (const line of moving) write(line);
}

/** `kykypolku migrate-check`: the gate before deploying a new version of a path. @internal */
export const migrateCheckCommand: CliCommand = {
  name: 'migrate-check',
  usage: `kykypolku migrate-check --to <path>@<version> [--at <instant>] [--module <file>]… [--json]
      ${scopedStoreOptionsUsage}
      The gate before deploying a new version of a path: model-checks it, replays every stored case
      of the path under it, through its migrations, and lists each case that would not replay or
      would break a rule (open cases on an older version are those it would move). --module names
      a module exporting every version of your paths still in use (default: every built-in path
      version, builtInPathVersions).
      It lists how each open case's due dates would move (old due → new due, by each deadline's
      onMigration reading) if the cases moved at --at (an ISO instant; default: each case at its
      last event); --json gives every deadline, moved or not.
      A case the store cannot read (changed outside it) is listed with its seq, and the check goes
      on. Exit code 1 if any case is listed or the model check of the new version fails.
      ${organisationOptionHelp}`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        to: { type: 'string' },
        at: { type: 'string' },
        module: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        ...scopedStoreOptions,
      },
      strict: true,
    });
    const scope = organisationScope(values);
    const target = parseTarget(values.to);
    if (values.at !== undefined && !isoInstant.safeParse(values.at).success)
      throw new UsageError('--at must be an ISO 8601 instant with an offset, e.g. 2025-06-01T00:00:00Z');
    const catalogue = await loadCatalogue(values.module);
    const definition = catalogue.get(target.id, target.version);
    if (!definition) {
      const known = catalogue.definitions.map((path) => `${path.id}@${path.version}`).join(', ');
      throw new UsageError(`the catalogue holds no ${target.id}@${target.version}; it holds ${known}`);
    }
    // The store first: a locked or unreachable store is said at once, not after the model check.
    const opened = await openStore(values, scope);
    try {
      const modelCheck = modelCheckNewVersion(definition);
      const report = await checkMigration(opened.store, catalogue, target, values.at === undefined ? {} : { at: values.at });
      if (values.json) io.out.write(`${JSON.stringify({ ...report, modelCheck }, null, 2)}\n`);
      else printReport(report, modelCheck, opened.name, (line) => io.out.write(`${line}\n`));
      return report.blockers.length > 0 || report.unreadable.length > 0 || !modelCheck.ok ? 1 : 0;
    } finally {
      await opened.close();
    }
  },
};
