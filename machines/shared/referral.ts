import { z } from 'zod';

/**
 * The case a client was referred from, on another path (S1 `001_55550c4af1568658.txt`:256: clients
 * came to job coaching from the coordinator and the lifestyle coaches). Both ids are the host's own:
 * the library stores no identities, so following one client across paths is a lookup of the host's
 * case ids, not of a person.
 *
 * @example
 * ```ts
 * referredFrom.parse({ pathId: 'coordinator-service', caseId: 'case-2025-0412' });
 * ```
 */
export const referredFrom = z
  .strictObject({
    pathId: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/),
    caseId: z.string().min(1).max(200),
  })
  .meta({ examples: [{ pathId: 'workability-path', caseId: 'case-1' }] });
