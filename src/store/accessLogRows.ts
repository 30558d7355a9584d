import { caseIdProblem } from '../case/caseId.js';
import { accessProblem, type AccessLogEntry, type CaseAccess } from './accessLog.js';

/** An access-log row as the SQL stores keep it. @internal */
export interface AccessLogRow {
  readonly at: string;
  readonly actor_role: string;
  readonly actor_id: string;
  readonly purpose: string;
  readonly organisation: string | null;
  readonly case_organisation: string | null;
}

/** A row as an entry: a disclosure when both organisations are known and differ. @internal */
export function accessLogEntry(caseId: string, row: AccessLogRow): AccessLogEntry {
  return entryOf(
    caseId,
    { actor: { role: row.actor_role, id: row.actor_id }, purpose: row.purpose, at: row.at },
    row.organisation ?? undefined,
    row.case_organisation ?? undefined,
  );
}

/** @internal */
export function entryOf(
  caseId: string,
  access: CaseAccess,
  organisation: string | undefined,
  caseOrganisation: string | undefined,
): AccessLogEntry {
  const disclosure = organisation !== undefined && caseOrganisation !== undefined && organisation !== caseOrganisation;
  return {
    caseId,
    actor: { role: access.actor.role, id: access.actor.id },
    purpose: access.purpose,
    at: access.at,
    organisation,
    caseOrganisation,
    disclosure,
  };
}

/**
 * The access as the store writes it, or a `TypeError` naming the field: openCaseStore checks it
 * first and answers INVALID_ACCESS, so only a host calling the store directly meets the throw.
 *
 * @internal
 */
export function checkedAccess(caseId: string, access: CaseAccess): CaseAccess {
  const badCase = caseIdProblem(caseId);
  if (badCase !== undefined) throw new TypeError(`logAccess: the case id ${badCase}`);
  const problem = accessProblem(access);
  if (problem) throw new TypeError(`logAccess: ${problem.field} must be ${problem.expected}`);
  return access;
}
