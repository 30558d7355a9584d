import { z } from 'zod';
import { hostIdCode, pathIdCode } from '../../src/path/index.js';

/**
 * The case a client was referred from, on another path (S1 `001_55550c4af1568658.txt`:256: clients
 * came to job coaching from the coordinator and the lifestyle coaches). Both ids are the host's own:
 * the library stores no identities, so following one client across paths is a lookup of the host's
 * case ids, not of a person. Both are bounded codes (`hostIdCode`: letters, digits and `. _ : -`, at
 * most 200 characters), so a name or a diagnosis typed into the case id is refused.
 *
 * @example
 * ```ts
 * referredFrom.parse({ pathId: 'coordinator-service', caseId: 'case-2025-0412' });
 * ```
 */
export const referredFrom = z
  .strictObject({
    pathId: pathIdCode,
    caseId: hostIdCode,
  })
  .meta({ examples: [{ pathId: 'workability-path', caseId: 'case-1' }] });
