// Type tests of kykypolku/testing: `npm test` (and `npm run typecheck`) runs `tsc` over this file,
// so a sample that needed a cast to be recorded, or a cast that crept back, fails the build.
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { openCase, type CaseInputOf } from 'kykypolku';
import { lifestyleGuidancePath, workabilityPath } from 'kykypolku/paths';
import { acceptedHistoryArbitrary, inputArbitrary } from 'kykypolku/testing';

describe('the arbitraries are typed as the path’s own inputs', () => {
  it('inputArbitrary gives CaseInputOf<D>, which record takes without a cast', () => {
    expectTypeOf(inputArbitrary(workabilityPath)).toEqualTypeOf<fc.Arbitrary<CaseInputOf<typeof workabilityPath>>>();
    const [sample] = fc.sample(inputArbitrary(workabilityPath), { numRuns: 1, seed: 1 });
    const caseRef = openCase(workabilityPath, { caseId: 'typed-1' });
    const outcome = caseRef.record(sample!);
    expect(typeof outcome.ok).toBe('boolean');
  });

  it('acceptedHistoryArbitrary gives CaseInputOf<D>[], each recorded without a cast', () => {
    expectTypeOf(acceptedHistoryArbitrary(workabilityPath)).toEqualTypeOf<fc.Arbitrary<CaseInputOf<typeof workabilityPath>[]>>();
    const [history] = fc.sample(acceptedHistoryArbitrary(workabilityPath), { numRuns: 1, seed: 1 });
    const caseRef = openCase(workabilityPath, { caseId: 'typed-2' });
    for (const input of history!) expect(caseRef.record(input).ok).toBe(true);
  });

  it('a sample of one path is not an input of another', () => {
    const [sample] = fc.sample(inputArbitrary(workabilityPath), { numRuns: 1, seed: 1 });
    const other = openCase(lifestyleGuidancePath, { caseId: 'typed-3' });
    // @ts-expect-error: a work-ability input is no lifestyle-guidance input
    other.record(sample!);
  });
});
