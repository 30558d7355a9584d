import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { openCaseStore } from '../caseStore/openCaseStore.js';
import type { PathCatalogue } from '../catalogue/pathCatalogue.js';
import { fireDeadline, type DeadlineFiring } from '../caseStore/fireDeadline.js';
import type { DeadlineClaim } from '../deadlines/deadlineClaims.js';
import { UsageError, type CliCommand } from './command.js';
import { loadCatalogue } from './migrateCheckCommand.js';
import { openStore, organisationOptionHelp, organisationOptionUsage, organisationScope, scopedStoreOptions } from './storeOption.js';
import { whileStoppable } from './stopRequest.js';

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration option such as `500ms`, `30s`, `5m`, `1h`, in milliseconds. @internal */
export function durationOption(name: string, value: string, least: number, most: number): number {
  const match = /^(\d{1,9})(ms|s|m|h)$/.exec(value);
  const millis = match ? Number(match[1]) * units[match[2]!]! : Number.NaN;
  if (!(millis >= least && millis <= most))
    throw new UsageError(`--${name} must be a duration such as 30s, 5m or 1h, from ${least} ms to ${most / 3_600_000} h; got '${value}'`);
  return millis;
}

/** The rule a claim names, in the latest version of its path. */
function ruleOf(claim: DeadlineClaim, catalogue: PathCatalogue) {
  return catalogue.latest(claim.pathId)?.deadlines.find((deadline) => deadline.id === claim.deadlineId);
}

/** One line for the host, as its notifier reads it: one JSON object a line. */
function noticeLine(claim: DeadlineClaim, claimedAt: string, catalogue: PathCatalogue, fired?: DeadlineFiring): string {
  const rule = ruleOf(claim, catalogue);
  const event =
    fired?.kind === 'recorded'
      ? { type: 'deadlineEventRecorded', event: fired.type, seq: fired.seq }
      : fired?.kind === 'refused'
        ? { type: 'deadlineEventRefused', event: fired.type, code: fired.failure.code }
        : { type: 'deadlineDue' };
  return `${JSON.stringify({
    ...event,
    caseId: claim.caseId,
    pathId: claim.pathId,
    deadlineId: claim.deadlineId,
    kind: rule?.kind ?? null,
    dueAt: claim.dueAt,
    claimedAt,
    attempt: claim.attempt,
    workerId: claim.workerId,
  })}\n`;
}

/** `kykypolku deadlines`: a worker that claims due deadlines and writes a notice for each. @internal */
export const deadlinesCommand: CliCommand = {
  name: 'deadlines',
  usage: `kykypolku deadlines (--database-url <postgres://…> | --data-dir <dir>) ${organisationOptionUsage} (--once | --every <duration>)
      [--limit <n>] [--lease <duration>] [--worker-id <name>] [--module <file>]… [--json]
      A deadline worker: claims the deadlines due now that no other worker holds (any number of
      workers may share one PostgreSQL database; PGlite takes one process), writes one NDJSON line
      per due deadline to standard output for the host's notifier (or, for a deadline whose path
      declares an event, records it and writes whether it was recorded or refused), and settles
      it. --once claims until nothing is due, --every polls at that interval (30s, 5m). A claim
      is leased (default twice the interval, at least 1m): a worker that dies loses nothing, its
      claims come back after the lease. SIGTERM stops cleanly, giving back the claims not yet written. A summary
      goes to standard error (JSON with --json).
      ${organisationOptionHelp}`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        once: { type: 'boolean', default: false },
        every: { type: 'string' },
        limit: { type: 'string' },
        lease: { type: 'string' },
        'worker-id': { type: 'string' },
        module: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        ...scopedStoreOptions,
      },
      strict: true,
    });
    const scope = organisationScope(values);
    if (values['database-url'] === undefined && values['data-dir'] === undefined)
      throw new UsageError('give --database-url or --data-dir: the store whose deadlines to claim');
    if (values.once === (values.every !== undefined)) throw new UsageError('give --once, or --every <duration>, not both');
    const every = values.every === undefined ? undefined : durationOption('every', values.every, 100, 86_400_000);
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      throw new UsageError(`--limit must be an integer from 1 to 10000, got '${values.limit}'`);
    const lease =
      values.lease === undefined
        ? Math.min(86_400_000, Math.max(60_000, 2 * (every ?? 0)))
        : durationOption('lease', values.lease, 1000, 86_400_000);
    const workerId = values['worker-id'] ?? `${hostname()}-${process.pid}`;
    const catalogue = await loadCatalogue(values.module);
    const opened = await openStore(values, scope);
    const totals = { notices: 0, notHeld: 0, released: 0, polls: 0, armed: 0 };
    let stopping = false;
    let wake: (() => void) | undefined;
    const stop = () => {
      stopping = true;
      wake?.();
    };
    const summarize = (stopped: boolean) => {
      const summary = { workerId, store: opened.name, ...totals, stopped };
      io.err.write(
        values.json
          ? `${JSON.stringify(summary)}\n`
          : `deadlines: ${totals.notices} notices, ${totals.notHeld} no longer held, ${totals.released} given back, ` +
              `${totals.polls} claim calls as ${workerId} (${opened.name})${stopped ? ', stopped' : ''}\n`,
      );
    };
    return whileStoppable(stop, async () => {
      try {
        // Cases stored before the store kept armed deadlines are armed once, from their events.
        const cases = openCaseStore(opened.store, catalogue);
        totals.armed = (await cases.armDeadlines()).cases;
        for (;;) {
          const pollStarted = Date.now();
          for (;;) {
            if (stopping) break;
            // The host's clock: the CLI is the host here; the library itself never reads one.
            const now = new Date().toISOString();
            const claimed = await opened.store.claimDueDeadlines({ now, limit, workerId, lease });
            totals.polls++;
            if (!claimed.ok) {
              io.err.write(`deadlines: ${claimed.failure.code}: ${claimed.failure.message}\n`);
              summarize(false);
              return 1;
            }
            for (const [index, claim] of claimed.claims.entries()) {
              if (stopping) {
                for (const rest of claimed.claims.slice(index)) if ((await opened.store.releaseDeadline(rest)).ok) totals.released++;
                break;
              }
              if (ruleOf(claim, catalogue)?.onDue?.kind === 'event') {
                // The path's event, recorded through every rule; a refusal is reported, not forced.
                const fired = await fireDeadline(opened.store, cases, claim, { now });
                if (fired.kind === 'notHeld') totals.notHeld++;
                else {
                  io.out.write(noticeLine(claim, now, catalogue, fired));
                  totals.notices++;
                }
                continue;
              }
              io.out.write(noticeLine(claim, now, catalogue));
              if ((await opened.store.completeDeadline(claim)).ok) totals.notices++;
              else totals.notHeld++;
            }
            // A full batch leaves more due now: claim again at once.
            if (claimed.claims.length < limit) break;
          }
          if (stopping || every === undefined) break;
          const wait = Math.max(0, every - (Date.now() - pollStarted));
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
        }
        summarize(stopping);
        return 0;
      } finally {
        await opened.close();
      }
    });
  },
};
