import type { ConsentDeclaration } from '../path/consentDeclaration.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { CaseAccess } from './accessLog.js';
import { organisationPattern, organisationProblem } from './organisation.js';

/**
 * The host's map from a consent's scope (the partner kind a path's consent event names, such as
 * `kela` or `employmentServices`) to the organisation code of that partner, e.g.
 * `{ kela: 'kela', employmentServices: 'te-uusimaa' }`. A scope the map leaves out shares with no one.
 */
export type SharingMap = Readonly<Record<string, string>>;

/** One change of a consent, written with the event that made it: what the store keeps per partner. */
export interface ConsentChange {
  /** The organisation the consent is for (the partner's code, from the host's {@link SharingMap}). */
  readonly grantee: string;
  /** The seq of the event that gave or withdrew it. */
  readonly seq: number;
  /** That event's instant. */
  readonly at: string;
  readonly change: 'given' | 'withdrawn';
}

/** What a store answers a read of a case that may be another organisation's. */
export type SharedRead =
  /** The case is not shared with the store's organisation: read it as the store's own (or unknown). */
  | { readonly kind: 'notShared' }
  /** A consent for the store's organisation is in force: the case, whole, and the access logged as a disclosure. */
  | { readonly kind: 'disclosed'; readonly events: readonly RecordedEvent[] }
  /** A consent for the store's organisation was recorded on the case and is no longer in force: nothing read or logged. */
  | { readonly kind: 'refused' };

/**
 * A store that keeps consent rows (schema step 8, the memory store): `append` writes the changes
 * its options carry in the same transaction, and `readShared` reads a case another organisation
 * shares with the store's.
 */
export interface ConsentStore {
  /**
   * For a store opened for an organisation: when a consent for it is in force on another
   * organisation's case, logs the access (a disclosure row) and reads the case whole, in one
   * transaction; when one was recorded and is withdrawn, reads and logs nothing (`refused`);
   * otherwise `notShared`. An unscoped store answers `notShared`.
   */
  readShared(caseId: string, access: CaseAccess): Promise<SharedRead>;
}

/** Whether a store keeps consent rows. @internal */
export function sharesCases(store: object): store is ConsentStore {
  return typeof (store as Partial<ConsentStore>).readShared === 'function';
}

/**
 * Why a value cannot be a {@link SharingMap}, naming the scope at fault (a sanitised key: never
 * client text), or `undefined` when it can.
 *
 * @example
 * ```ts
 * sharingProblem({ kela: 'kela', employmentServices: 'te-uusimaa' }); // undefined
 * sharingProblem({ kela: 'Kela, Helsinki' }); // { field: 'sharing.kela', expected: 'an organisation code: …' }
 * ```
 */
export function sharingProblem(sharing: unknown): { readonly field: string; readonly expected: string } | undefined {
  if (typeof sharing !== 'object' || sharing === null || Array.isArray(sharing))
    return { field: 'sharing', expected: 'an object from consent scope to organisation code' };
  for (const [scope, organisation] of Object.entries(sharing)) {
    if (scope.length > 64 || !organisationPattern.test(scope))
      return { field: 'sharing', expected: 'scopes that are codes of ASCII letters, digits and . _ - (at most 64)' };
    const problem = organisationProblem(organisation);
    if (problem !== undefined) return { field: `sharing.${scope}`, expected: `an organisation code: it ${problem}` };
  }
  return undefined;
}

/**
 * The consent changes a batch of events makes under a path's declaration and the host's map:
 * one per consent event whose scope the map names.
 *
 * @internal
 */
