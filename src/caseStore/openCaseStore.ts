import { excerptOf } from '../clientExcerpt.js';
import type { AnyPathDefinition, CaseInputOf, RecordedEventOf } from '../path/definition.js';
import { asCatalogue, type PathCatalogue } from '../catalogue/pathCatalogue.js';
import { replayFromCatalogue, type CatalogueReplayFailure } from '../catalogue/replayFromCatalogue.js';
import { caseIdProblem } from '../case/caseId.js';
import { openCase } from '../case/openCase.js';
import type { PathCase } from '../case/pathCase.js';
import { replayCase } from '../case/replayCase.js';
import type { Rejection } from '../case/rejection.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { CaseQuery, CaseSummary, CaseloadQuery, ProjectionUpdate } from '../store/caseIndex.js';
import type { AppendFailure, IndexedEventStore } from '../store/eventStore.js';
import { EventStoreError, type TamperedEvent } from '../store/eventStoreError.js';
import { projectCase } from '../store/projectCase.js';
import { eventIdTaken } from '../store/retriedBatch.js';
import { instrumentCaseStore } from '../telemetry/instrumentCaseStore.js';
import type { TelemetryOptions } from '../telemetry/telemetryOptions.js';
import {
  planAccessLogRetention,
  planRetention,
  purgeAccessLog,
  purgeExpired,
  type PurgeReport,
  type RetentionPlanResult,
  type RetentionRequest,
} from './retention.js';
import { accessProblem, keepsAccessLog, type AccessLogEntry, type CaseAccess } from '../store/accessLog.js';
import { consentChangesOf, sharesCases, sharingProblem, type SharingMap } from '../store/consent.js';
import { rebuildConsents, type ConsentRebuildOptions, type ConsentRebuildReport } from './rebuildConsents.js';
import type { AccessLogPurgeReport, AccessLogRetentionPlan, AccessLogRetentionRequest } from '../retention/accessLogRetention.js';

/** An input to any path of a catalogue: the union of each path's {@link CaseInputOf}. */
export type AnyCaseInputOf<D extends AnyPathDefinition> = D extends AnyPathDefinition ? CaseInputOf<D> : never;

/** Why a stored case could not be loaded. */
export type CaseLoadFailure =
  | {
      /** The store holds no event of this case. */
      readonly code: 'UNKNOWN_CASE';
      readonly message: string;
      readonly caseId: string;
    }
  | {
      /** The stored events do not replay: `reason` is the replay's own failure, naming the seq. */
      readonly code: 'CASE_UNREADABLE';
      readonly message: string;
      readonly caseId: string;
      readonly seq: number | undefined;
      readonly reason: CatalogueReplayFailure;
    }
  | {
      /** A stored event was changed outside the store. */
      readonly code: 'TAMPERED_EVENT';
      readonly message: string;
      readonly caseId: string;
      readonly seq: number;
    }
  | {
      /** The store could not be reached. */
      readonly code: 'STORE_UNAVAILABLE';
      readonly message: string;
      readonly caseId: string;
    }
  | {
      /** The database failed the read for a reason the store does not expect; `sqlState` says which. */
      readonly code: 'STORE_FAILED';
      readonly message: string;
      readonly caseId: string;
      readonly sqlState: string | undefined;
    };

/** Why `record` stored nothing: the path refused the input, the append failed, or the case did not load. */
export type CaseStoreFailure =
  | {
      /**
       * The path refused the input; `rejection` says why, as `caseRef.record` would. (An event id
       * the case holds for another event comes back as `EVENT_ID_TAKEN`, as from `store.append`.)
       */
      readonly code: 'EVENT_REJECTED';
      readonly message: string;
      readonly caseId: string;
      readonly rejection: Rejection;
    }
  | {
      /**
       * With {@link CaseStoreOptions.retryOnConflict}: every attempt met another writer first. A final
       * answer: nothing was stored. `expectedSeq` and `actualSeq` are those of the last conflict.
       */
      readonly code: 'RETRIES_EXHAUSTED';
      readonly message: string;
      readonly caseId: string;
      readonly attempts: number;
      readonly expectedSeq: number;
      readonly actualSeq: number;
    }
  | AppendFailure
  | CaseLoadFailure;

