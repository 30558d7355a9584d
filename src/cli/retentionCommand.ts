import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { caseIdForDisplay } from '../clientExcerpt.js';
import { openCaseStore } from '../caseStore/openCaseStore.js';
import type { RetentionFailure } from '../caseStore/retention.js';
import type { RetentionPeriod, RetentionRule } from '../retention/retentionRule.js';
import type { CaseStore } from '../caseStore/openCaseStore.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { UsageError, type CliCommand, type CommandIo } from './command.js';
import { loadCatalogue } from './migrateCheckCommand.js';
import { openStore, organisationOptionHelp, organisationScope, scopedStoreOptions, scopedStoreOptionsUsage } from './storeOption.js';

/** The rules file: a JSON array of retention rules. Its content is checked by the plan, field by field. */
async function readRules(file: string | undefined): Promise<readonly RetentionRule[]> {
  if (file === undefined) throw new UsageError('--rules must name a JSON file of retention rules (docs/developers.md, "Retention")');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new UsageError(`cannot read --rules '${file}'${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text) as readonly RetentionRule[];
  } catch {
    throw new UsageError(`--rules '${file}' is not JSON: give an array of retention rules`);
  }
}

/** A refused plan: its code and message on standard error (and as JSON), never a case's events. */
function reportFailure(failure: RetentionFailure, json: boolean, io: CommandIo): number {
  if (json) io.out.write(`${JSON.stringify({ ok: false, failure }, null, 2)}\n`);
  io.err.write(`retention: ${failure.code}: ${failure.message}\n`);
  if (failure.code === 'NO_RETENTION_RULE')
    io.err.write(
      '  nothing was purged: give every service task of the closed cases a rule (--rules), and the paths their codes (--module)\n',
    );
  // A request that cannot be judged is a mistake in the call; a closed case without a rule is the store's finding.
  return failure.code === 'INVALID_RETENTION_REQUEST' ? 2 : 1;
}

/**
 * `--keep-for` as an ISO 8601 duration of whole years, months and days (`P12Y`, `P1Y6M`, `P30D`):
 * the units a retention period has. Its values are checked by the purge (INVALID_RETENTION_REQUEST).
 */
function keepForOf(text: string | undefined): RetentionPeriod {
  if (text === undefined)
    throw new UsageError('--access-log needs --keep-for <period>, e.g. P12Y: the library ships no period for the log');
  const units = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})D)?$/.exec(text);
  if (!units || text === 'P')
    throw new UsageError('--keep-for must be an ISO 8601 period of years, months and days, e.g. P12Y, P1Y6M or P30D');
  const [, years, months, days] = units;
  return {
    ...(years === undefined ? {} : { years: Number(years) }),
    ...(months === undefined ? {} : { months: Number(months) }),
    ...(days === undefined ? {} : { days: Number(days) }),
  };
}

/** `kykypolku retention --access-log`: the access log's own retention, the administrator's, in one transaction. */
async function purgeAccessLog(
  cases: Pick<CaseStore<AnyPathDefinition>, 'purgeAccessLog' | 'planAccessLogRetention'>,
  request: { now: string; keepFor: RetentionPeriod },
  dryRun: boolean,
  json: boolean,
  name: string,
  io: CommandIo,
): Promise<number> {
  const report = dryRun ? await cases.planAccessLogRetention(request) : await cases.purgeAccessLog(request);
  if (!report.ok) {
    if (json) io.out.write(`${JSON.stringify({ ok: false, failure: report.failure }, null, 2)}\n`);
    io.err.write(`retention: ${report.failure.code}: ${report.failure.message}\n`);
    return report.failure.code === 'INVALID_RETENTION_REQUEST' ? 2 : 1;
  }
  if (json) io.out.write(`${JSON.stringify({ now: request.now, ...report }, null, 2)}\n`);
  if ('expired' in report)
    io.err.write(`access log dry run at ${request.now} (${name}): ${report.expired} rows read before ${report.before} past the period\n`);
  else io.err.write(`access log purge at ${request.now} (${name}): ${report.purged} rows read before ${report.before} removed\n`);
  return 0;
}

/** `kykypolku retention`: which closed cases are past retention, and destroying them with receipts. @internal */
export const retentionCommand: CliCommand = {
  name: 'retention',
  usage: `kykypolku retention (--dry-run | --purge) --now <instant> --rules <file.json> [--module <file>]… [--json]
      ${scopedStoreOptionsUsage}
      Lists the closed cases past the retention period of their service task at --now (--dry-run),
      or destroys each with an erasure receipt, one transaction per case (--purge). --rules is a
      JSON array of { serviceTask, keepFor, countsFrom, source }; --module names the paths with
      their service-task codes (withServiceTask; the built-in paths ship none). A closed case
      without a rule refuses the whole run (NO_RETENTION_RULE). Cases on standard output, the
      summary on standard error. Exit code 1 if the run was refused or a case was left whole.
      ${organisationOptionHelp}
  kykypolku retention --access-log (--dry-run | --purge) --keep-for <P12Y> --now <instant> [--json] ${scopedStoreOptionsUsage}
      Counts (--dry-run) or removes (--purge, in one transaction) the access-log rows read long
      enough ago that --keep-for (an ISO 8601 period of years, months and days, counted from each
      row's instant on the Helsinki calendar) ended before --now. The period is the host's: none
      is shipped.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        'dry-run': { type: 'boolean', default: false },
        purge: { type: 'boolean', default: false },
        now: { type: 'string' },
        rules: { type: 'string' },
        module: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        'access-log': { type: 'boolean', default: false },
        'keep-for': { type: 'string' },
        ...scopedStoreOptions,
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const scope = organisationScope(values);
    if (values['dry-run'] === values.purge) throw new UsageError('give exactly one of --dry-run and --purge');
    if (values.now === undefined) throw new UsageError('--now must give the instant to judge at, e.g. 2026-01-01T00:00:00+02:00');
    if (values['access-log']) {
      if (values.rules !== undefined || values.module !== undefined)
        throw new UsageError('--access-log takes --keep-for, not --rules or --module: the log has one period for every case');
      const keepFor = keepForOf(values['keep-for']);
      const opened = await openStore(values, scope);
      try {
        const cases = openCaseStore(opened.store, []);
        return await purgeAccessLog(cases, { now: values.now, keepFor }, values['dry-run'], values.json, opened.name, io);
      } finally {
        await opened.close();
      }
    }
    if (values['keep-for'] !== undefined) throw new UsageError('--keep-for goes with --access-log; cases take their periods from --rules');
    const rules = await readRules(values.rules);
    const catalogue = await loadCatalogue(values.module);
    const opened = await openStore(values, scope);
    try {
      const cases = openCaseStore(opened.store, catalogue);
      const request = { now: values.now, rules };
      const write = (line: string) => io.out.write(`${line}\n`);
      if (values['dry-run']) {
        const plan = await cases.planRetention(request);
        if (!plan.ok) return reportFailure(plan.failure, values.json, io);
        if (values.json)
          io.out.write(`${JSON.stringify({ ok: true, now: request.now, expired: plan.expired, kept: plan.kept }, null, 2)}\n`);
        else
          for (const expired of plan.expired)
            write(
              `${caseIdForDisplay(expired.caseId)}  ${expired.pathId}@${expired.pathVersion}  ` +
                `closed ${expired.closedAt}  expired ${expired.expiresAt}`,
            );
        io.err.write(
          `retention dry run at ${request.now} (${opened.name}): ${plan.expired.length} closed cases past retention, ${plan.kept} kept\n`,
        );
        return 0;
      }
      const report = await cases.purgeExpired(request);
      if (!report.ok) return reportFailure(report.failure, values.json, io);
      if (values.json) io.out.write(`${JSON.stringify({ now: request.now, ...report }, null, 2)}\n`);
      else {
        for (const receipt of report.purged)
          write(
            `purged ${caseIdForDisplay(receipt.caseId)}  ${receipt.pathId}@${receipt.pathVersion}  ` +
              `${receipt.eventCount} events  closed ${receipt.closedAt}`,
          );
        for (const skipped of report.skipped) write(`kept ${caseIdForDisplay(skipped.caseId)}: ${skipped.code}: ${skipped.message}`);
      }
      io.err.write(
        `retention purge at ${request.now} (${opened.name}): ${report.purged.length} cases purged with receipts, ` +
          `${report.skipped.length} left whole, ${report.kept} kept\n`,
      );
      return report.skipped.length > 0 ? 1 : 0;
    } finally {
      await opened.close();
    }
  },
};
