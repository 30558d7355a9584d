import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseInputEnvelope, recordedEventEnvelope } from '../../src/case/envelope.js';
import { isWellFormedInput, isWellFormedRecordedEvent } from '../../src/case/envelopeCheck.js';
import { propertyRun } from '../support/property.js';

// The fast paths accept a subset of what zod accepts (envelopeCheck.ts): with bounds on type, at,
// caseId and path id, a length one past a bound must be refused by both, one at it taken by both.
const around = (bound: number) => fc.constantFrom(0, 1, bound - 1, bound, bound + 1, 4 * bound);
const stringOf = (length: number, character: string) => character.repeat(length);

describe('the envelope fast paths and zod agree at every bound', () => {
  it('for inputs', () => {
    fc.assert(
      fc.property(
        around(64),
        fc.constantFrom(0, 1, 9, 10, 30),
        around(200),
        around(200),
        (typeLength, fractionDigits, actorIdLength, eventIdLength) => {
          const input = {
            type: stringOf(typeLength, 'T'),
            at: `2025-05-01T09:00:00${fractionDigits > 0 ? `.${'1'.repeat(fractionDigits)}` : ''}+02:00`,
            actor: { role: 'r', id: stringOf(actorIdLength, 'a') },
            eventId: stringOf(eventIdLength, 'e'),
          };
          const zod = caseInputEnvelope.safeParse(input).success;
          expect(isWellFormedInput(input)).toBe(zod);
          expect(zod).toBe(
            typeLength >= 1 &&
              typeLength <= 64 &&
              fractionDigits <= 9 &&
              actorIdLength >= 1 &&
              actorIdLength <= 200 &&
              eventIdLength >= 1 &&
              eventIdLength <= 200,
          );
        },
      ),
      propertyRun('input envelope bounds', 300),
    );
  });

  it('for recorded events', () => {
    fc.assert(
      fc.property(around(200), around(64), around(64), (caseIdLength, typeLength, pathIdLength) => {
        const event = {
          caseId: stringOf(caseIdLength, 'c'),
          seq: 1,
          type: stringOf(typeLength, 'T'),
          at: '2025-05-01T09:00:00Z',
          actor: { role: 'r', id: 'a' },
          payload: {},
          path: { id: stringOf(pathIdLength, 'p'), version: 1 },
        };
        const zod = recordedEventEnvelope.safeParse(event).success;
        expect(isWellFormedRecordedEvent(event)).toBe(zod);
        expect(zod).toBe(
          caseIdLength >= 1 && caseIdLength <= 200 && typeLength >= 1 && typeLength <= 64 && pathIdLength >= 1 && pathIdLength <= 64,
        );
      }),
      propertyRun('recorded envelope bounds', 300),
    );
  });
});
