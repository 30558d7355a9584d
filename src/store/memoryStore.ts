import { excerptOf } from '../clientExcerpt.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { CaseProjection, CaseQuery, CaseSummary, CaseloadQuery, ProjectionUpdate } from './caseIndex.js';
import { readNewCases, caseTaken } from './newCases.js';
import {
  accessDenied,
  checkBatch,
  type AppendNewCasesResult,
  type AppendOptions,
  type AppendResult,
  type IndexedEventStore,
  type NewCase,
} from './eventStore.js';
import { checkCaseQuery, checkCaseloadQuery } from './queryCheck.js';
import { eventIdTaken, judgeRetry } from './retriedBatch.js';
import { compareCaseIds, compareSummaries, matchesQuery } from './summaryOrder.js';
import { createMemoryDeadlines, type MemoryDeadlines } from '../deadlines/memoryDeadlines.js';
import { planThatRecorded } from '../case/recordedHere.js';
import { checkedOrganisation, type OrganisationScope } from './organisation.js';
import { instrumentStore } from '../telemetry/instrumentStore.js';
import type { TelemetryOptions } from '../telemetry/telemetryOptions.js';
import { checkCasePage, type ErasureReceipt, type PurgeCaseRequest, type PurgeCaseResult } from '../retention/retentionStore.js';
import { createEventChain } from './postgres/eventChain.js';
import { digestOf } from './postgres/eventRow.js';

// The memory store's receipts carry the head link an SQL store without a key would: the same chain.
const plainChain = createEventChain(undefined);
import type { AccessLogEntry, AccessLogStore } from './accessLog.js';
import { checkedAccess, entryOf } from './accessLogRows.js';
import { rebuildNotPermitted, type ConsentRestoreStore, type ConsentStore } from './consent.js';
import { createMemoryConsents, type MemoryConsents } from './memoryConsents.js';
import { purgeNotPermitted } from '../retention/accessLogRetention.js';
import { appendInputOnce } from './appendInput.js';

function frozenCopy(event: RecordedEvent): RecordedEvent {
  // An event this library recorded is frozen whole already: kept as it is, it stays one the replay
  // of a stored case knows (src/case/recordedHere.ts).
  if (planThatRecorded(event) !== undefined) return event;
  // A stored event must not change when the host later mutates the object it appended.
  const copy = structuredClone(event) as RecordedEvent;
  Object.freeze(copy.actor);
  Object.freeze(copy.payload);
  Object.freeze(copy.path);
  return Object.freeze(copy);
}

interface StoredCase {
  readonly events: RecordedEvent[];
  readonly byEventId: Map<string, RecordedEvent>;
  /** The organisation of the case's first append; undefined when an unscoped store wrote it. */
  readonly organisation: string | undefined;
  /** The projection without its armed deadlines, which live in the deadline table. */
  projection: Omit<CaseProjection, 'deadlines'> | undefined;
}

/**
 * Every case row at once, unpaged (listCases answers at most 10 000): what countIndicators reads on
 * a store that cannot count in SQL. @internal
 */
export interface EveryCaseSummary {
  caseSummaries(): AsyncIterable<OrganisedCaseSummary>;
}

/** A case row with the organisation the case belongs to (undefined: none, the administrator's). @internal */
export interface OrganisedCaseSummary extends CaseSummary {
  readonly organisation: string | undefined;
}

/** A projection as a case row keeps it, and the deadlines it arms apart. */
function caseRowOf(projection: CaseProjection): Omit<CaseProjection, 'deadlines'> {
  const { deadlines: _armed, ...row } = projection;
  return row;
}

