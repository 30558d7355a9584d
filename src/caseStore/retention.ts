import { excerptOf } from '../clientExcerpt.js';
import type { PathCatalogue } from '../catalogue/pathCatalogue.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { ServiceTaskCoding } from '../path/serviceTask.js';
import {
  checkRetentionNow,
  checkRetentionRules,
  retentionExpiry,
  serviceTaskKey,
  type InvalidRetentionRequest,
  type RetentionRule,
} from '../retention/retentionRule.js';
import type { ClosedCase, ErasureReceipt, PurgeCaseFailure, RetentionStore } from '../retention/retentionStore.js';
import {
  checkAccessLogRetention,
  purgeNotPermitted,
  purgesAccessLog,
  type AccessLogPurgeReport,
  type AccessLogRetentionPlan,
  type AccessLogRetentionRequest,
  type PurgeNotPermitted,
} from '../retention/accessLogRetention.js';

/** What `planRetention` and `purgeExpired` are asked: the instant to judge at, and the host's rules. */
export interface RetentionRequest {
  /** The instant of the plan (an ISO instant with an offset): the library reads no clock. */
  readonly now: string;
  /** One rule per service task, as the host configured them (docs/developers.md, "Retention"). */
  readonly rules: readonly RetentionRule[];
}

/** A closed case past its retention period. */
export interface ExpiredCase extends ClosedCase {
  readonly serviceTask: ServiceTaskCoding;
  /** When it could first be destroyed: the start of the day after its period ended, in Helsinki. */
  readonly expiresAt: string;
  /** The rule's `source`. */
  readonly source: string;
}

/**
 * Why a retention plan was refused, and nothing was purged: a bad request, or a closed case the
 * rules cannot judge. A case whose service task has no rule is never purged by default.
 */
export type RetentionFailure =
  | InvalidRetentionRequest
  /** `purgeExpired` on a store opened for an organisation: purging is the administrator's; nothing was read. */
  | PurgeNotPermitted
  | {
      /**
       * A closed case whose path version is not in the catalogue, whose path has no service task
       * code (`withServiceTask`), or whose service task has no rule. `withoutRule` counts every
       * such closed case; `caseId` names the first in case id order.
       */
      readonly code: 'NO_RETENTION_RULE';
      readonly message: string;
      readonly caseId: string;
      readonly pathId: string;
      readonly pathVersion: number;
      /** The service task of the case's path, when it has a code. */
      readonly serviceTask: ServiceTaskCoding | undefined;
      readonly withoutRule: number;
    };

/** The plan: the closed cases past retention at `now`, in case id order, and how many closed cases are kept. */
export type RetentionPlanResult =
  | { readonly ok: true; readonly expired: readonly ExpiredCase[]; readonly kept: number; readonly failure?: never }
  | { readonly ok: false; readonly failure: RetentionFailure; readonly expired?: never; readonly kept?: never };

/** What a purge did: a receipt for each case destroyed, and the planned cases it left whole, with why. */
export type PurgeReport =
  | {
      readonly ok: true;
      readonly purged: readonly ErasureReceipt[];
      readonly skipped: readonly PurgeCaseFailure[];
      /** Closed cases not yet past retention. */
      readonly kept: number;
      readonly failure?: never;
    }
  | { readonly ok: false; readonly failure: RetentionFailure; readonly purged?: never; readonly skipped?: never; readonly kept?: never };

/** Closed cases read per statement while planning. */
const planPage = 5000;

/** @internal */
export async function planRetention(
  store: RetentionStore,
  paths: PathCatalogue<AnyPathDefinition>,
  request: RetentionRequest,
): Promise<RetentionPlanResult> {
  const now = checkRetentionNow(request?.now);
  if (!now.ok) return now;
  const rules = checkRetentionRules(request?.rules);
  if (!rules.ok) return rules;
  const nowMillis = Date.parse(now.now);
  const expired: ExpiredCase[] = [];
  let kept = 0;
  let first: Extract<RetentionFailure, { code: 'NO_RETENTION_RULE' }> | undefined;
  let withoutRule = 0;
  let afterCaseId = '';
  for (;;) {
    const page = await store.closedCases({ afterCaseId, limit: planPage });
    for (const closed of page) {
      const coding = paths.get(closed.pathId, closed.pathVersion)?.serviceTask?.coding;
      const rule = coding === undefined ? undefined : rules.rules.byServiceTask.get(serviceTaskKey(coding));
      if (rule === undefined) {
        withoutRule++;
        first ??= {
          code: 'NO_RETENTION_RULE',
          message: noRuleMessage(closed, paths, coding),
          caseId: closed.caseId,
          pathId: closed.pathId,
          pathVersion: closed.pathVersion,
          serviceTask: coding,
          withoutRule: 0,
        };
        continue;
      }
      const expiresAt = retentionExpiry(closed.closedAt, rule.keepFor);
      if (Date.parse(expiresAt) <= nowMillis) expired.push({ ...closed, serviceTask: rule.serviceTask, expiresAt, source: rule.source });
      else kept++;
    }
    if (page.length < planPage) break;
    afterCaseId = page[page.length - 1]!.caseId;
  }
  if (first)
    return { ok: false, failure: { ...first, withoutRule, message: `${first.message} (${withoutRule} closed cases have no rule)` } };
  return { ok: true, expired, kept };
}