/** The result of {@link CaseStore.record}. */
export type CaseStoreRecordResult<D extends AnyPathDefinition> =
  | {
      readonly ok: true;
      readonly event: RecordedEventOf<D>;
      /** The case after the event. */
      readonly case: PathCase<D>;
      /** True when the input's event id was already recorded (a retry): nothing was written now. */
      readonly alreadyRecorded: boolean;
      readonly failure?: never;
    }
  | { readonly ok: false; readonly failure: CaseStoreFailure; readonly event?: never; readonly case?: never };

/** The result of {@link CaseStore.load}. */
export type CaseStoreLoadResult<D extends AnyPathDefinition> =
  | { readonly ok: true; readonly case: PathCase<D>; readonly failure?: never }
  | { readonly ok: false; readonly failure: CaseLoadFailure; readonly case?: never };

/** Why {@link CaseStore.read} read nothing: the load's failures, or an access it could not log. */
export type CaseReadFailure =
  | CaseLoadFailure
  | {
      /** The access named is not one: `field` says which (`actor.id`, `purpose`, `at`, …); the message never repeats the value. */
      readonly code: 'INVALID_ACCESS';
      readonly message: string;
      readonly caseId: string;
      readonly field: string;
    }
  | {
      /** The store keeps no access log (a host's own store without `logAccess`): nothing was read. */
      readonly code: 'ACCESS_LOG_UNAVAILABLE';
      readonly message: string;
      readonly caseId: string;
    }
  | {
      /**
       * The case is another organisation's, a consent for the reader's organisation was recorded on
       * it, and it is no longer in force (withdrawn): nothing was read or logged. (A case that was
       * never shared with the reader reads as `UNKNOWN_CASE`: it learns nothing of it.)
       */
      readonly code: 'NO_CONSENT';
      readonly message: string;
      readonly caseId: string;
    };

/** The result of {@link CaseStore.read}. */
export type CaseStoreReadResult<D extends AnyPathDefinition> =
  | { readonly ok: true; readonly case: PathCase<D>; readonly failure?: never }
  | { readonly ok: false; readonly failure: CaseReadFailure; readonly case?: never };

/** What {@link CaseStore.rebuildProjections} did. */
export interface RebuildReport {
  /** Cases read from the store. */
  readonly cases: number;
  /** Rows written (a case appended to during the rebuild keeps its newer row). */
  readonly written: number;
  /**
   * Cases that could not be rebuilt, in case id order: those that did not replay (their rows are
   * marked unprojected), and those the store could not read (`TAMPERED_EVENT`, naming the seq;
   * their rows are left as their last append wrote them, and `load` refuses them). The rebuild
   * carries on past each.
   */
  readonly unreadable: readonly { readonly caseId: string; readonly failure: CatalogueReplayFailure | TamperedEvent }[];
}

/** Options of {@link CaseStore.record}. */
export interface CaseRecordOptions {
  /** The path of a new case (its latest version in the catalogue); needed when the catalogue holds several paths. */
  readonly pathId?: string;
}

/** The conflict of an append: another writer was first. */
export type ConcurrencyConflict = Extract<AppendFailure, { code: 'CONCURRENCY_CONFLICT' }>;

/**
 * How `record` answers a `CONCURRENCY_CONFLICT` itself (after Emmett's `onVersionConflict`): it
 * reloads the case, records the same input through every rule again against the new state, and
 * appends again, up to `attempts` times in all.
 */
