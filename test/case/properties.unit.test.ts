import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { openCase, replayCase, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { acceptedHistoryArbitrary, hostileInputArbitrary, inputArbitrary } from 'kykypolku/testing';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';

const paths: readonly AnyPathDefinition[] = [...builtInPaths, reviewPath];

describe.each(paths.map((path) => [path.id, path] as const))('properties of %s', (id, path) => {
  it('record never throws, whatever it is given, and a refused input changes nothing', () => {
    fc.assert(
      fc.property(fc.array(hostileInputArbitrary(path), { maxLength: 40 }), (inputs) => {
        const caseRef = openCase(path, { caseId: 'hostile' });
        for (const input of inputs) {
          const before = JSON.stringify([caseRef.state, caseRef.history]);
          const outcome = caseRef.record(input as never);
          if (!outcome.ok) expect(JSON.stringify([caseRef.state, caseRef.history])).toBe(before);
        }
      }),
      propertyRun(`${id}: hostile input never throws`),
    );
  });

  it('replaying the history of any sequence of inputs, valid or not, gives the live case back', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(inputArbitrary(path), hostileInputArbitrary(path)), { maxLength: 60 }), (inputs) => {
        const live = openCase(path, { caseId: 'live' });
        for (const input of inputs) live.record(input as never);
        const replayed = replayCase(path, live.history, { caseId: 'live' });
        expect(replayed.ok).toBe(true);
        if (!replayed.ok) return;
        expect(JSON.stringify(replayed.case.state)).toBe(JSON.stringify(live.state));
        expect(JSON.stringify(replayed.case.history)).toBe(JSON.stringify(live.history));
      }),
      propertyRun(`${id}: replay equals live`),
    );
  });

  it('accepts every event of an accepted history, and the state equals what XState transition() computes', () => {
    fc.assert(
      fc.property(acceptedHistoryArbitrary(path), (inputs) => {
        const caseRef = openCase(path, { caseId: 'walk' });
        let expected: AnyMachineSnapshot = initialTransition(path.machine)[0];
        for (const input of inputs) {
          const outcome = caseRef.record(input as never);
          expect(outcome.ok).toBe(true);
          expected = transition(path.machine, expected, { type: input.type as string, payload: outcome.event!.payload } as never)[0];
          expect(caseRef.state.value).toEqual(expected.value);
          expect(caseRef.state.context).toEqual(expected.context);
          expect(caseRef.state.status).toBe(expected.status === 'active' ? 'open' : 'closed');
        }
      }),
      propertyRun(`${id}: record equals transition()`),
    );
  });
});
