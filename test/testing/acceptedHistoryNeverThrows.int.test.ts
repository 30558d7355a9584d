import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCase, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { acceptedHistoryArbitrary } from 'kykypolku/testing';
import { propertyRun } from '../support/property.js';
import { reviewPathWithoutGuard } from '../support/reviewPath.js';

// acceptedHistoryArbitrary used to pick among the inputs the *machine* takes and throw when the
// case then refused one (a rule the machine's guards do not enforce): the throw came from inside
// generation, so fast-check could shrink nothing. A walk now holds only what the case recorded.
const paths: readonly AnyPathDefinition[] = [...builtInPaths, reviewPathWithoutGuard];

describe.each(paths.map((path) => [path.id, path] as const))('acceptedHistoryArbitrary of %s at 3 000 runs', (id, path) => {
  it('never throws while generating, and every walk records in order', () => {
    fc.assert(
      fc.property(acceptedHistoryArbitrary(path), (inputs) => {
        const caseRef = openCase(path, { caseId: 'walk' });
        for (const input of inputs) expect(caseRef.record(input).ok).toBe(true);
      }),
      propertyRun(`${id}: 3 000 accepted histories`, 3000),
    );
  });
});

describe('a walk where the machine takes an input the rules refuse', () => {
  it('goes on with an input the case does record, so a walk still reaches the end', () => {
    // reviewPathWithoutGuard's DONE is taken by the machine before approval, which a rule refuses.
    const reachedDone = fc
      .sample(acceptedHistoryArbitrary(reviewPathWithoutGuard), { numRuns: 300, seed: 7 })
      .some((inputs) => inputs.some((input) => input.type === 'DONE'));
    expect(reachedDone).toBe(true);
  });
});