export interface ConflictRetry {
  /** Attempts in all, the first included: a positive integer. */
  readonly attempts: number;
  /**
   * Called before each retry with the number of the attempt about to start (2, 3, …) and the
   * conflict that ended the last one. Return a promise to wait (a backoff with jitter, say): the
   * library itself reads no clock and draws no random numbers.
   */
  readonly beforeRetry?: (attempt: number, conflict: ConcurrencyConflict) => void | Promise<void>;
}

/** Options of {@link openCaseStore}. */
export interface CaseStoreOptions {
  /**
   * Retry `record` on `CONCURRENCY_CONFLICT`, re-reading and re-deciding each time (off by
   * default: the conflict is returned). A retry the case's new state refuses ends as `EVENT_REJECTED`;
   * after the last attempt `record` answers `RETRIES_EXHAUSTED`. Give inputs an `eventId`, so that
   * a record repeated after a lost answer is answered as already stored, never stored twice.
   */
  readonly retryOnConflict?: ConflictRetry;
  /**
   * Move an open case to the latest version of its path before recording on it, when that version
   * declares a migration from the case's version and the case replays under it (default true).
   * A case that does not replay under the newer version stays on its own.
   */
  readonly moveOpenCases?: boolean;
  /** What `record` and `load` may put in their OpenTelemetry spans (no client data by default; docs/operations.md, Telemetry). */
  readonly telemetry?: TelemetryOptions;
  /**
   * Which organisation each consent scope names (`{ kela: 'kela', employmentServices: 'te-uusimaa' }`):
   * a consent event of a path that declares `consent`, recorded here, shares the case with the
   * organisation its scope maps to, in the same transaction, until a withdrawal. The case's own
   * organisation (the data controller) decides whom it discloses to, so the map is the writer's
   * configuration. A scope left out shares with no one; a malformed map is a `TypeError` here.
   * See docs/developers.md, "Consent-gated sharing".
   */
  readonly sharing?: SharingMap;
}

/**
 * Cases kept in a store: load a case, record on it through the rules and append the event with the
 * seq it expects, all or nothing, with the case's projection in the same transaction.
 */
