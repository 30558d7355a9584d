import { describe, expect, it } from 'vitest';
import { builtInPaths } from '../../machines/index.js';
import type { AnyPathCase } from '../../src/case/pathCase.js';
import { simulateCohort } from '../../src/cohort/simulateCohort.js';

describe('simulateCohort onCase and keepCases', () => {
  it.each(builtInPaths.map((path) => [path.id, path] as const))('%s: hands on each case in order, the same kept or not', (_id, path) => {
    const handed: AnyPathCase[] = [];
    const kept = simulateCohort(path, { clients: 120, seed: 11, onCase: (caseRef) => handed.push(caseRef) });
    const streamed: AnyPathCase[] = [];
    const notKept = simulateCohort(path, { clients: 120, seed: 11, keepCases: false, onCase: (caseRef) => streamed.push(caseRef) });
    expect(handed).toEqual(kept.cases);
    expect(notKept.cases).toEqual([]);
    expect(JSON.stringify(streamed.map((caseRef) => [caseRef.state, caseRef.history]))).toBe(
      JSON.stringify(kept.cases.map((caseRef) => [caseRef.state, caseRef.history])),
    );
    const { cases: _kept, ...keptTotals } = kept;
    const { cases: _none, ...streamedTotals } = notKept;
    expect(streamedTotals).toEqual(keptTotals);
  });
});
