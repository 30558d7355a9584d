import { excerptOf } from '../../clientExcerpt.js';
import type { RecordedEvent } from '../../path/recordedEvent.js';
import type { CaseQuery, CaseSummary, CaseloadQuery, ProjectionUpdate } from '../caseIndex.js';
import { caseIdProblem } from '../../case/caseId.js';
import {
  accessDenied,
  checkBatch,
  type AppendFailure,
  type AppendOptions,
  type AppendResult,
  type IndexedEventStore,
} from '../eventStore.js';
import type { ScanOptions } from '../scanOptions.js';
import { EventStoreError } from '../eventStoreError.js';
import { checkCaseQuery, checkCaseloadQuery } from '../queryCheck.js';
import { eventIdTaken, judgeRetry } from '../retriedBatch.js';
import { createEventChain, type IntegrityKey } from './eventChain.js';
import { IntegrityKeyError } from './integrityKeyError.js';
import { PartitioningError } from './partitioningError.js';
import { checkPartitions, type StorePartitions } from './storePartitions.js';
import {
  batchParameters,
  chainStart,
  checkHead,
  eventFromRow,
  followChain,
  followRows,
  type ChainPosition,
  type EventRow,
} from './eventRow.js';
import { migrateSchema, type SchemaMigrationReport } from './schemaMigrations.js';
import type { TelemetryOptions } from '../../telemetry/telemetryOptions.js';
import { traceStatements } from '../../telemetry/tracedStatements.js';
import type { SqlClient, SqlSession } from './sqlClient.js';
import { createSqlRetention } from './sqlRetention.js';
import { checkedOrganisation, type OrganisationScope } from '../organisation.js';
import { accessLogEntry, checkedAccess, type AccessLogRow } from '../accessLogRows.js';
import type { AccessLogStore } from '../accessLog.js';
import type { ConsentRestoreStore, ConsentStore } from '../consent.js';
import { createSqlConsent } from './sqlConsent.js';
import { createSqlAppendNewCases } from './sqlAppendNewCases.js';
import { checkClaim, checkClaimRequest, notHeld } from '../../deadlines/claimCheck.js';
import {
  largestClaimBatch,
  type ClaimRequest,
  type ClaimResult,
  type DeadlineClaim,
  type DeadlineFailure,
  type SettleResult,
} from '../../deadlines/deadlineClaims.js';
import { compareArmed } from '../../deadlines/memoryDeadlines.js';
import { caseRowColumns } from './caseRowColumns.js';
import { appendInputOnce } from '../appendInput.js';
import {
  appendProjected,
  appendUnprojected,
  batchShape,
  countActiveStatement,
  listCasesStatement,
  storeStatements,
  type FixedStatement,
} from './storeStatements.js';

/**
 * An event store in a PostgreSQL database (a server through `pg`, or PGlite): the
 * {@link IndexedEventStore} contract, plus the schema's migrations.
 */
export interface SqlEventStore extends IndexedEventStore, AccessLogStore, ConsentStore, ConsentRestoreStore {
  /**
   * Creates or updates the store's tables. Idempotent, and safe when several processes run it at
   * once (they take turns under an advisory lock). Run it once at start-up, before anything else.
   */
  migrate(): Promise<SchemaMigrationReport>;
  /**
   * Runs one read-only aggregate statement built by the engine (the indicators' counts, which the
   * database computes over the case rows and events). Not for host SQL. The engine builds it for
   * the store's scope, so a store opened for an organisation counts only that organisation's rows.
   *
   * @internal
   */
  aggregate<TRow>(build: AggregateStatement): Promise<readonly TRow[]>;
}

/** An aggregate statement as the engine builds it for a store's scope: the organisation it is opened for, if any. @internal */
export type AggregateStatement = (scope: { readonly organisation: string | undefined }) => {
  readonly text: string;
  readonly values: readonly unknown[];
};

interface SummaryRow {
  readonly case_id: string;
  readonly last_seq: number;
  readonly path_id: string;
  readonly path_version: number;
  readonly last_event_at: string;
  readonly state: string;
  readonly status: 'open' | 'closed';
  readonly assignee: string | null;
  readonly next_due: string | null;
}

const defaultReadPageSize = 5000;
/** A case's head row joined onto its event rows. */
interface HeadColumns {
  readonly head_seq: number | null;
  readonly head_chain: string | null;
  readonly head_seal: string | null;
}