/** What every view of one memory store shares: its cases, its append order, its deadlines. */
interface MemoryData {
  readonly cases: Map<string, StoredCase>;
  readonly all: { readonly event: RecordedEvent; readonly organisation: string | undefined }[];
  readonly deadlines: MemoryDeadlines;
  /** The erasure receipts of purged cases, with the organisation the case had. */
  readonly receipts: Map<string, { readonly receipt: ErasureReceipt; readonly organisation: string | undefined }>;
  readonly accessLog: Map<string, AccessLogEntry[]>;
  /** Who each case is shared with, by consent (the rows schema step 8 keeps on a server). */
  readonly consents: MemoryConsents;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions extends OrganisationScope {
  /** What the store may put in its OpenTelemetry spans (no client data by default). */
  readonly telemetry?: TelemetryOptions;
}

/** The memory store: an {@link IndexedEventStore} with views of its data for one organisation each. */
export interface MemoryStore extends IndexedEventStore, EveryCaseSummary, AccessLogStore, ConsentStore, ConsentRestoreStore {
  /**
   * The same data, seen as a store opened for `organisation`: only that organisation's cases. The
   * memory store filters in the library; there is no database to hold a caller to it.
   */
  forOrganisation(organisation: string): MemoryStore;
}

/**
 * An event store in memory: for tests, the demo and hosts that persist elsewhere. Same contract
 * and the same case index as the PostgreSQL stores, and the same OpenTelemetry spans and metrics
 * (docs/operations.md, Telemetry).
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.append('case-1', caseRef.history, { expectedSeq: 0 });
 * (await store.read('case-1')).length; // caseRef.seq
 * const county = store.forOrganisation('county-1'); // sees only county-1's cases
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const instrumented = (view: MemoryStore): MemoryStore => instrumentStore(view, 'memory', options.telemetry);
  return instrumented(memoryView(emptyData(), checkedOrganisation(options.organisation, 'createMemoryStore'), instrumented));
}

/** The memory store without its telemetry: what {@link createMemoryStore} wraps. @internal */
export function createUninstrumentedMemoryStore(options: OrganisationScope = {}): MemoryStore {
  return memoryView(emptyData(), checkedOrganisation(options.organisation, 'createMemoryStore'), (view) => view);
}

function emptyData(): MemoryData {
  return {
    cases: new Map(),
    all: [],
    deadlines: createMemoryDeadlines(),
    receipts: new Map(),
    accessLog: new Map(),
    consents: createMemoryConsents(),
  };
}

/** A view of the data for `organisation` (undefined: every case), each view wrapped as the store is (telemetry). */
function memoryView(data: MemoryData, organisation: string | undefined, wrap: (view: MemoryStore) => MemoryStore): MemoryStore {
  const { cases, all, deadlines, receipts, accessLog } = data;
  const claims = organisation === undefined ? deadlines : deadlines.scoped(organisation);
  const seen = (caseOrganisation: string | undefined) => organisation === undefined || caseOrganisation === organisation;
  /** The case as this view sees it: undefined when it is another organisation's. */
  const visibleCase = (caseId: string): StoredCase | undefined => {
    const stored = cases.get(caseId);
    return stored && seen(stored.organisation) ? stored : undefined;
  };

  function armFrom(caseId: string, stored: StoredCase, pathId: string, projection: CaseProjection | undefined): void {
    if (projection) deadlines.arm(caseId, pathId, projection.deadlines ?? [], stored.organisation);
    else deadlines.disarm(caseId);
  }

  function summaryOf(caseId: string, stored: StoredCase): CaseSummary | undefined {
    const last = stored.events[stored.events.length - 1];
    if (!stored.projection || !last) return undefined;
    return { caseId, pathId: last.path.id, pathVersion: last.path.version, seq: last.seq, lastEventAt: last.at, ...stored.projection };
  }

  /** An append, all of it at once: nothing can run between its check and its write. */
  function appendNow(caseId: string, events: readonly RecordedEvent[], options: AppendOptions): AppendResult {
    const invalid = checkBatch(caseId, events, options.expectedSeq, options.projection);
    if (invalid) return { ok: false, failure: invalid };
    const hidden = cases.has(caseId) && visibleCase(caseId) === undefined;
    const stored: StoredCase = visibleCase(caseId) ?? { events: [], byEventId: new Map(), organisation, projection: undefined };
    const retry = judgeRetry(events, stored.byEventId);
    if (retry.kind === 'alreadyRecorded') return { ok: true, seq: retry.seq, alreadyRecorded: true };
    const current = stored.events.length;
    if (current !== options.expectedSeq) {
      return {
        ok: false,
        failure: {
          code: 'CONCURRENCY_CONFLICT',
          message: `case '${excerptOf(caseId)}' is at seq ${current}, not ${options.expectedSeq}: another writer appended first`,
          caseId,
          expectedSeq: options.expectedSeq,
          actualSeq: current,
        },
      };
    }
    if (retry.kind === 'idTaken') return { ok: false, failure: eventIdTaken(caseId, retry) };
    if (events.length === 0) return { ok: true, seq: current, alreadyRecorded: false };
    // Another organisation's case (as a server's row-level security answers it: the seqs are taken).
    if (hidden) return { ok: false, failure: accessDenied(caseId) };
    const copies = events.map(frozenCopy);
    stored.events.push(...copies);
    for (const copy of copies) if (copy.eventId !== undefined) stored.byEventId.set(copy.eventId, copy);
    stored.projection = options.projection ? caseRowOf(options.projection) : undefined;
    armFrom(caseId, stored, copies[copies.length - 1]!.path.id, options.projection);
    for (const event of copies) all.push({ event, organisation: stored.organisation });
    cases.set(caseId, stored);
    data.consents.apply(caseId, stored.organisation, options.consents ?? []);
    return { ok: true, seq: stored.events.length, alreadyRecorded: false };
  }

  const view: MemoryStore = {
    ...(organisation === undefined ? {} : { organisation }),
    forOrganisation: (other) => wrap(memoryView(data, checkedOrganisation(other, 'forOrganisation'), wrap)),
    async append(caseId: string, events: readonly RecordedEvent[], options: AppendOptions): Promise<AppendResult> {
      const input = appendInputOnce(caseId, events, options);
      if ('failure' in input) return { ok: false, failure: input.failure };
      return appendNow(caseId, input.events, input.options);
    },
    async appendNewCases(hostCases: readonly NewCase[]): Promise<AppendNewCasesResult> {
      const checked = readNewCases(hostCases);
      if ('failure' in checked) return { ok: false, failure: checked.failure, entry: checked.entry };
      const newCases = checked.cases;
      // Judged whole before anything is written, so a refusal leaves the store as it was.
      let recorded = 0;
      for (const [entry, { caseId, events }] of newCases.entries()) {
        const stored = cases.get(caseId);
        if (stored === undefined) continue;
        const visible = visibleCase(caseId);
        if (visible === undefined) return { ok: false, failure: accessDenied(caseId), entry };
        const retry = judgeRetry(events, visible.byEventId);
        if (retry.kind === 'alreadyRecorded' && visible.events.length === events.length) {
          recorded++;
          continue;
        }
        if (retry.kind === 'idTaken') return { ok: false, failure: eventIdTaken(caseId, retry), entry };
        return { ok: false, failure: caseTaken(caseId, visible.events.length), entry };
      }
      if (recorded === newCases.length) return { ok: true, cases: 0, events: 0, alreadyRecorded: newCases.length > 0 };
      // Some of the cases stored and some not: not a retry of this call, another writer's.
      if (recorded > 0) {
        const entry = newCases.findIndex(({ caseId }) => cases.has(caseId));
        return { ok: false, failure: caseTaken(newCases[entry]!.caseId, cases.get(newCases[entry]!.caseId)!.events.length), entry };
      }
      let events = 0;
      for (const newCase of newCases) {
        const written = appendNow(newCase.caseId, newCase.events, {
          expectedSeq: 0,
          ...(newCase.projection ? { projection: newCase.projection } : {}),
        });
        // Checked above, and nothing runs between: every case is new and well formed.
        if (!written.ok) throw new Error(`memory store: appendNewCases could not write case ${newCase.caseId}: ${written.failure.code}`);
        events += newCase.events.length;
      }
      return { ok: true, cases: newCases.length, events, alreadyRecorded: false };
    },
    async read(caseId: string): Promise<readonly RecordedEvent[]> {
      return [...(visibleCase(caseId)?.events ?? [])];
    },
    // The memory store holds the very objects it was given, frozen: none can be unreadable.
    async *readAll(): AsyncIterable<RecordedEvent> {
      // A snapshot of the length keeps a reader from chasing concurrent appends forever.
      const end = all.length;
      for (let index = 0; index < end; index++) if (seen(all[index]!.organisation)) yield all[index]!.event;
    },
    async *caseSummaries(): AsyncIterable<OrganisedCaseSummary> {
      // The view's own cases, by the organisation itself (not by what the view may read): the
      // indicators count a data controller's own cases, as the SQL statements' filter does.
      for (const [caseId, stored] of cases) {
        const own = organisation === undefined || stored.organisation === organisation;
        const summary = own ? summaryOf(caseId, stored) : undefined;
        if (summary) yield { ...summary, organisation: stored.organisation };
      }
    },
    async listCases(query: CaseQuery = {}): Promise<readonly CaseSummary[]> {
      const checked = checkCaseQuery(query);
      const found: CaseSummary[] = [];
      for (const [caseId, stored] of cases) {
        const summary = seen(stored.organisation) ? summaryOf(caseId, stored) : undefined;
        if (summary && matchesQuery(summary, checked)) found.push(summary);
      }
      return found.sort(compareSummaries).slice(0, checked.limit);
    },
    async countActiveCases(query: CaseloadQuery): Promise<number> {
      const checked = checkCaseloadQuery(query);
      let count = 0;
      for (const [caseId, stored] of cases) {
        const summary = seen(stored.organisation) ? summaryOf(caseId, stored) : undefined;
        if (summary && matchesQuery(summary, { ...checked, status: 'open' })) count++;
      }
      return count;
    },
    async *readCases(): AsyncIterable<readonly RecordedEvent[]> {
      const caseIds = [...cases.keys()].filter((caseId) => visibleCase(caseId) !== undefined).sort(compareCaseIds);
      for (const caseId of caseIds) yield [...cases.get(caseId)!.events];
    },
    async writeProjections(updates: readonly ProjectionUpdate[]): Promise<number> {
      let written = 0;
      for (const update of updates) {
        const stored = visibleCase(update.caseId);
        if (!stored || stored.events.length !== update.seq) continue;
        if (update.projection || stored.projection) written++;
        stored.projection = update.projection ? caseRowOf(update.projection) : undefined;
        armFrom(update.caseId, stored, stored.events[stored.events.length - 1]?.path.id ?? '', update.projection);
      }
      return written;
    },
    claimDueDeadlines: (request) => claims.claimDueDeadlines(request),
    completeDeadline: (claim) => claims.completeDeadline(claim),
    releaseDeadline: (claim) => claims.releaseDeadline(claim),
    async logAccess(caseId, access) {
      const checked = checkedAccess(caseId, access);
      const rows = data.accessLog.get(caseId) ?? [];
      rows.push(Object.freeze(entryOf(caseId, checked, organisation, visibleCase(caseId)?.organisation)));
      data.accessLog.set(caseId, rows);
    },
    async readShared(caseId, access) {
      const checked = checkedAccess(caseId, access);
      const stored = cases.get(caseId);
      if (organisation === undefined || !stored || stored.organisation === organisation) return { kind: 'notShared' };
      const standing = data.consents.standing(caseId, organisation);
      if (standing === 'none') return { kind: 'notShared' };
      if (standing === 'withdrawn') return { kind: 'refused' };
      const rows = data.accessLog.get(caseId) ?? [];
      rows.push(Object.freeze(entryOf(caseId, checked, organisation, stored.organisation)));
      data.accessLog.set(caseId, rows);
      return { kind: 'disclosed', events: [...stored.events] };
    },
    async restoreConsents(restores) {
      if (organisation !== undefined) return { ok: false, failure: rebuildNotPermitted() };
      let written = 0;
      for (const { caseId, rows } of restores) written += data.consents.restore(caseId, cases.get(caseId)?.organisation, rows);
      return { ok: true, written };
    },
    async accessLog(caseId) {
      const rows = data.accessLog.get(caseId) ?? [];
      return rows.filter((row) => organisation === undefined || row.organisation === organisation || row.caseOrganisation === organisation);
    },
    async countAccessLog({ before }) {
      const cutoff = typeof before === 'string' ? Date.parse(before) : Number.NaN;
      if (Number.isNaN(cutoff)) throw new RangeError('countAccessLog: before must be an ISO instant');
      const visible = (row: AccessLogEntry) =>
        organisation === undefined || row.organisation === organisation || row.caseOrganisation === organisation;
      return [...data.accessLog.values()].flat().filter((row) => visible(row) && Date.parse(row.at) < cutoff).length;
    },
    async purgeAccessLog({ before }) {
      if (organisation !== undefined) return { ok: false, failure: purgeNotPermitted('purging the access log') };
      const cutoff = typeof before === 'string' ? Date.parse(before) : Number.NaN;
      if (Number.isNaN(cutoff))
        throw new RangeError(
          'purgeAccessLog: before must be an ISO instant; openCaseStore(...).purgeAccessLog works it out from now and keepFor',
        );
      let purged = 0;
      for (const [caseId, rows] of data.accessLog) {
        const kept = rows.filter((row) => Date.parse(row.at) >= cutoff);
        purged += rows.length - kept.length;
        if (kept.length === 0) data.accessLog.delete(caseId);
        else data.accessLog.set(caseId, kept);
      }
      return { ok: true, purged, before: new Date(cutoff).toISOString() };
    },
    // Every case the memory store holds was appended with the deadline table in place.
    casesToArm: async () => [],
    async closedCases(page) {
      const { afterCaseId, limit } = checkCasePage(page);
      const closed = [...cases.keys()]
        .filter((caseId) => compareCaseIds(caseId, afterCaseId) > 0 && visibleCase(caseId) !== undefined)
        .sort(compareCaseIds);
      const found = [];
      for (const caseId of closed) {
        const summary = summaryOf(caseId, cases.get(caseId)!);
        if (summary?.status !== 'closed') continue;
        found.push({ caseId, pathId: summary.pathId, pathVersion: summary.pathVersion, seq: summary.seq, closedAt: summary.lastEventAt });
        if (found.length === limit) break;
      }
      return found;
    },
    async purgeCase(request: PurgeCaseRequest): Promise<PurgeCaseResult> {
      const { caseId, expectedSeq, closedAt, purgedAt } = request;
      if (organisation !== undefined) return { ok: false, failure: { ...purgeNotPermitted('purging a case'), caseId } };
      const stored = visibleCase(caseId);
      const last = stored?.events[stored.events.length - 1];
      if (!stored || !last || last.seq !== expectedSeq || last.at !== closedAt || stored.projection?.status !== 'closed')
        return {
          ok: false,
          failure: { code: 'CASE_CHANGED', message: `case '${excerptOf(caseId)}' was not purged: it is not as planned`, caseId },
        };
      const lastChain = stored.events.reduce((link, event) => plainChain.link(link, digestOf(event)), '');
      const receipt: ErasureReceipt = {
        caseId,
        pathId: last.path.id,
        pathVersion: last.path.version,
        closedAt: last.at,
        purgedAt,
        eventCount: stored.events.length,
        lastChain,
        ...(stored.organisation === undefined ? {} : { organisation: stored.organisation }),
      };
      cases.delete(caseId);
      data.consents.forget(caseId);
      // Arming none drops every row of the case, settled ones too, as the SQL purge does.
      deadlines.arm(caseId, last.path.id, [], stored.organisation);
      // The global log keeps append order for readAll: the case's events leave it too.
      const kept = all.filter((entry) => entry.event.caseId !== caseId);
      all.length = 0;
      all.push(...kept);
      receipts.set(caseId, { receipt, organisation: stored.organisation });
      return { ok: true, receipt };
    },
    async erasureReceipts(page) {
      const { afterCaseId, limit } = checkCasePage(page);
      return [...receipts.keys()]
        .filter((caseId) => compareCaseIds(caseId, afterCaseId) > 0 && seen(receipts.get(caseId)!.organisation))
        .sort(compareCaseIds)
        .slice(0, limit)
        .map((caseId) => receipts.get(caseId)!.receipt);
    },
  };
  return view;
}