function noRuleMessage(closed: ClosedCase, paths: PathCatalogue<AnyPathDefinition>, coding: ServiceTaskCoding | undefined): string {
  const name = `case '${excerptOf(closed.caseId)}' (${excerptOf(closed.pathId)} v${closed.pathVersion})`;
  if (!paths.get(closed.pathId, closed.pathVersion)) return `${name} is closed and its path version is not in the catalogue`;
  if (coding === undefined) return `${name} is closed and its path has no service task code: give the host's with withServiceTask`;
  return `${name} is closed and its service task has no retention rule: add one for it`;
}

/**
 * Purges each case of the plan, one transaction per case: a case is destroyed whole with its
 * receipt, or left whole. `confirmClosed` replays a case before its purge (the case row is not
 * chained, the events are) and says why one must stay. @internal
 */
export async function purgeExpired(
  store: RetentionStore,
  paths: PathCatalogue<AnyPathDefinition>,
  request: RetentionRequest,
  confirmClosed: (caseId: string) => Promise<PurgeCaseFailure | undefined>,
): Promise<PurgeReport> {
  // The purge is the administrator's: an organisation's store plans over its cases, but destroys none.
  if (store.organisation !== undefined) return { ok: false, failure: purgeNotPermitted('purging expired cases') };
  const plan = await planRetention(store, paths, request);
  if (!plan.ok) return plan;
  const purgedAt = new Date(request.now).toISOString();
  const purged: ErasureReceipt[] = [];
  const skipped: PurgeCaseFailure[] = [];
  for (const expired of plan.expired) {
    const refused = await confirmClosed(expired.caseId);
    if (refused) {
      skipped.push(refused);
      continue;
    }
    const result = await store.purgeCase({ caseId: expired.caseId, expectedSeq: expired.seq, closedAt: expired.closedAt, purgedAt });
    if (result.ok) purged.push(result.receipt);
    else if (result.failure.code === 'PURGE_NOT_PERMITTED') {
      // The server refuses this connection's role every purge: stop at the first, which changed nothing.
      if (purged.length === 0) return { ok: false, failure: { code: result.failure.code, message: result.failure.message } };
      skipped.push(result.failure);
      break;
    } else skipped.push(result.failure);
  }
  return { ok: true, purged, skipped, kept: plan.kept };
}

/**
 * The access log's own retention (see `CaseStore.purgeAccessLog`): the request checked and the
 * cut-off worked out before the store is touched. A store that keeps no log has nothing to purge. @internal
 */
export async function purgeAccessLog(store: object, request: AccessLogRetentionRequest): Promise<AccessLogPurgeReport> {
  if ((store as { organisation?: string }).organisation !== undefined)
    return { ok: false, failure: purgeNotPermitted('purging the access log') };
  const checked = checkAccessLogRetention(request);
  if (!checked.ok) return checked;
  if (!purgesAccessLog(store)) return { ok: true, purged: 0, before: checked.before };
  return store.purgeAccessLog({ before: checked.before });
}

/**
 * The access log's dry run (see `CaseStore.planAccessLogRetention`): how many rows the store's
 * organisation may see that a purge at `now` would remove. @internal
 */
export async function planAccessLogRetention(store: object, request: AccessLogRetentionRequest): Promise<AccessLogRetentionPlan> {
  const checked = checkAccessLogRetention(request);
  if (!checked.ok) return checked;
  return { ok: true, expired: purgesAccessLog(store) ? await store.countAccessLog({ before: checked.before }) : 0, before: checked.before };
}