const projectionBatch = 500;
/** Heads of the cases this store last read or appended to: most appends then need no extra read. */
const knownHeadsKept = 10_000;
/** A bound past every position: readCases checks every head. */
const everyPosition = '9223372036854775807';

/** Options both SQL stores take. */
export interface SqlStoreOptions extends OrganisationScope {
  /**
   * A secret kept outside the database (at least 32 bytes): each event's link in its case's chain
   * becomes an HMAC under it, so an edit made through SQL without the key is detected even when the
   * plain digest and the chain were recomputed. Give the same key every time the store is opened:
   * `migrate()` refuses another key, or a key for a store chained without one (and the reverse).
   */
  readonly integrityKey?: IntegrityKey;
  /**
   * For tests only: how many rows `readAll` and `readCases` fetch per statement (default 5 000).
   * A small page lets a test cross many page boundaries with a few events; a host has no reason to
   * change it.
   */
  readonly readPageSize?: number;
  /** What the store may put in its OpenTelemetry spans (no client data by default; docs/operations.md, Telemetry). */
  readonly telemetry?: TelemetryOptions;
  /**
   * Partition the store's tables by hash of the case id (native PostgreSQL partitioning): `migrate()`
   * creates them partitioned, or converts an unpartitioned store in place (schema step 7, in its one
   * transaction; writers wait for it). A store once partitioned stays so, opened with or without
   * this option; another count is refused with a `PartitioningError`. See docs/operations.md,
   * "Partitioning".
   */
  readonly partitions?: StorePartitions;
}

function readPageSizeOf(options: SqlStoreOptions): number {
  const size = options.readPageSize ?? defaultReadPageSize;
  if (!Number.isInteger(size) || size < 1 || size > 100_000) throw new RangeError('readPageSize must be an integer from 1 to 100 000');
  return size;
}

