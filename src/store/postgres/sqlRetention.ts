import { excerptOf } from '../../clientExcerpt.js';
import type { RecordedEvent } from '../../path/recordedEvent.js';
import {
  checkCasePage,
  type ErasureReceipt,
  type PurgeCaseRequest,
  type PurgeCaseResult,
  type RetentionStore,
} from '../../retention/retentionStore.js';
import { purgeNotPermitted, type AccessLogRetentionStore } from '../../retention/accessLogRetention.js';
import { EventStoreError } from '../eventStoreError.js';
import type { EventChain } from './eventChain.js';
import { retentionStatements } from './retentionStatements.js';
import type { SqlClient, SqlSession } from './sqlClient.js';

/** What the SQL store lends its retention side. @internal */
export interface SqlRetentionParts {
  readonly client: SqlClient;
  readonly chain: EventChain;
  /** Reads and verifies one case in `session` (its chain and head), throwing TAMPERED_EVENT. */
  readonly readVerified: (session: SqlSession, caseId: string) => Promise<{ events: readonly RecordedEvent[]; lastChain: string }>;
  readonly explain: (error: unknown) => EventStoreError;
  /** The organisation the store is opened for: the plan lists only its cases. */
  readonly organisation: string | undefined;
  /** Forgets what the store remembers of a case (its head). */
  readonly forget: (caseId: string) => void;
}

/**
 * The canonical text a receipt's seal covers: every column but the seal. The organisation (schema
 * step 9) is covered when the receipt has one, so a receipt moved to another organisation through
 * SQL is detected under a key, and a receipt sealed before step 9 (none) still verifies. @internal
 */
export function receiptFields(receipt: ErasureReceipt): string {
  return JSON.stringify([
    receipt.caseId,
    receipt.pathId,
    receipt.pathVersion,
    receipt.closedAt,
    receipt.purgedAt,
    receipt.eventCount,
    receipt.lastChain,
    ...(receipt.organisation === undefined ? [] : [receipt.organisation]),
  ]);
}

interface ReceiptRow {
  readonly case_id: string;
  readonly path_id: string;
  readonly path_version: number;
  readonly closed_at: string;
  readonly purged_at: string;
  readonly event_count: number;
  readonly last_chain: string;
  readonly seal: string;
  readonly organisation: string | null;
}

/** Thrown inside the purge's transaction to roll it back with the reason. */
class PurgeRefused extends Error {
  constructor(readonly result: PurgeCaseResult) {
    super('purge refused');
  }
}

