/**
 * The most characters of an organisation code: room for an OID (`1.2.246.10.12345678.10`) or a
 * business id (`0245437-2`) with a prefix, never for a name typed in.
 */
export const organisationMaxLength = 64;

/** An organisation code: ASCII letters, digits and `. _ -`, starting with a letter or digit. */
export const organisationPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Why a value cannot be an organisation code (the data controller a case belongs to), or
 * `undefined` when it can. The reason never repeats the value.
 *
 * @example
 * ```ts
 * organisationProblem('1.2.246.10.12345678'); // undefined
 * organisationProblem('Kela, Helsinki'); // 'may hold only ASCII letters, digits and . _ - (starting with a letter or digit)'
 * ```
 */
export function organisationProblem(organisation: unknown): string | undefined {
  if (typeof organisation !== 'string') return `must be a string, got ${organisation === null ? 'null' : typeof organisation}`;
  if (organisation.length === 0) return 'must not be empty';
  if (organisation.length > organisationMaxLength) return `must be at most ${organisationMaxLength} characters, got ${organisation.length}`;
  if (!organisationPattern.test(organisation)) return 'may hold only ASCII letters, digits and . _ - (starting with a letter or digit)';
  return undefined;
}

/**
 * The organisation a store is opened for, checked: a host's configuration error is a `TypeError`
 * at the store's creation, never a failure of the first append.
 *
 * @internal
 */
export function checkedOrganisation(organisation: unknown, where: string): string | undefined {
  if (organisation === undefined) return undefined;
  const problem = organisationProblem(organisation);
  if (problem !== undefined) throw new TypeError(`${where}: organisation ${problem}`);
  return organisation as string;
}

/** Options every store takes for the data controller it works for. */
export interface OrganisationScope {
  /**
   * The organisation (data controller, rekisterinpitäjä) the store is opened for: it writes new
   * cases as that organisation's and sees and writes only that organisation's cases. Without it
   * the store is unscoped: an administrator's store, which sees every case and writes new cases
   * without an organisation ("unassigned"). A case keeps the organisation of its first append.
   */
  readonly organisation?: string;
}
