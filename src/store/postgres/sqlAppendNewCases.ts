import type { RecordedEvent } from '../../path/recordedEvent.js';
import type { AppendFailure, AppendNewCasesResult, AppendResult, NewCase } from '../eventStore.js';
import { EventStoreError } from '../eventStoreError.js';
import { readNewCases } from '../newCases.js';
import { appendNewCasesStatement, largestNewCasesStatement } from './appendNewCasesStatement.js';
import type { EventChain } from './eventChain.js';
import { caseRowColumns } from './caseRowColumns.js';
import { batchParameters, chainStart, type ChainPosition } from './eventRow.js';
import type { SqlClient } from './sqlClient.js';

/** What appendNewCases needs of the SQL store it is part of. @internal */
export interface NewCasesDependencies {
  readonly client: SqlClient;
  readonly chain: EventChain;
  /** The store's organisation as statements take it: NULL for an unscoped store. */
  readonly org: string | null;
  /** Why an append of one case at expectedSeq 0 wrote nothing (the single append's judgement). */
  readonly refusal: (caseId: string, events: readonly RecordedEvent[], expectedSeq: number, collided: boolean) => Promise<AppendResult>;
  /** A failure of the whole call as an append failure of its first case (unavailable, or refused by the database). */
  readonly failureOf: (caseId: string, error: unknown) => AppendFailure;
  readonly knowHead: (caseId: string, head: ChainPosition) => void;
}

/** Thrown inside the transaction to roll it back when a case was not written; never leaves this module. */
class CaseNotWritten extends Error {}

/** One row's values onto the ends of parallel columns. */
function pushRow(columns: unknown[][], row: readonly unknown[]): void {
  for (let column = 0; column < row.length; column++) columns[column]!.push(row[column]);
}

/** The parameters of one statement: the cases in case id order, each chained from the start. */
function parametersOf(cases: readonly NewCase[], chain: EventChain, org: string | null): { values: unknown[]; heads: ChainPosition[] } {
  const events: unknown[][] = Array.from({ length: 12 }, () => []);
  const headColumns: unknown[][] = [[], [], [], []];
  const rowColumns: unknown[][] = Array.from({ length: 9 }, () => []);
  const deadlineColumns: unknown[][] = [[], [], [], []];
  const heads: ChainPosition[] = [];
  for (const { caseId, events: history, projection } of cases) {
    const batch = batchParameters(history, 'rows', chain, chainStart);
    const values = batch.values;
    for (let row = 0; row < history.length; row++) {
      events[0]!.push(caseId);
      for (let column = 0; column < 11; column++) events[column + 1]!.push(values[row * 11 + column]);
    }
    heads.push(batch.head);
    pushRow(headColumns, [caseId, batch.head.seq, batch.head.link, chain.seal(batch.head.seq, batch.head.link)]);
    if (projection) {
      const last = history[history.length - 1]!;
      pushRow(rowColumns, [caseId, last.seq, ...caseRowColumns(last, projection)]);
      for (const deadline of projection.deadlines ?? []) {
        pushRow(deadlineColumns, [caseId, deadline.id, deadline.dueAt, last.path.id]);
      }
    }
  }
  return { values: [...events, org, ...headColumns, ...rowColumns, ...deadlineColumns], heads };
}

/**
 * The SQL stores' appendNewCases: every case in one transaction, a statement per
 * {@link largestNewCasesStatement} cases. When a case was not written (the store holds it), the
 * transaction is rolled back and the cases are judged one by one as `append` judges a batch.
 *
 * @internal
 */