/** The {@link RetentionStore} side of the SQL stores. @internal */
export function createSqlRetention(parts: SqlRetentionParts): RetentionStore & AccessLogRetentionStore {
  const { client, chain, explain } = parts;

  const changed = (caseId: string, why: string): PurgeCaseResult => ({
    ok: false,
    failure: { code: 'CASE_CHANGED', message: `case '${excerptOf(caseId)}' was not purged: ${why}`, caseId },
  });

  return {
    ...(parts.organisation === undefined ? {} : { organisation: parts.organisation }),

    async closedCases(page) {
      const { afterCaseId, limit } = checkCasePage(page);
      try {
        const { rows } = await client.query<{
          case_id: string;
          path_id: string;
          path_version: number;
          last_seq: number;
          last_event_at: string;
        }>(retentionStatements.closedCases.text, [afterCaseId, limit, parts.organisation ?? null], retentionStatements.closedCases.name);
        return rows.map((row) => ({
          caseId: row.case_id,
          pathId: row.path_id,
          pathVersion: row.path_version,
          seq: row.last_seq,
          closedAt: row.last_event_at,
        }));
      } catch (error) {
        throw explain(error);
      }
    },

    async purgeCase(request: PurgeCaseRequest): Promise<PurgeCaseResult> {
      const { caseId, expectedSeq, closedAt, purgedAt } = request;
      // Before any SQL: on a server the organisation's role could not delete the events anyway
      // (append-only for it), and the refusal is the same on every store.
      if (parts.organisation !== undefined) return { ok: false, failure: { ...purgeNotPermitted('purging a case'), caseId } };
      try {
        return await client.transaction(async (session) => {
          const locked = await session.query<{ last_seq: number; organisation: string | null }>(
            retentionStatements.lockHead.text,
            [caseId],
            retentionStatements.lockHead.name,
          );
          if (locked.rows[0]?.last_seq !== expectedSeq) throw new PurgeRefused(changed(caseId, 'its head is not at the seq planned'));
          let read: { events: readonly RecordedEvent[]; lastChain: string };
          try {
            read = await parts.readVerified(session, caseId);
          } catch (error) {
            if (error instanceof EventStoreError && error.failure.code === 'TAMPERED_EVENT') {
              const { message, seq } = error.failure;
              throw new PurgeRefused({ ok: false, failure: { code: 'TAMPERED_EVENT', message, caseId, seq } });
            }
            throw error;
          }
          const last = read.events[read.events.length - 1];
          if (!last || last.seq !== expectedSeq || last.at !== closedAt)
            throw new PurgeRefused(changed(caseId, 'its last event is not the closing one planned'));
          const row = await session.query<{ path_id: string; path_version: number }>(
            retentionStatements.closedRow.text,
            [caseId, expectedSeq],
            retentionStatements.closedRow.name,
          );
          if (row.rows.length === 0) throw new PurgeRefused(changed(caseId, 'its row is not closed at the seq planned'));
          const receipt: ErasureReceipt = {
            caseId,
            pathId: last.path.id,
            pathVersion: last.path.version,
            closedAt: last.at,
            purgedAt,
            eventCount: read.events.length,
            lastChain: read.lastChain,
            ...(locked.rows[0].organisation === null ? {} : { organisation: locked.rows[0].organisation }),
          };
          const purged = await session.query<{ event_count: number }>(
            retentionStatements.purgeCase.text,
            [
              caseId,
              receipt.pathId,
              receipt.pathVersion,
              receipt.closedAt,
              purgedAt,
              receipt.lastChain,
              chain.sealReceipt(receiptFields(receipt)),
              receipt.organisation ?? null,
            ],
            retentionStatements.purgeCase.name,
          );
          // Rows the verified read did not see (an append racing past the head's lock) roll it all back.
          if (purged.rows[0]?.event_count !== receipt.eventCount)
            throw new PurgeRefused(changed(caseId, 'its events changed during the purge'));
          parts.forget(caseId);
          return { ok: true, receipt };
        });
      } catch (error) {
        if (error instanceof PurgeRefused) return error.result;
        const explained = explain(error);
        // A role the server does not let delete (an organisation's, opened as an unscoped store): rolled back, typed.
        if (refusedByServer(explained)) return { ok: false, failure: { ...purgeNotPermitted('purging a case'), caseId } };
        throw explained;
      }
    },

    async erasureReceipts(page) {
      const { afterCaseId, limit } = checkCasePage(page);
      let rows: readonly ReceiptRow[];
      try {
        rows = (
          await client.query<ReceiptRow>(
            retentionStatements.receiptsPage.text,
            [afterCaseId, limit, parts.organisation ?? null],
            retentionStatements.receiptsPage.name,
          )
        ).rows;
      } catch (error) {
        throw explain(error);
      }
      return rows.map((row) => {
        const receipt: ErasureReceipt = {
          caseId: row.case_id,
          pathId: row.path_id,
          pathVersion: row.path_version,
          closedAt: row.closed_at,
          purgedAt: row.purged_at,
          eventCount: row.event_count,
          lastChain: row.last_chain,
          ...(row.organisation === null ? {} : { organisation: row.organisation }),
        };
        if (row.seal !== chain.sealReceipt(receiptFields(receipt)))
          throw new EventStoreError({
            code: 'TAMPERED_EVENT',
            message:
              `the erasure receipt of case '${excerptOf(row.case_id)}' does not match its seal; ` +
              'it was written or changed outside the store',
            caseId: row.case_id,
            seq: row.event_count,
          });
        return receipt;
      });
    },

    async countAccessLog({ before }) {
      if (typeof before !== 'string' || Number.isNaN(Date.parse(before)))
        throw new RangeError('countAccessLog: before must be an ISO instant');
      try {
        const { rows } = await client.query<{ rows: number }>(
          retentionStatements.countAccessLog.text,
          [new Date(before).toISOString(), parts.organisation ?? null],
          retentionStatements.countAccessLog.name,
        );
        return rows[0]?.rows ?? 0;
      } catch (error) {
        throw explain(error);
      }
    },

    async purgeAccessLog({ before }) {
      if (parts.organisation !== undefined) return { ok: false, failure: purgeNotPermitted('purging the access log') };
      if (typeof before !== 'string' || Number.isNaN(Date.parse(before)))
        throw new RangeError(
          'purgeAccessLog: before must be an ISO instant; openCaseStore(...).purgeAccessLog works it out from now and keepFor',
        );
      const cutoff = new Date(before).toISOString();
      try {
        const deleted = await client.query(retentionStatements.purgeAccessLog.text, [cutoff], retentionStatements.purgeAccessLog.name);
        return { ok: true, purged: deleted.rowCount ?? 0, before: cutoff };
      } catch (error) {
        const explained = explain(error);
        if (refusedByServer(explained)) return { ok: false, failure: purgeNotPermitted('purging the access log') };
        throw explained;
      }
    },
  };
}

/** PostgreSQL's insufficient_privilege: the connection's role may not run the statement. */
function refusedByServer(error: EventStoreError): boolean {
  return error.failure.code === 'STORE_FAILED' && error.failure.sqlState === '42501';
}