export function consentChangesOf(
  declaration: ConsentDeclaration | undefined,
  sharing: SharingMap | undefined,
  events: readonly RecordedEvent[],
): readonly ConsentChange[] {
  if (declaration === undefined || sharing === undefined) return [];
  const changes: ConsentChange[] = [];
  for (const event of events) {
    const change = event.type === declaration.given ? 'given' : event.type === declaration.withdrawn ? 'withdrawn' : undefined;
    if (change === undefined) continue;
    const scope = (event.payload as Record<string, unknown> | undefined)?.[declaration.scope];
    const grantee = typeof scope === 'string' && Object.hasOwn(sharing, scope) ? sharing[scope] : undefined;
    if (grantee !== undefined) changes.push({ grantee, seq: event.seq, at: event.at, change });
  }
  return changes;
}

/**
 * One consent row as the append keeps it (schema step 8): the partner, the seq and instant of the
 * event that gave it, and of the one that withdrew it (none while it is in force).
 */
export interface ConsentRow {
  readonly grantee: string;
  readonly givenSeq: number;
  readonly givenAt: string;
  readonly withdrawnSeq?: number;
  readonly withdrawnAt?: string;
}

/**
 * The rows a case's consent changes leave, in seq order, as the appends that made them write them:
 * a consent given is a new row; a withdrawal ends every row in force for its partner given before it.
 *
 * @internal
 */
export function consentRowsOf(changes: readonly ConsentChange[]): readonly ConsentRow[] {
  const rows: { grantee: string; givenSeq: number; givenAt: string; withdrawnSeq?: number; withdrawnAt?: string }[] = [];
  for (const change of [...changes].sort((a, b) => a.seq - b.seq)) {
    if (change.change === 'given') rows.push({ grantee: change.grantee, givenSeq: change.seq, givenAt: change.at });
    else
      for (const row of rows)
        if (row.grantee === change.grantee && row.withdrawnSeq === undefined && row.givenSeq < change.seq) {
          row.withdrawnSeq = change.seq;
          row.withdrawnAt = change.at;
        }
  }
  return rows;
}

/** One case's consent rows as {@link ConsentRestoreStore.restoreConsents} takes them. */
export interface ConsentRestore {
  readonly caseId: string;
  readonly rows: readonly ConsentRow[];
}

/**
 * Why the consent rows were not rebuilt: a store opened for an organisation, or (on a server) a
 * connection whose role works for one: rebuilding who may read a case is the administrator's.
 */
export interface RebuildNotPermitted {
  readonly code: 'REBUILD_NOT_PERMITTED';
  readonly message: string;
}

/** What {@link ConsentRestoreStore.restoreConsents} did: the rows it inserted or withdrew, or why it wrote none. */
export type ConsentRestoreResult =
  | { readonly ok: true; readonly written: number; readonly failure?: never }
  | { readonly ok: false; readonly failure: RebuildNotPermitted; readonly written?: never };

/**
 * A store whose consent rows can be rebuilt from its events (the memory, PGlite and PostgreSQL
 * stores): what `openCaseStore(...).rebuildConsents()` writes through.
 */
export interface ConsentRestoreStore {
  /**
   * Writes the rows the cases' events call for and the store lacks, in one transaction: a missing
   * row is inserted, a row still in force that the events withdraw is withdrawn, every other row
   * is left as it is (so a second call writes nothing). A case with no organisation (unassigned),
   * a row for the case's own organisation and a case no longer stored get none. Answers
   * `REBUILD_NOT_PERMITTED`, having written nothing, on a store opened for an organisation or, on
   * a server, as a role that works for one. An empty list writes nothing and only checks that.
   */
  restoreConsents(cases: readonly ConsentRestore[]): Promise<ConsentRestoreResult>;
}

/** Whether a store can rebuild its consent rows. @internal */
export function restoresConsents(store: object): store is ConsentRestoreStore {
  return typeof (store as Partial<ConsentRestoreStore>).restoreConsents === 'function';
}

/** The refusal of a rebuild by an organisation's store or role. @internal */
export function rebuildNotPermitted(): RebuildNotPermitted {
  return {
    code: 'REBUILD_NOT_PERMITTED',
    message:
      "rebuilding consent rows is the administrator's: open the store without an organisation (on a server, as the role that migrated it)",
  };
}