export function createSqlAppendNewCases(deps: NewCasesDependencies): (cases: readonly NewCase[]) => Promise<AppendNewCasesResult> {
  const { client, chain, org } = deps;

  /** Why the call wrote nothing, for the first case the store holds: a retry of stored cases is answered as such. */
  async function judge(sorted: readonly NewCase[], missing: ReadonlySet<string> | undefined, order: ReadonlyMap<string, number>) {
    let recorded = 0;
    for (const newCase of sorted) {
      if (missing !== undefined && !missing.has(newCase.caseId)) continue;
      const judged = await deps.refusal(newCase.caseId, newCase.events, 0, true);
      if (judged.ok && judged.seq === newCase.events.length) {
        recorded++;
        continue;
      }
      // Nothing of the case is stored, but the statement hit a row it cannot see: another organisation's case.
      if (!judged.ok) return { ok: false as const, failure: judged.failure, entry: order.get(newCase.caseId)! };
      return {
        ok: false as const,
        failure: {
          code: 'CONCURRENCY_CONFLICT' as const,
          message: `case is at seq ${judged.seq}, not 0: the store holds it already`,
          caseId: newCase.caseId,
          expectedSeq: 0,
          actualSeq: judged.seq,
        },
        entry: order.get(newCase.caseId)!,
      };
    }
    if (recorded === sorted.length) return { ok: true as const, cases: 0, events: 0, alreadyRecorded: true };
    // Some stored already and some not: another writer's cases, not a retry of this call.
    const first = sorted.find((newCase) => missing?.has(newCase.caseId)) ?? sorted[0]!;
    const failure: AppendFailure = {
      code: 'CONCURRENCY_CONFLICT',
      message: `case is at seq ${first.events.length}, not 0: the store holds it already`,
      caseId: first.caseId,
      expectedSeq: 0,
      actualSeq: first.events.length,
    };
    return { ok: false as const, failure, entry: order.get(first.caseId)! };
  }

  return async function appendNewCases(hostCases: readonly NewCase[]): Promise<AppendNewCasesResult> {
    const checked = readNewCases(hostCases);
    if ('failure' in checked) return { ok: false, failure: checked.failure, entry: checked.entry };
    const cases = checked.cases;
    if (cases.length === 0) return { ok: true, cases: 0, events: 0, alreadyRecorded: false };
    const order = new Map(cases.map((newCase, entry) => [newCase.caseId, entry]));
    // Case id order: two calls over the same cases lock their rows in the same order.
    const sorted = [...cases].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
    const heads = new Map<string, ChainPosition>();
    let missing: Set<string> | undefined;
    try {
      await client.transaction(async (session) => {
        for (let from = 0; from < sorted.length; from += largestNewCasesStatement) {
          const part = sorted.slice(from, from + largestNewCasesStatement);
          const { values, heads: partHeads } = parametersOf(part, chain, org);
          const { rows } = await session.query<{ case_id: string }>(appendNewCasesStatement.text, values, appendNewCasesStatement.name);
          if (rows.length !== part.length) {
            const written = new Set(rows.map((row) => row.case_id));
            missing = new Set(part.filter((newCase) => !written.has(newCase.caseId)).map((newCase) => newCase.caseId));
            throw new CaseNotWritten();
          }
          for (const [index, newCase] of part.entries()) heads.set(newCase.caseId, partHeads[index]!);
        }
      });
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      if (error instanceof CaseNotWritten) return await judgeSafely(sorted, missing, order);
      // A row row-level security refused (42501) or a unique index the statement does not name: judged case by case.
      if (code === '23505' || code === '42501') return await judgeSafely(sorted, undefined, order);
      return { ok: false, failure: deps.failureOf(cases[0]!.caseId, error), entry: 0 };
    }
    for (const [caseId, head] of heads) deps.knowHead(caseId, head);
    return {
      ok: true,
      cases: cases.length,
      events: cases.reduce((sum, newCase) => sum + newCase.events.length, 0),
      alreadyRecorded: false,
    };
  };

  async function judgeSafely(
    sorted: readonly NewCase[],
    missing: ReadonlySet<string> | undefined,
    order: ReadonlyMap<string, number>,
  ): Promise<AppendNewCasesResult> {
    try {
      return await judge(sorted, missing, order);
    } catch (error) {
      if (error instanceof EventStoreError) return { ok: false, failure: deps.failureOf(sorted[0]!.caseId, error), entry: 0 };
      throw error;
    }
  }
}