export interface CaseStore<D extends AnyPathDefinition> {
  /**
   * Loads the case, records the input through its path's rules and appends the event, expecting
   * the seq it loaded. A rejection, a conflict with another writer or an unreadable case comes back
   * typed, and then nothing was stored. An input whose `eventId` the case already holds is
   * answered as already stored. With {@link CaseStoreOptions.retryOnConflict}, a conflict is
   * retried (reload, record again, append again) and the answer is final.
   */
  record(caseId: string, input: AnyCaseInputOf<D>, options?: CaseRecordOptions): Promise<CaseStoreRecordResult<D>>;
  /** Loads a case with the path version it was recorded under. */
  load(caseId: string): Promise<CaseStoreLoadResult<D>>;
  /**
   * Loads a case for a reader: the store first appends a row to the case's access log (who, why,
   * when, for which organisation), then reads. A read the log cannot record reads nothing. A
   * host bound by the client-data act (703/2023) reads every case a person views this way.
   *
   * @example
   * ```ts
   * const cases = openCaseStore(store, [workabilityPath]);
   * const reader = { actor: { role: 'nurse', id: 'n-17' }, purpose: 'client-service', at: '2025-03-03T09:00:00Z' };
   * const seen = await cases.read('case-1', reader);
   * ```
   */
  read(caseId: string, access: CaseAccess): Promise<CaseStoreReadResult<D>>;
  /** The case's access log as the store's organisation may see it, oldest first; empty when the store keeps none. */
  accessLog(caseId: string): Promise<readonly AccessLogEntry[]>;
  /**
   * The access log's own retention: removes every row read long enough ago that `keepFor` (counted
   * from the row's `at`, on the Helsinki calendar, as a case's retention) ended before `now`, across
   * all cases, in one transaction. The period is the host's; none is shipped. A purged case's rows
   * stay until their own period ends. Only the administrator's store (opened without an
   * organisation) purges: another answers `PURGE_NOT_PERMITTED`, a bad request
   * `INVALID_RETENTION_REQUEST`, and nothing is deleted.
   *
   * @example
   * ```ts
   * const cases = openCaseStore(store, [workabilityPath]);
   * const report = await cases.purgeAccessLog({ now: '2038-01-01T00:00:00+02:00', keepFor: { years: 12 } });
   * if (report.ok) console.log(report.purged, 'rows read before', report.before);
   * ```
   */
  purgeAccessLog(request: AccessLogRetentionRequest): Promise<AccessLogPurgeReport>;
  /**
   * The dry run of {@link CaseStore.purgeAccessLog}: how many rows a purge at `now` would remove, of
   * those the store's organisation may read, and the cut-off. Reads only; any store may ask.
   */
  planAccessLogRetention(request: AccessLogRetentionRequest): Promise<AccessLogRetentionPlan>;
  /**
   * Every case of the store, in case id order, each as {@link CaseStore.load} gives it — read in bulk
   * (the store's `readCases`, a page of rows per statement, every chain checked), not one query
   * per case: for a report, an export or a check over a whole store. A case whose stored events were
   * changed outside the store comes as `TAMPERED_EVENT`, one that does not replay as
   * `CASE_UNREADABLE`, and the scan goes on. A store that cannot be reached throws, as `readCases` does.
   *
   * @example
   * ```ts
   * const cases = openCaseStore(await createPgliteStore({ dataDir: './cases' }), builtInPathVersions);
   * const byState = new Map<string, number>();
   * for await (const loaded of cases.loadAll()) {
   *   if (loaded.ok) byState.set(loaded.case.stateName, (byState.get(loaded.case.stateName) ?? 0) + 1);
   *   else console.error(loaded.failure.code, loaded.failure.caseId);
   * }
   * ```
   */
  loadAll(): AsyncIterable<CaseStoreLoadResult<D>>;
  /** The store's `listCases`. */
  listCases(query?: CaseQuery): Promise<readonly CaseSummary[]>;
  /** The store's `countActiveCases`: an assignee's open cases. */
  countActiveCases(query: CaseloadQuery): Promise<number>;
  /** Recomputes every case's projection from its events; a case it cannot read is reported, not thrown. */
  rebuildProjections(): Promise<RebuildReport>;
  /**
   * Rebuilds the consent rows (schema step 8) of every case from its stored events, under the
   * catalogue's consent declarations and this case store's `sharing` map: the rows a `record`
   * through it would have written, for consents recorded before step 8, through a case store
   * opened without `sharing`, or by `kykypolku import`. Writes only what is missing (a row, or the
   * withdrawal of one still in force), so a second run writes nothing; one transaction per batch of
   * 500 cases, with `onProgress` after each. A case that does not verify (`TAMPERED_EVENT`) or
   * replay (`CASE_UNREADABLE`) is skipped and reported by code. The administrator's: a store opened
   * for an organisation, or a server role that works for one, answers `REBUILD_NOT_PERMITTED`
   * before anything is read. An outage throws; the batches written before it stay, and a second
   * run finishes the rest.
   *
   * @example
   * ```ts
   * const cases = openCaseStore(store, [coordinatorServicePath], { sharing: { kela: 'kela' } });
   * const report = await cases.rebuildConsents({ onProgress: (p) => console.error(p.cases, 'cases') });
   * if (report.ok) console.log(report.written, 'rows written;', report.skipped.length, 'cases skipped');
   * ```
   */
  rebuildConsents(options?: ConsentRebuildOptions): Promise<ConsentRebuildReport>;
  /**
   * Arms the deadlines of open cases stored before the store kept armed deadlines (an SQL store
   * migrated to schema version 3): each is replayed and its projection written again, with the
   * deadlines it arms. A deadline worker runs it before its first claim; it does nothing once
   * every case is armed.
   */
  armDeadlines(): Promise<RebuildReport>;
  /**
   * The closed cases past the retention period of their service task at `now`: each case's path
   * version in the catalogue names its service task (`withServiceTask`), `rules` its period. A
   * closed case the rules cannot judge refuses the whole plan (`NO_RETENTION_RULE`): nothing is
   * purged by default. Reads the case rows; run `rebuildProjections` first on a store with unprojected cases.
   *
   * @example
   * ```ts
   * const task = { system: 'urn:oid:1.2.246.537.6.0000', code: 'host-code' };
   * const cases = openCaseStore(store, [withServiceTask(lifestyleGuidancePath, task)]);
   * const plan = await cases.planRetention({
   *   now,
   *   rules: [{ serviceTask: task, keepFor: { years: 10 }, countsFrom: 'caseClosed', source: 'Act 703/2023' }],
   * });
   * if (plan.ok) for (const expired of plan.expired) console.log(expired.caseId, expired.expiresAt);
   * ```
   */
  planRetention(request: RetentionRequest): Promise<RetentionPlanResult>;
  /**
   * Destroys every case {@link CaseStore.planRetention} lists, one transaction per case (events,
   * case row, armed deadlines, head), each leaving an erasure receipt; a case that changed since
   * the plan, or whose events do not verify, is left whole and reported in `skipped`. Interrupted,
   * every case is whole or gone with its receipt; run it again to finish. Purging is the
   * administrator's: a store opened for an organisation answers `PURGE_NOT_PERMITTED` before
   * anything is read (its `planRetention` still lists its own expired cases), and so does a store on
   * a server connection whose role may not delete, at its first case, having changed nothing.
   */
  purgeExpired(request: RetentionRequest): Promise<PurgeReport>;
}

