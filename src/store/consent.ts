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
