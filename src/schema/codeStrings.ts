import { z } from 'zod';

// Every string the engine stores is a code with a bound, never free text (issue 11, defect 10).
// The patterns use explicit classes and no `\d`, `\w` or `\s`: they are exported as JSON Schema to
// hosts whose regex engines (Python, .NET, Java) read those differently from ECMAScript.

/** The most characters of a path id (`workability-path`): a slug, not a title. */
export const pathIdMaxLength = 64;

/** A path id: lowercase words joined by dashes. */
export const pathIdPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The most characters of an event type (`CONTACT_RECEIVED`); `definePath` refuses longer ones. */
export const eventTypeMaxLength = 64;

/**
 * The longest case id, in UTF-16 code units. At most 3 bytes of UTF-8 each, so 600 bytes: with an
 * event id of the same bound, the widest index entry (`case_id, event_id`) stays well under the
 * 2 704 bytes a PostgreSQL btree entry may take (a 3 000-character id failed with 54000).
 *
 * @example
 * ```ts
 * openCase(workabilityPath, { caseId: 'c'.repeat(maxCaseIdLength) }); // the longest id there is
 * ```
 */
export const maxCaseIdLength = 200;

/**
 * The most characters of a host's id (a case id, an actor id, an event id): room for a URN with a
 * UUID and a prefix; the bound `openCase` puts on a caseId.
 */
export const hostIdMaxLength = maxCaseIdLength;

/**
 * A host's id given inside a payload (`referredFrom.caseId`): letters, digits and `. _ : -`, no
 * spaces, so a name, a personal identity code with a name, or a diagnosis cannot be typed into it.
 */
export const hostIdPattern = /^[A-Za-z0-9._:-]+$/;

/**
 * The id of a path, as a payload names one (`referredFrom.pathId`).
 *
 * @example
 * ```ts
 * pathIdCode.parse('coordinator-service');
 * ```
 */
export const pathIdCode = z.string().min(1).max(pathIdMaxLength).regex(pathIdPattern);

/**
 * A host's id of a case or a record, as a payload carries one: a bounded code of id characters.
 *
 * @example
 * ```ts
 * hostIdCode.parse('urn:uuid:3f2b8c1e-8d5a-4c1e-9f0a-2b7c6d5e4f3a');
 * hostIdCode.safeParse('Matti Meikäläinen').success; // false
 * ```
 */
export const hostIdCode = z.string().min(1).max(hostIdMaxLength).regex(hostIdPattern);
