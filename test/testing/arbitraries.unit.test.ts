import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCase, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { acceptedHistoryArbitrary, hostileInputArbitrary, inputArbitrary, payloadArbitrary } from 'kykypolku/testing';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';

const paths: readonly AnyPathDefinition[] = [...builtInPaths, reviewPath];

type Input = { type: string; at: string; actor: { role: string; id: string }; payload: Record<string, unknown> };

describe.each(paths.map((path) => [path.id, path] as const))('the arbitraries of %s produce only what they promise', (id, path) => {
  it('payloadArbitrary: payloads every event schema accepts', () => {
    for (const [type, schema] of Object.entries(path.events)) {
      fc.assert(
        fc.property(payloadArbitrary(schema), (payload) => {
          expect(schema.safeParse(payload).success).toBe(true);
        }),
        propertyRun(`${id}: payloads of ${type} pass their schema`, 50),
      );
    }
  });

  it('inputArbitrary: a known event type, a valid payload, a permitted role, an `at` in range', () => {
    const from = '2025-06-01T00:00:00Z';
    const to = '2025-06-30T00:00:00Z';
    fc.assert(
      fc.property(inputArbitrary(path, { from, to }), (raw) => {
        const input = raw as Input;
        expect(Object.keys(path.events)).toContain(input.type);
        expect(path.events[input.type]!.safeParse(input.payload).success).toBe(true);
        expect(path.permissions[input.type]).toContain(input.actor.role);
        expect(Date.parse(input.at)).toBeGreaterThanOrEqual(Date.parse(from));
        expect(Date.parse(input.at)).toBeLessThanOrEqual(Date.parse(to));
      }),
      propertyRun(`${id}: inputs are well formed`),
    );
  });

  it('acceptedHistoryArbitrary: walks a case accepts in order, times never going back, from the start given', () => {
    const start = '2025-02-03T09:00:00Z';
    fc.assert(
      fc.property(acceptedHistoryArbitrary(path, { start, maxEvents: 20 }), (inputs) => {
        expect(inputs.length).toBeLessThanOrEqual(20);
        const caseRef = openCase(path, { caseId: 'walk' });
        let last = Date.parse(start);
        for (const raw of inputs) {
          const input = raw as Input;
          expect(Date.parse(input.at)).toBeGreaterThanOrEqual(last);
          last = Date.parse(input.at);
          expect(caseRef.record(input as never).ok).toBe(true);
        }
      }),
      propertyRun(`${id}: accepted histories replay`),
    );
  });

  it('hostileInputArbitrary: anything at all, which record refuses without throwing', () => {
    let refused = 0;
    fc.assert(
      fc.property(hostileInputArbitrary(path), (input) => {
        const outcome = openCase(path, { caseId: 'hostile' }).record(input as never);
        if (!outcome.ok) refused++;
      }),
      propertyRun(`${id}: hostile inputs never throw`),
    );
    // Hostile means mostly refused: it is not just valid input in disguise.
    expect(refused).toBeGreaterThan(0);
  });
});

describe('arbitrary constraints', () => {
  it('refuses a range that ends before it starts, naming the function and the bound', () => {
    expect(() => inputArbitrary(reviewPath, { from: '2026-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' })).toThrow(
      /inputArbitrary: 'from' .* must not be after 'to'/,
    );
  });
});