/** @internal */
export function createSqlEventStore(untraced: SqlClient, storeName: string, options: SqlStoreOptions = {}): SqlEventStore {
  // Every statement in a span named by its tag when a host installs a tracer; the store's own
  // operations are wrapped by each adapter (instrumentStore), which knows which store it is.
  const client = traceStatements(untraced);
  const pageSize = readPageSizeOf(options);
  const partitions = checkPartitions(options.partitions);
  const organisation = checkedOrganisation(options.organisation, storeName);
  /** The store's organisation as every statement takes it: NULL for an unscoped store. */
  const org = organisation ?? null;
  const chain = createEventChain(options.integrityKey);
  const knownHeads = new Map<string, ChainPosition>();

  function knowHead(caseId: string, head: ChainPosition): void {
    knownHeads.delete(caseId);
    if (knownHeads.size >= knownHeadsKept) knownHeads.delete(knownHeads.keys().next().value!);
    knownHeads.set(caseId, head);
  }

  /** The case's head as the store holds it now; the start of a chain for a case without one. */
  async function headOf(caseId: string): Promise<ChainPosition> {
    const [row] = await read<{ last_seq: number; chain: string }>(storeStatements.readHead, [caseId, org]);
    return row ? { seq: row.last_seq, link: row.chain } : chainStart;
  }

  /** Rows of one case in seq order, checked link by link and against its head. */
  function verifiedCase(caseId: string, rows: readonly (EventRow & HeadColumns)[]): RecordedEvent[] {
    const events: RecordedEvent[] = [];
    const at = followRows(chain, caseId, chainStart, rows, events);
    const last = rows[rows.length - 1];
    const seq = last?.head_seq ?? null;
    // A scan sends the head's link and seal only on the row at the head's seq: when the last row
    // is not that row, the head cannot match, and checkHead says how (cut off, or moved).
    const absent = seq === null ? null : '';
    checkHead(chain, caseId, at, { seq, chain: last?.head_chain ?? absent, seal: last?.head_seal ?? absent });
    return events;
  }

  /** One case, checked whole: every row, every link and the head, in one statement's snapshot. */
  async function readCase(caseId: string): Promise<readonly RecordedEvent[]> {
    // A case id outside the domain names no stored case (append refuses it): empty, as in the
    // memory store, rather than a driver error for a NUL or an oversized index key.
    if (caseIdProblem(caseId) !== undefined) return [];
    const rows = await read<EventRow & HeadColumns>(storeStatements.readCase, [caseId, org]);
    // No events: one row of nulls, with the head if the case has one (then its events are gone).
    const events = verifiedCase(caseId, rows[0]?.seq === null ? [] : rows);
    if (events.length === 0)
      checkHead(chain, caseId, chainStart, {
        seq: rows[0]?.head_seq ?? null,
        chain: rows[0]?.head_chain ?? null,
        seal: rows[0]?.head_seal ?? null,
      });
    else knowHead(caseId, { seq: events.length, link: rows[rows.length - 1]!.chain! });
    return events;
  }

  /**
   * After a scan: every case whose head is within the scan's bound must have been read to its
   * head (`readTo` says how far, or that the scan checked the case itself). One that was not lost
   * events, or had an append in flight when the scan began; a read of the case alone (one snapshot)
   * tells which, so a concurrent writer never raises a false alarm.
   */
  async function checkScannedHeads(end: string, readTo: (caseId: string) => number | 'checked', scan: ScanOptions): Promise<void> {
    let afterCase = '';
    for (;;) {
      const heads = await read<{ case_id: string; last_seq: number }>(storeStatements.headsPage, [end, afterCase, pageSize, org]);
      for (const head of heads) {
        const seq = readTo(head.case_id);
        if (seq === 'checked' || seq === head.last_seq) continue;
        try {
          await readCase(head.case_id);
        } catch (error) {
          reportOrThrow(error, scan);
        }
      }
      if (heads.length < pageSize) return;
      afterCase = heads[heads.length - 1]!.case_id;
    }
  }

  /** A tampered case is reported to `onUnreadable` when a scan has one; thrown otherwise. */
  function reportOrThrow(error: unknown, scan: ScanOptions): void {
    if (error instanceof EventStoreError && error.failure.code === 'TAMPERED_EVENT' && scan.onUnreadable) scan.onUnreadable(error.failure);
    else throw error;
  }

  /** Runs a read; an unreachable database or a missing schema becomes an error that says so. */
  async function read<TRow>(
    statement: FixedStatement | { readonly text: string; readonly name?: undefined },
    values: readonly unknown[],
  ): Promise<readonly TRow[]> {
    try {
      return (await client.query<TRow>(statement.text, values, statement.name)).rows;
    } catch (error) {
      throw explain(error);
    }
  }

  /**
   * Any error of a statement as an EventStoreError: an outage, or a failure the store does not
   * expect, typed with its SQLSTATE. A raw driver error never leaves the store. The driver's own
   * message is left out of STORE_FAILED: it can quote the value that was refused.
   */
  function explain(error: unknown): EventStoreError {
    if (error instanceof EventStoreError) return error;
    if (client.isUnavailable(error)) {
      return new EventStoreError(
        { code: 'STORE_UNAVAILABLE', message: `${storeName} is unavailable: ${messageOf(error)}` },
        { cause: error },
      );
    }
    const sqlState = sqlStateOf(error);
    const message =
      sqlState === '42P01'
        ? `${storeName}: the kykypolku tables do not exist; call store.migrate() once before using the store`
        : `${storeName} failed a statement unexpectedly (${describeSqlState(sqlState)})`;
    return new EventStoreError({ code: 'STORE_FAILED', message, sqlState }, { cause: error });
  }

  /**
   * Why an append wrote nothing. `collided`: the statement hit a row it cannot see (a seq or an
   * event id another organisation's case holds, or row-level security refused the row).
   */
  async function refusal(caseId: string, events: readonly RecordedEvent[], expectedSeq: number, collided = false): Promise<AppendResult> {
    const ids = events.flatMap((event) => (event.eventId === undefined ? [] : [event.eventId]));
    const [seqRows, storedRows] = await Promise.all([
      read<{ last_seq: number }>(storeStatements.caseSeq, [caseId, org]),
      ids.length === 0 ? Promise.resolve([]) : read<EventRow>(storeStatements.eventsByIds, [caseId, ids, org]),
    ]);
    const actualSeq = seqRows[0]?.last_seq ?? 0;
    const stored = new Map(storedRows.map((row) => [row.event_id!, eventFromRow(caseId, row)]));
    const retry = judgeRetry(events, stored);
    if (retry.kind === 'alreadyRecorded') return { ok: true, seq: retry.seq, alreadyRecorded: true };
    if (retry.kind === 'idTaken' && actualSeq === expectedSeq) {
      return { ok: false, failure: eventIdTaken(caseId, retry) };
    }
    // Still at the expected seq after a collision: the rows it hit are another organisation's.
    if (collided && actualSeq === expectedSeq) return { ok: false, failure: accessDenied(caseId) };
    return {
      ok: false,
      failure: {
        code: 'CONCURRENCY_CONFLICT',
        message: `case '${excerptOf(caseId)}' is at seq ${actualSeq}, not ${expectedSeq}: another writer appended first`,
        caseId,
        expectedSeq,
        actualSeq,
      },
    };
  }

  function unavailable(caseId: string, error: unknown): { ok: false; failure: AppendFailure } {
    return {
      ok: false,
      failure: {
        code: 'STORE_UNAVAILABLE',
        message:
          `${storeName} is unavailable, so whether case '${excerptOf(caseId)}' was appended to is unknown; ` +
          `append again with the same event ids, or reload the case: ${messageOf(error)}`,
        caseId,
      },
    };
  }

  /** One case read and checked inside a transaction (a purge's), with its head link. */
  async function readVerified(session: SqlSession, caseId: string): Promise<{ events: readonly RecordedEvent[]; lastChain: string }> {
    const { rows } = await session.query<EventRow & HeadColumns>(
      storeStatements.readCase.text,
      [caseId, org],
      storeStatements.readCase.name,
    );
    const stored = rows[0]?.seq === null ? [] : rows;
    const events = verifiedCase(caseId, stored);
    return { events, lastChain: stored[stored.length - 1]?.chain ?? '' };
  }

  const retention = createSqlRetention({
    client,
    chain,
    readVerified,
    explain,
    organisation,
    forget: (caseId) => knownHeads.delete(caseId),
  });

  /** A failure of a whole write as an append failure of `caseId`: unavailable, or refused by the database. */
  function writeFailureOf(caseId: string, error: unknown): AppendFailure {
    const explained = explain(error);
    if (explained.failure.code === 'STORE_UNAVAILABLE') return unavailable(caseId, error).failure;
    if (explained.failure.code !== 'STORE_FAILED') throw explained;
    const { sqlState } = explained.failure;
    const message = `${storeName} refused the batch, so nothing was written (${describeSqlState(sqlState)})`;
    return { code: 'STORE_FAILED', message, caseId, sqlState };
  }

  const appendNewCases = createSqlAppendNewCases({ client, chain, org, refusal, failureOf: writeFailureOf, knowHead });

  const sharing = createSqlConsent({ organisation, read, verify: verifiedCase, client, explain });

  return {
    ...retention,
    readShared: sharing.readShared,
    restoreConsents: sharing.restoreConsents,

    async migrate() {
      try {
        return await migrateSchema(client, chain, partitions ? { partitions } : {});
      } catch (error) {
        // The wrong key (or partition count) is the host's to fix, not a database failure: it keeps its own type.
        if (error instanceof IntegrityKeyError || error instanceof PartitioningError) throw error;
        throw explain(error);
      }
    },

    async append(caseId: string, hostEvents: readonly RecordedEvent[], hostOptions: AppendOptions): Promise<AppendResult> {
      const input = appendInputOnce(caseId, hostEvents, hostOptions);
      if ('failure' in input) return { ok: false, failure: input.failure };
      const { events, options } = input;
      const invalid = checkBatch(caseId, events, options.expectedSeq, options.projection);
      if (invalid) return { ok: false, failure: invalid };
      const expectedSeq = options.expectedSeq;
      try {
        if (events.length === 0) {
          const rows = await read<{ last_seq: number }>(storeStatements.caseSeq, [caseId, org]);
          const actualSeq = rows[0]?.last_seq ?? 0;
          if (actualSeq === expectedSeq) return { ok: true, seq: actualSeq, alreadyRecorded: false };
          return await refusal(caseId, events, expectedSeq);
        }
        const last = events[events.length - 1]!;
        const projection = options.projection;
        // A new case has no head to check against; a continued one is checked against its head alone.
        const start = expectedSeq === 0 ? 'new' : 'continued';
        const statement = projection ? appendProjected(events.length, start) : appendUnprojected(events.length, start);
        const caseRow = projection
          ? [
              ...caseRowColumns(last, projection),
              (projection.deadlines ?? []).map((deadline) => deadline.id),
              (projection.deadlines ?? []).map((deadline) => deadline.dueAt),
            ]
          : [];
        // The batch is chained to the case's head: the one this store last saw when it is still at
        // the expected seq (the statement checks it), else read now. A new case needs no read.
        const known = knownHeads.get(caseId);
        let from = expectedSeq === 0 ? chainStart : known?.seq === expectedSeq ? known : undefined;
        let collided = false;
        for (let attempt = 0; attempt < 2; attempt++) {
          from ??= await headOf(caseId);
          if (from.seq !== expectedSeq) break;
          const batch = batchParameters(events, batchShape(events.length), chain, from);
          const values = [
            caseId,
            expectedSeq,
            last.seq,
            from.link,
            batch.head.link,
            chain.seal(batch.head.seq, batch.head.link),
            ...caseRow,
            org,
            ...batch.values,
          ];
          let appended = false;
          try {
            const consents = options.consents ?? [];
            // The statement gives one row when the whole batch was appended (its head row written).
            appended =
              consents.length === 0
                ? (await client.query(statement.text, values, statement.name)).rows.length === 1
                : // The consents the events change are written with them, all or nothing (schema step 8).
                  await client.transaction(async (session) => {
                    const written = (await session.query(statement.text, values, statement.name)).rows.length === 1;
                    if (written) await sharing.writeConsents(session, caseId, consents);
                    return written;
                  });
          } catch (error) {
            // A unique violation: an event id or a seq the case already holds, or (42501) a row
            // row-level security refused. Judged below.
            const code = (error as { code?: unknown })?.code;
            if (code !== '23505' && code !== '42501') throw error;
            collided = true;
          }
          if (appended) {
            knowHead(caseId, batch.head);
            return { ok: true, seq: last.seq, alreadyRecorded: false };
          }
          knownHeads.delete(caseId);
          // Chained to a head this store remembered, which has moved on: read it once and try again.
          if (from === known) from = undefined;
          else break;
        }
        return await refusal(caseId, events, expectedSeq, collided);
      } catch (error) {
        const explained = explain(error);
        if (explained.failure.code === 'STORE_UNAVAILABLE') return unavailable(caseId, error);
        if (explained.failure.code === 'STORE_FAILED') {
          const { sqlState } = explained.failure;
          return {
            ok: false,
            failure: {
              code: 'STORE_FAILED',
              message: `${storeName} refused the batch, so nothing was written (${describeSqlState(sqlState)})`,
              caseId,
              sqlState,
            },
          };
        }
        throw explained;
      }
    },

    appendNewCases,

    read: readCase,

    async *readAll(scan: ScanOptions = {}): AsyncIterable<RecordedEvent> {
      // The last position now bounds the scan, so a reader does not chase concurrent appends forever.
      const [end] = await read<{ last_position: string }>(storeStatements.lastPosition, []);
      // Where each case's chain stands: memory grows with the cases, not the events.
      const chains = new Map<string, ChainPosition>();
      const unreadable: ChainPosition = { seq: -1, link: '' };
      let after = '0';
      for (;;) {
        const rows = await read<EventRow & { case_id: string; page_position: string }>(storeStatements.readAllPage, [
          after,
          end!.last_position,
          pageSize,
          org,
        ]);
        for (const row of rows) {
          // Each case's chain is followed across the scan; a broken case is skipped from there on.
          const at = chains.get(row.case_id) ?? chainStart;
          if (at === unreadable) continue;
          let next: ReturnType<typeof followChain>;
          try {
            next = followChain(chain, row.case_id, at, row);
          } catch (error) {
            reportOrThrow(error, scan);
            chains.set(row.case_id, unreadable);
            continue;
          }
          chains.set(row.case_id, next.at);
          yield next.event;
        }
        if (rows.length < pageSize) break;
        after = rows[rows.length - 1]!.page_position;
      }
      // A case's last events deleted: its chain ended short of its head.
      await checkScannedHeads(
        end!.last_position,
        (caseId) => {
          const at = chains.get(caseId);
          return at === unreadable ? 'checked' : (at?.seq ?? 0);
        },
        scan,
      );
    },

    async *readCases(scan: ScanOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
      type CaseRow = EventRow & HeadColumns & { case_id: string };
      const page = (afterCase: string, afterSeq: number): Promise<readonly CaseRow[]> => {
        const rows = read<CaseRow>(storeStatements.readCasesPage, [afterCase, afterSeq, pageSize, org]);
        // A page asked for ahead and never awaited (the reader stopped) must not be an unhandled rejection.
        rows.catch(() => undefined);
        return rows;
      };
      let current: CaseRow[] = [];
      // Every case a page showed was checked against its head there; what is left are heads with no events.
      const seen = new Set<string>();
      const finished = (): readonly RecordedEvent[] | undefined => {
        try {
          return verifiedCase(current[0]!.case_id, current);
        } catch (error) {
          reportOrThrow(error, scan);
          return undefined;
        }
      };
      let next = page('', 0);
      for (;;) {
        const rows = await next;
        const full = rows.length === pageSize;
        // The next page is asked for before this one is checked and handed on: the server reads and
        // sends it while the reader verifies and replays these cases.
        if (full) next = page(rows[rows.length - 1]!.case_id, rows[rows.length - 1]!.seq);
        for (const row of rows) {
          if (current.length > 0 && current[0]!.case_id !== row.case_id) {
            const events = finished();
            if (events) yield events;
            current = [];
          }
          if (current.length === 0) seen.add(row.case_id);
          current.push(row);
        }
        if (!full) break;
      }
      if (current.length > 0) {
        const events = finished();
        if (events) yield events;
      }
      await checkScannedHeads(everyPosition, (caseId) => (seen.has(caseId) ? 'checked' : 0), scan);
    },

    async listCases(query: CaseQuery = {}): Promise<readonly CaseSummary[]> {
      const { text, values } = listCasesStatement(checkCaseQuery(query), organisation);
      const rows = await read<SummaryRow>({ text }, values);
      return rows.map((row) => ({
        caseId: row.case_id,
        pathId: row.path_id,
        pathVersion: row.path_version,
        seq: row.last_seq,
        lastEventAt: row.last_event_at,
        state: row.state,
        status: row.status,
        assignee: row.assignee ?? undefined,
        nextDueAt: row.next_due ?? undefined,
      }));
    },

    async aggregate<TRow>(build: AggregateStatement): Promise<readonly TRow[]> {
      // The indicators group every case of a path before counting: with the default 4 MB the sorts
      // of 100 000 cases spill to disk. The setting lasts for this one read-only transaction.
      const statement = build({ organisation });
      try {
        return await client.transaction(async (session) => {
          await session.query(`/* kykypolku:aggregateMemory:scan */ SET LOCAL work_mem = '64MB'`);
          return (await session.query<TRow>(statement.text, statement.values)).rows;
        });
      } catch (error) {
        throw explain(error);
      }
    },

    async countActiveCases(query: CaseloadQuery): Promise<number> {
      const checked = checkCaseloadQuery(query);
      const { text, values } = countActiveStatement(checked.assignee, checked.pathId, organisation);
      const [row] = await read<{ active: number }>({ text }, values);
      return row?.active ?? 0;
    },

    async writeProjections(updates: readonly ProjectionUpdate[]): Promise<number> {
      let written = 0;
      // One transaction per batch of single-case updates: one commit per batch, each statement
      // still routed by case_id.
      for (let start = 0; start < updates.length; start += projectionBatch) {
        const batch = updates.slice(start, start + projectionBatch);
        try {
          written += await client.transaction(async (session) => {
            let count = 0;
            for (const { caseId, seq, projection } of batch) {
              const result = projection
                ? await session.query<{ written: number }>(
                    storeStatements.writeProjection.text,
                    [
                      caseId,
                      seq,
                      projection.state,
                      projection.status,
                      projection.assignee ?? null,
                      projection.nextDueAt ?? null,
                      (projection.deadlines ?? []).map((deadline) => deadline.id),
                      (projection.deadlines ?? []).map((deadline) => deadline.dueAt),
                      org,
                    ],
                    storeStatements.writeProjection.name,
                  )
                : await session.query<{ written: number }>(
                    storeStatements.clearProjection.text,
                    [caseId, seq, org],
                    storeStatements.clearProjection.name,
                  );
              count += result.rows[0]?.written ?? 0;
            }
            return count;
          });
        } catch (error) {
          throw explain(error);
        }
      }
      return written;
    },

    async claimDueDeadlines(request: ClaimRequest): Promise<ClaimResult> {
      const checked = checkClaimRequest(request);
      if (!checked.ok) return checked;
      const { now, limit, workerId, leaseUntil } = checked.request;
      try {
        const rows = await read<ClaimRow>(storeStatements.claimDue, [now, limit, workerId, leaseUntil, org]);
        const claims = rows.map(
          (row): DeadlineClaim => ({
            caseId: row.case_id,
            pathId: row.path_id,
            deadlineId: row.deadline_id,
            dueAt: row.due_at,
            workerId,
            leaseUntil,
            attempt: row.attempts,
          }),
        );
        return { ok: true, claims: claims.sort(compareArmed) };
      } catch (error) {
        return { ok: false, failure: deadlineFailureOf(explain(error)) };
      }
    },

    completeDeadline: (claim) => settle('completeDeadline', claim, true),
    releaseDeadline: (claim) => settle('releaseDeadline', claim, false),

    async logAccess(caseId, access) {
      const checked = checkedAccess(caseId, access);
      await read(storeStatements.logAccess, [caseId, checked.at, checked.actor.role, checked.actor.id, checked.purpose, org]);
    },

    async accessLog(caseId) {
      if (caseIdProblem(caseId) !== undefined) return [];
      return (await read<AccessLogRow>(storeStatements.accessLog, [caseId, org])).map((row) => accessLogEntry(caseId, row));
    },

    async casesToArm(limit: number): Promise<readonly string[]> {
      if (!Number.isInteger(limit) || limit < 1 || limit > largestClaimBatch)
        throw new RangeError(`casesToArm: limit must be an integer from 1 to ${largestClaimBatch}`);
      return (await read<{ case_id: string }>(storeStatements.casesToArm, [limit, org])).map((row) => row.case_id);
    },
  };

  async function settle(operation: string, claim: DeadlineClaim, complete: boolean): Promise<SettleResult> {
    const checked = checkClaim(operation, claim);
    if (!checked.ok) return checked;
    const held = checked.claim;
    const key = [held.caseId, held.deadlineId, new Date(held.dueMillis).toISOString()];
    try {
      const result = await client.query(
        storeStatements.settleClaim.text,
        [...key, held.attempt, held.workerId, complete, org],
        storeStatements.settleClaim.name,
      );
      if (result.rowCount === 1) return { ok: true };
      const [standing] = await read<{ settled: boolean }>(storeStatements.claimStanding, [...key, org]);
      return notHeld(held, standing === undefined ? 'moot' : standing.settled ? 'settled' : 'claimedAgain');
    } catch (error) {
      return { ok: false, failure: deadlineFailureOf(explain(error)) };
    }
  }
}

