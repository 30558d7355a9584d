import type { PathCatalogue } from '../catalogue/pathCatalogue.js';
import { replayFromCatalogue } from '../catalogue/replayFromCatalogue.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import {
  consentChangesOf,
  consentRowsOf,
  restoresConsents,
  type ConsentChange,
  type ConsentRestore,
  type RebuildNotPermitted,
  type SharingMap,
} from '../store/consent.js';
import type { IndexedEventStore } from '../store/eventStore.js';

/** Cases read between two writes of the rebuild: each batch of their rows is one transaction. */
export const consentRebuildBatch = 500;

/** How far {@link CaseStore.rebuildConsents} has come, after each batch it wrote. */
export interface ConsentRebuildProgress {
  /** Cases read so far (the skipped included). */
  readonly cases: number;
  /** Consent rows inserted or withdrawn so far. */
  readonly written: number;
  /** Cases skipped so far. */
  readonly skipped: number;
}

/** Options of {@link CaseStore.rebuildConsents}. */
export interface ConsentRebuildOptions {
  /** Called after each batch of cases is written (one transaction each), and once at the end. */
  readonly onProgress?: (progress: ConsentRebuildProgress) => void;
}

/** A case the rebuild left as it was: its code and the seq at fault, never its events' text. */
export interface ConsentRebuildSkip {
  readonly caseId: string;
  /** `TAMPERED_EVENT`: its events do not verify; `CASE_UNREADABLE`: they do not replay on the catalogue. */
  readonly code: 'TAMPERED_EVENT' | 'CASE_UNREADABLE';
  readonly seq: number | undefined;
}

/** Why the rebuild wrote nothing. */
export type ConsentRebuildFailure =
  | RebuildNotPermitted
  | {
      /** The case store was opened without `sharing`: no consent event names anyone to share with. */
      readonly code: 'NO_SHARING_MAP';
      readonly message: string;
    }
  | {
      /** The store keeps no consent rows (a host's own store without `restoreConsents`). */
      readonly code: 'CONSENTS_UNAVAILABLE';
      readonly message: string;
    };

/** What {@link CaseStore.rebuildConsents} did, or why it did nothing. */
export type ConsentRebuildReport =
  | {
      readonly ok: true;
      /** Cases read from the store, the skipped included. */
      readonly cases: number;
      /** Rows inserted or withdrawn: 0 on a store whose rows are whole already. */
      readonly written: number;
      /** Cases left as they were, in case id order. */
      readonly skipped: readonly ConsentRebuildSkip[];
      readonly failure?: never;
    }
  | { readonly ok: false; readonly failure: ConsentRebuildFailure };

/**
 * The consent changes of a case's events, each judged by the consent declaration of the path
 * version it was recorded under: what the appends that stored them would have written.
 */
function changesOf(paths: PathCatalogue<AnyPathDefinition>, sharing: SharingMap, events: readonly RecordedEvent[]): ConsentChange[] {
  const changes: ConsentChange[] = [];
  for (const event of events) {
    const declaration = paths.get(event.path.id, event.path.version)?.consent;
    if (declaration === undefined) continue;
    changes.push(...consentChangesOf(declaration, sharing, [event]));
  }
  return changes;
}

/**
 * Rebuilds the consent rows of every case of the store from its stored events, under the catalogue's
 * consent declarations and the writer's `sharing` map: the rows an append through a case store with
 * that map would have written. Reads the store by `readCases` (paged, every case verified); writes
 * the missing rows, and the withdrawals of rows still in force, a batch of {@link consentRebuildBatch}
 * cases per transaction.
 *
 * @internal
 */
export async function rebuildConsents<D extends AnyPathDefinition>(
  store: IndexedEventStore,
  paths: PathCatalogue<D>,
  sharing: SharingMap | undefined,
  options: ConsentRebuildOptions = {},
): Promise<ConsentRebuildReport> {
  if (sharing === undefined)
    return {
      ok: false,
      failure: {
        code: 'NO_SHARING_MAP',
        message: 'rebuildConsents: open the case store with { sharing }, the map its consents were given under',
      },
    };
  if (!restoresConsents(store))
    return { ok: false, failure: { code: 'CONSENTS_UNAVAILABLE', message: 'rebuildConsents: the store keeps no consent rows' } };
  // Asked first, so an organisation's store or role is refused before anything is read.
  const permitted = await store.restoreConsents([]);
  if (!permitted.ok) return permitted;
  let cases = 0;
  let written = 0;
  const skipped: ConsentRebuildSkip[] = [];
  let pending: ConsentRestore[] = [];
  /** The count of cases read at the last write: a batch is the cases read since. */
  let flushedAt = 0;
  let refused: RebuildNotPermitted | undefined;
  const flush = async (): Promise<void> => {
    const result = await store.restoreConsents(pending);
    pending = [];
    flushedAt = cases;
    if (!result.ok) refused = result.failure;
    else written += result.written;
    options.onProgress?.({ cases, written, skipped: skipped.length });
  };
  const onUnreadable = (failure: { readonly caseId: string; readonly seq: number }) => {
    cases++;
    skipped.push({ caseId: failure.caseId, code: 'TAMPERED_EVENT', seq: failure.seq });
  };
  for await (const events of store.readCases({ onUnreadable })) {
    cases++;
    const caseId = events[0]!.caseId;
    const replayed = replayFromCatalogue(paths, events, { caseId });
    if (!replayed.ok) {
      const reason = replayed.failure;
      skipped.push({ caseId, code: 'CASE_UNREADABLE', seq: 'seq' in reason ? reason.seq : undefined });
    } else {
      const rows = consentRowsOf(changesOf(paths, sharing, events));
      if (rows.length > 0) pending.push({ caseId, rows });
    }
    if (cases - flushedAt >= consentRebuildBatch) await flush();
    if (refused) return { ok: false, failure: refused };
  }
  await flush();
  if (refused) return { ok: false, failure: refused };
  skipped.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  return { ok: true, cases, written, skipped };
}
