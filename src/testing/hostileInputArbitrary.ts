import fc from 'fast-check';
import type { AnyPathDefinition } from '../path/definition.js';
import { inputArbitrary } from './inputArbitrary.js';

/**
 * Anything at all a host might send by mistake: arbitrary values, well-formed inputs with one part
 * broken (unknown type, wrong role, bad `at`, extra or wrong-typed fields, missing payload), and
 * well-formed inputs. `record` must never throw on any of them.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(hostileInputArbitrary(workabilityPath), (input) => {
 *   // Hostile input is not typed as an input of the path: the cast is the point of the test.
 *   openCase(workabilityPath, { caseId: 'h' }).record(input as CaseInputOf<typeof workabilityPath>); // returns, never throws
 * }));
 * ```
 */
export function hostileInputArbitrary<D extends AnyPathDefinition>(definition: D): fc.Arbitrary<unknown> {
  const valid = inputArbitrary(definition);
  const broken = fc.tuple(valid, fc.nat(), fc.anything()).map(([input, which, junk]) => {
    const copy: Record<string, unknown> = { ...input };
    switch (which % 9) {
      case 0:
        copy.type = typeof junk === 'string' ? junk : 'NOT_AN_EVENT';
        break;
      case 1:
        copy.actor = { role: 'stranger', id: 'x' };
        break;
      case 2:
        copy.at = junk;
        break;
      case 3:
        copy.payload = { ...(copy.payload as object), unexpected: junk };
        break;
      case 4:
        copy.payload = junk;
        break;
      case 5:
        delete copy.payload;
        break;
      case 6:
        copy.actor = junk;
        break;
      case 7:
        copy.extra = junk;
        break;
      default:
        copy.at = '1999-12-31T23:59:59Z';
    }
    return copy;
  });
  return fc.oneof(fc.anything(), broken, valid);
}