function seqOf(failure: CatalogueReplayFailure): number | undefined {
  return 'seq' in failure ? failure.seq : undefined;
}

/**
 * Opens the cases of a store with a catalogue of path definitions: what a host uses instead of
 * wiring load, record and append by hand.
 *
 * @example
 * ```ts
 * const cases = openCaseStore(await createPgliteStore(), [workabilityPath]);
 * const saved = await cases.record('case-1', {
 *   type: 'CONTACT_RECEIVED', at: '2025-03-03T09:00:00Z', actor: { role: 'nurse', id: 'n-17' }, eventId: 'req-8812',
 *   payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
 * });
 * if (!saved.ok && saved.failure.code === 'CONCURRENCY_CONFLICT') retryLater();
 *
 * // Or let record retry a conflict itself, re-deciding on the case as it now is:
 * const contended = openCaseStore(await createPgliteStore(), [workabilityPath], { retryOnConflict: { attempts: 8 } });
 * ```
 */
export function openCaseStore<D extends AnyPathDefinition>(
  store: IndexedEventStore,
  catalogue: PathCatalogue<D> | readonly D[],
  options: CaseStoreOptions = {},
): CaseStore<D> {
  return instrumentCaseStore(openUninstrumentedCaseStore(store, catalogue, options), options.telemetry);
}

