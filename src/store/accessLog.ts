import { hostIdMaxLength, hostIdPattern } from '../schema/codeStrings.js';
import { isoInstant } from '../time/instant.js';
import type { AccessLogRetentionStore } from '../retention/accessLogRetention.js';
import { organisationMaxLength, organisationPattern } from './organisation.js';

/**
 * Who reads a case, when and why: what a read through `openCaseStore(...).read` names, and what
 * the access log (käyttöloki, client-data act 703/2023) keeps of it. Codes and an instant only.
 */
export interface CaseAccess {
  /** The reader: a role code and the host's pseudonymous id of the person or service. */
  readonly actor: { readonly role: string; readonly id: string };
  /** Why the case is read: a code of the host's (`client-service`, `statistics`, `supervision`). */
  readonly purpose: string;
  /** When: an ISO 8601 instant from the host (the library has no clock). */
  readonly at: string;
}

/** One row of a case's access log. */
export interface AccessLogEntry extends CaseAccess {
  readonly caseId: string;
  /** The organisation of the store that read (undefined: an unscoped, administrator's store). */
  readonly organisation: string | undefined;
  /** The organisation the case belonged to when it was read, as the reader saw it (undefined: none, or not visible). */
  readonly caseOrganisation: string | undefined;
  /**
   * True when the reader's organisation is not the case's: the row is also a disclosure (luovutusloki)
   * entry: a partner's read of a case shared with it by consent (docs/developers.md, "Consent-gated sharing").
   */
  readonly disclosure: boolean;
}

/**
 * The access log of a store: an append-only list per case. The memory, PGlite and PostgreSQL
 * stores keep it (`kykypolku_access_log`, schema step 5; an organisation's database role may
 * insert and read its rows, never change or delete one). Rows past the log's own retention period
 * are removed by the administrator's store only (`purgeAccessLog`); a purged case's rows stay.
 */
export interface AccessLogStore extends AccessLogRetentionStore {
  /** Appends one row for `caseId`; throws an `EventStoreError` when the store cannot be reached. */
  logAccess(caseId: string, access: CaseAccess): Promise<void>;
  /** The case's rows in the order they were written: those the store's organisation made, or of its own case. */
  accessLog(caseId: string): Promise<readonly AccessLogEntry[]>;
}

/** Whether a store keeps an access log. @internal */
export function keepsAccessLog(store: object): store is AccessLogStore {
  const candidate = store as Partial<AccessLogStore>;
  return typeof candidate.logAccess === 'function' && typeof candidate.accessLog === 'function';
}

const codePattern = organisationPattern;

/**
 * Which field of a {@link CaseAccess} is not one, or `undefined` when it is: the field's name and
 * what it must be, never the value.
 *
 * @internal
 */
export function accessProblem(access: unknown): { readonly field: string; readonly expected: string } | undefined {
  if (typeof access !== 'object' || access === null) return { field: 'access', expected: 'an object { actor, purpose, at }' };
  const { actor, purpose, at } = access as Record<string, unknown>;
  const isId = (value: unknown) => typeof value === 'string' && value.length <= hostIdMaxLength && hostIdPattern.test(value);
  if (typeof actor !== 'object' || actor === null) return { field: 'actor', expected: 'an object { role, id }' };
  const { role, id } = actor as Record<string, unknown>;
  if (!isId(role)) return { field: 'actor.role', expected: 'a code of letters, digits and . _ : -' };
  if (!isId(id)) return { field: 'actor.id', expected: 'a pseudonymous id of letters, digits and . _ : -' };
  if (typeof purpose !== 'string' || purpose.length > organisationMaxLength || !codePattern.test(purpose))
    return { field: 'purpose', expected: `a code of ASCII letters, digits and . _ - (at most ${organisationMaxLength})` };
  if (!isoInstant.safeParse(at).success) return { field: 'at', expected: 'an ISO 8601 instant with an offset' };
  return undefined;
}
