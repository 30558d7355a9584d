import { chainStart, eventFromRow, type ChainPosition, type EventRow } from './eventRow.js';
import type { EventChain } from './eventChain.js';
import type { SqlSession } from './sqlClient.js';

/** What sealing the rows of an older schema did. */
export interface SealReport {
  /** Cases whose every event is now in the chain, with a head row. */
  readonly sealedCases: number;
  /**
   * Cases left out: a row whose digest no longer matched its event (changed outside the store
   * before the upgrade), or a gap in its seqs. Their rows from that seq on stay unchained, so the
   * case reads as TAMPERED_EVENT at that seq, as it did before.
   */
  readonly damaged: readonly { readonly caseId: string; readonly seq: number }[];
}

const pageSize = 5000;

/**
 * Brings the events of a store written before the chain (schema 1) into it, case by case: each row
 * whose digest still matches its event gets its link, and each whole case its head. Runs once,
 * inside the migration's transaction, with the store's key: nothing else writes meanwhile.
 *
 * @internal
 */
export async function sealEvents(session: SqlSession, chain: EventChain): Promise<SealReport> {
  let sealedCases = 0;
  const damaged: { caseId: string; seq: number }[] = [];
  let caseId: string | undefined;
  let at: ChainPosition = chainStart;
  let broken = false;
  let links: { seq: number; link: string }[] = [];

  async function flush(): Promise<void> {
    if (links.length === 0) return;
    await session.query(
      `/* kykypolku:sealLinks:schema */ UPDATE kykypolku_events e SET chain = l.link
         FROM unnest($2::int[], $3::text[]) AS l(seq, link) WHERE e.case_id = $1 AND e.seq = l.seq`,
      [caseId, links.map((link) => link.seq), links.map((link) => link.link)],
    );
    links = [];
  }

  async function finishCase(): Promise<void> {
    await flush();
    if (caseId === undefined || broken) return;
    await session.query(
      `/* kykypolku:sealHead:schema */ INSERT INTO kykypolku_heads (case_id, last_seq, chain, seal, last_position)
         SELECT $1, $2, $3, $4, max(position) FROM kykypolku_events WHERE case_id = $1`,
      [caseId, at.seq, at.link, chain.seal(at.seq, at.link)],
    );
    sealedCases++;
  }

  let afterCase = '';
  let afterSeq = 0;
  for (;;) {
    const { rows } = await session.query<EventRow & { case_id: string }>(
      '/* kykypolku:sealPage:schema */ SELECT case_id, seq, event_id, path_id, path_version, type, at, ' +
        `actor_role, actor_id, payload, digest, chain
         FROM kykypolku_events WHERE (case_id, seq) > ($1, $2) ORDER BY case_id, seq LIMIT $3`,
      [afterCase, afterSeq, pageSize],
    );
    for (const row of rows) {
      if (row.case_id !== caseId) {
        await finishCase();
        caseId = row.case_id;
        at = chainStart;
        broken = false;
      }
      if (broken) continue;
      let intact = row.seq === at.seq + 1;
      try {
        // Throws TAMPERED_EVENT when the row no longer matches its digest.
        if (intact) eventFromRow(row.case_id, row);
      } catch {
        intact = false;
      }
      if (!intact) {
        broken = true;
        damaged.push({ caseId: row.case_id, seq: at.seq + 1 });
        continue;
      }
      at = { seq: row.seq, link: chain.link(at.link, row.digest) };
      links.push({ seq: row.seq, link: at.link });
      if (links.length >= pageSize) await flush();
    }
    if (rows.length < pageSize) break;
    afterCase = rows[rows.length - 1]!.case_id;
    afterSeq = rows[rows.length - 1]!.seq;
  }
  await finishCase();
  return { sealedCases, damaged };
}