/** {@link openCaseStore} without its spans and rejection counter: what the telemetry benchmark compares with. @internal */
export function openUninstrumentedCaseStore<D extends AnyPathDefinition>(
  store: IndexedEventStore,
  catalogue: PathCatalogue<D> | readonly D[],
  options: CaseStoreOptions = {},
): CaseStore<D> {
  const paths = asCatalogue(catalogue);
  const moveOpenCases = options.moveOpenCases ?? true;
  const retry = options.retryOnConflict;
  const badSharing = options.sharing === undefined ? undefined : sharingProblem(options.sharing);
  if (badSharing !== undefined) throw new TypeError(`openCaseStore: ${badSharing.field} must be ${badSharing.expected}`);
  const sharing = options.sharing === undefined ? undefined : Object.freeze({ ...options.sharing });
  if (retry !== undefined && (!Number.isInteger(retry.attempts) || retry.attempts < 1)) {
    throw new TypeError(`openCaseStore: retryOnConflict.attempts must be a positive integer, got ${String(retry.attempts)}`);
  }

  async function load(caseId: string): Promise<CaseStoreLoadResult<D>> {
    let events: Awaited<ReturnType<typeof store.read>>;
    try {
      events = await store.read(caseId);
    } catch (error) {
      // STORE_LOCKED comes from opening a store and INVALID_QUERY from a query, never from a read:
      // they are thrown on like any other error.
      const { failure } = error instanceof EventStoreError ? error : { failure: undefined };
      if (failure && failure.code !== 'STORE_LOCKED' && failure.code !== 'INVALID_QUERY')
        return { ok: false, failure: { ...failure, caseId } };
      throw error;
    }
    if (events.length === 0)
      return { ok: false, failure: { code: 'UNKNOWN_CASE', message: `the store holds no case '${excerptOf(caseId)}'`, caseId } };
    return replayStored(caseId, events);
  }

  function replayStored(caseId: string, events: readonly unknown[]): CaseStoreLoadResult<D> {
    const replayed = replayFromCatalogue(paths, events, { caseId });
    if (!replayed.ok) {
      const reason = replayed.failure;
      return {
        ok: false,
        failure: {
          code: 'CASE_UNREADABLE',
          message: `case '${excerptOf(caseId)}' does not replay: ${reason.message}`,
          caseId,
          seq: seqOf(reason),
          reason,
        },
      };
    }
    return { ok: true, case: replayed.case };
  }

  function moveToLatest(caseRef: PathCase<D>): PathCase<D> {
    const latest = paths.latest(caseRef.definition.id);
    if (!moveOpenCases || !latest || latest.version <= caseRef.definition.version || caseRef.state.status !== 'open') return caseRef;
    if (!latest.migrations?.some((migration) => migration.from === caseRef.definition.version)) return caseRef;
    const moved = replayCase(latest, caseRef.history, { caseId: caseRef.caseId });
    return moved.ok ? moved.case : caseRef;
  }

  function newCase(caseId: string, pathId: string | undefined): PathCase<D> {
    const id = pathId ?? (paths.pathIds.length === 1 ? paths.pathIds[0] : undefined);
    if (id === undefined)
      throw new TypeError(`record: case '${excerptOf(caseId)}' is new and the catalogue holds several paths; pass { pathId }`);
    const definition = paths.latest(id);
    if (!definition) throw new TypeError(`record: the catalogue holds no path '${excerptOf(id)}'; it holds ${paths.pathIds.join(', ')}`);
    return openCase(definition, { caseId });
  }

  /** One attempt: load, record through the rules, append expecting the seq loaded. */
  async function recordOnce(caseId: string, input: AnyCaseInputOf<D>, recordOptions: CaseRecordOptions): Promise<CaseStoreRecordResult<D>> {
    const loaded = await load(caseId);
    if (!loaded.ok && loaded.failure.code !== 'UNKNOWN_CASE') return { ok: false, failure: loaded.failure };
    const caseRef = loaded.ok ? moveToLatest(loaded.case) : newCase(caseId, recordOptions.pathId);
    if (recordOptions.pathId !== undefined && caseRef.definition.id !== recordOptions.pathId) {
      throw new TypeError(
        `record: case '${excerptOf(caseId)}' is on path '${caseRef.definition.id}', not '${excerptOf(recordOptions.pathId)}'`,
      );
    }
    const outcome = caseRef.record(input);
    if (!outcome.ok) {
      const rejection = outcome.rejection;
      // A taken event id is the same conflict whether the case or the store noticed it first.
      if (rejection.code === 'EVENT_ID_TAKEN') return { ok: false, failure: eventIdTaken(caseId, { index: 0, seq: rejection.seq }) };
      return { ok: false, failure: { code: 'EVENT_REJECTED', message: rejection.message, caseId, rejection } };
    }
    if (outcome.alreadyRecorded) return { ok: true, event: outcome.event, case: caseRef, alreadyRecorded: true };
    const consents = consentChangesOf(caseRef.definition.consent, sharing, [outcome.event]);
    const saved = await store.append(caseId, [outcome.event], {
      expectedSeq: outcome.event.seq - 1,
      projection: projectCase(caseRef),
      ...(consents.length > 0 ? { consents } : {}),
    });
    if (!saved.ok) return { ok: false, failure: saved.failure };
    return { ok: true, event: outcome.event, case: caseRef, alreadyRecorded: saved.alreadyRecorded };
  }

  async function read(caseId: string, access: CaseAccess): Promise<CaseStoreReadResult<D>> {
    const problem = accessProblem(access);
    if (problem !== undefined)
      return {
        ok: false,
        failure: { code: 'INVALID_ACCESS', message: `read: ${problem.field} must be ${problem.expected}`, caseId, field: problem.field },
      };
    if (caseIdProblem(caseId) !== undefined) return load(caseId);
    if (!keepsAccessLog(store))
      return {
        ok: false,
        failure: {
          code: 'ACCESS_LOG_UNAVAILABLE',
          message: 'read: the store keeps no access log (logAccess), so nothing was read',
          caseId,
        },
      };
    try {
      // Another organisation's case shared with the reader's: logged and read in one transaction.
      const shared = sharesCases(store) ? await store.readShared(caseId, access) : { kind: 'notShared' as const };
      if (shared.kind === 'disclosed') return shared.events.length === 0 ? load(caseId) : replayStored(caseId, shared.events);
      if (shared.kind === 'refused')
        return {
          ok: false,
          failure: {
            code: 'NO_CONSENT',
            message: `read: no consent for this organisation is in force on case '${excerptOf(caseId)}'`,
            caseId,
          },
        };
      await store.logAccess(caseId, access);
    } catch (error) {
      const failure = error instanceof EventStoreError ? error.failure : undefined;
      if (failure && (failure.code === 'STORE_UNAVAILABLE' || failure.code === 'STORE_FAILED' || failure.code === 'TAMPERED_EVENT'))
        return { ok: false, failure: { ...failure, caseId } };
      throw error;
    }
    return load(caseId);
  }

  return {
    load,
    read,
    accessLog: async (caseId) => (keepsAccessLog(store) ? store.accessLog(caseId) : []),
    purgeAccessLog: (request) => purgeAccessLog(store, request),
    planAccessLogRetention: (request) => planAccessLogRetention(store, request),

    async *loadAll() {
      // A tampered case is reported by the scan where it meets it, and given in its place.
      const tampered: TamperedEvent[] = [];
      for await (const events of store.readCases({ onUnreadable: (failure) => void tampered.push(failure) })) {
        while (tampered.length > 0) yield { ok: false, failure: tampered.shift()! };
        yield replayStored(events[0]!.caseId, events);
      }
      while (tampered.length > 0) yield { ok: false, failure: tampered.shift()! };
    },

    async record(caseId, input, recordOptions = {}) {
      // A case id outside the value domain can name no stored case: refused as record refuses a
      // field outside it, before any store is asked (a driver would throw on a NUL or a long id).
      const badCaseId = caseIdProblem(caseId);
      if (badCaseId !== undefined) {
        const message = `not a well-formed event: caseId ${badCaseId}`;
        const rejection: Rejection = {
          code: 'INVALID_EVENT',
          message,
          issues: [{ code: 'custom', path: ['caseId'], message: `caseId ${badCaseId}` }],
        };
        return {
          ok: false,
          failure: { code: 'EVENT_REJECTED', message, caseId: typeof caseId === 'string' ? caseId.slice(0, 40) : '', rejection },
        };
      }
      if (retry === undefined) return recordOnce(caseId, input, recordOptions);
      for (let attempt = 1; ; attempt++) {
        const result = await recordOnce(caseId, input, recordOptions);
        if (result.ok || result.failure.code !== 'CONCURRENCY_CONFLICT') return result;
        const conflict = result.failure;
        if (attempt >= retry.attempts) {
          return {
            ok: false,
            failure: {
              code: 'RETRIES_EXHAUSTED',
              message: `case '${excerptOf(caseId)}': another writer appended first on each of ${attempt} attempts; nothing was stored`,
              caseId,
              attempts: attempt,
              expectedSeq: conflict.expectedSeq,
              actualSeq: conflict.actualSeq,
            },
          };
        }
        await retry.beforeRetry?.(attempt + 1, conflict);
      }
    },

    listCases: (query) => store.listCases(query),
    countActiveCases: (query) => store.countActiveCases(query),

    async rebuildProjections() {
      let cases = 0;
      let written = 0;
      const unreadable: { caseId: string; failure: CatalogueReplayFailure | TamperedEvent }[] = [];
      let batch: ProjectionUpdate[] = [];
      const onUnreadable = (failure: TamperedEvent) => void unreadable.push({ caseId: failure.caseId, failure });
      for await (const events of store.readCases({ onUnreadable })) {
        cases++;
        const caseId = events[0]!.caseId;
        const replayed = replayFromCatalogue(paths, events, { caseId });
        if (!replayed.ok) unreadable.push({ caseId, failure: replayed.failure });
        batch.push({ caseId, seq: events.length, projection: replayed.ok ? projectCase(replayed.case) : undefined });
        if (batch.length >= 500) {
          written += await store.writeProjections(batch);
          batch = [];
        }
      }
      if (batch.length > 0) written += await store.writeProjections(batch);
      // A scan reports a tampered case where it meets it; the report keeps one case id order.
      unreadable.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
      return { cases, written, unreadable };
    },

    rebuildConsents: (rebuildOptions) => rebuildConsents(store, paths, sharing, rebuildOptions),

    async armDeadlines() {
      let cases = 0;
      let written = 0;
      const unreadable: { caseId: string; failure: CatalogueReplayFailure | TamperedEvent }[] = [];
      // A case that cannot be read stays unarmed: seen once, it ends the loop instead of repeating it.
      const seen = new Set<string>();
      for (;;) {
        const caseIds = (await store.casesToArm(500)).filter((caseId) => !seen.has(caseId));
        if (caseIds.length === 0) break;
        const batch: ProjectionUpdate[] = [];
        for (const caseId of caseIds) {
          seen.add(caseId);
          cases++;
          let events: readonly RecordedEvent[];
          try {
            events = await store.read(caseId);
          } catch (error) {
            if (error instanceof EventStoreError && error.failure.code === 'TAMPERED_EVENT') {
              unreadable.push({ caseId, failure: error.failure });
              continue;
            }
            throw error;
          }
          const replayed = replayFromCatalogue(paths, events, { caseId });
          if (!replayed.ok) unreadable.push({ caseId, failure: replayed.failure });
          batch.push({ caseId, seq: events.length, projection: replayed.ok ? projectCase(replayed.case) : undefined });
        }
        written += await store.writeProjections(batch);
      }
      unreadable.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
      return { cases, written, unreadable };
    },

    planRetention: (request) => planRetention(store, paths, request),

    purgeExpired: (request) =>
      purgeExpired(store, paths, request, async (caseId) => {
        const loaded = await load(caseId);
        if (loaded.ok)
          return loaded.case.state.status === 'closed'
            ? undefined
            : { code: 'CASE_CHANGED', message: `case '${excerptOf(caseId)}' was not purged: it replays as open`, caseId };
        const { failure } = loaded;
        // An outage stops the purge: every case so far is whole or gone with its receipt; run it again.
        if (failure.code === 'STORE_UNAVAILABLE' || failure.code === 'STORE_FAILED') throw new EventStoreError(failure);
        if (failure.code === 'TAMPERED_EVENT') return { code: 'TAMPERED_EVENT', message: failure.message, caseId, seq: failure.seq };
        return { code: 'CASE_CHANGED', message: `case '${excerptOf(caseId)}' was not purged: ${failure.message}`, caseId };
      }),
  };
}