interface ClaimRow {
  readonly case_id: string;
  readonly path_id: string;
  readonly deadline_id: string;
  readonly due_at: string;
  readonly attempts: number;
}

/** A store error as a deadline call's failure: an outage, or a statement the store did not expect to fail. */
function deadlineFailureOf(error: EventStoreError): DeadlineFailure {
  const failure = error.failure;
  if (failure.code === 'STORE_UNAVAILABLE') return { code: 'STORE_UNAVAILABLE', message: failure.message };
  return { code: 'STORE_FAILED', message: failure.message, sqlState: failure.code === 'STORE_FAILED' ? failure.sqlState : undefined };
}

function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

// The SQLSTATEs a value outside what the store can hold gives, named so the message says why.
const knownSqlStates: Readonly<Record<string, string>> = {
  '54000': 'a value too large for the store, such as a case id or event id too long for its index',
  '22021': 'a character the database cannot store, such as a NUL',
  '22P05': 'a character the database cannot store in JSON, such as a NUL',
  '22009': 'an instant out of the range the database holds',
  '22008': 'an instant out of the range the database holds',
  '22007': 'an instant the database cannot read',
};

function describeSqlState(sqlState: string | undefined): string {
  if (sqlState === undefined) return 'no SQLSTATE';
  const known = knownSqlStates[sqlState];
  return known === undefined ? `SQLSTATE ${sqlState}` : `SQLSTATE ${sqlState}: ${known}`;
}

function messageOf(error: unknown): string {
  // Node's AggregateError (a refused connection on both IPv4 and IPv6) has no message, only a code.
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return message !== '' ? message : typeof code === 'string' ? code : 'no reason given';
}
