import { describe, expect, it } from 'vitest';
import { workabilityPath } from '../../machines/index.js';
import { demoCaseOf, liveCaseDigest } from '../../src/cli/demoCohort.js';
import { simulateCohort } from '../../src/cohort/simulateCohort.js';

describe("the demo's digest of a live case", () => {
  const [first, second] = simulateCohort(workabilityPath, { clients: 2, seed: 9 }).cases;

  it('is the same for the same state and history as JSON, however the objects were made', () => {
    const copy = JSON.parse(JSON.stringify({ state: first!.state, history: first!.history })) as { state: unknown; history: unknown };
    expect(liveCaseDigest(copy)).toBe(liveCaseDigest(first!));
    expect(demoCaseOf(first!).liveDigest).toBe(liveCaseDigest(first!));
  });

  it('differs when the state, the history, or only the split between them differs', () => {
    const digest = liveCaseDigest(first!);
    expect(liveCaseDigest({ state: second!.state, history: first!.history })).not.toBe(digest);
    expect(liveCaseDigest({ state: first!.state, history: first!.history.slice(0, -1) })).not.toBe(digest);
    expect(liveCaseDigest({ state: { ...first!.state, status: 'other' }, history: first!.history })).not.toBe(digest);
    // The same characters split differently between state and history are not the same case.
    expect(liveCaseDigest({ state: 'ab', history: 'c' })).not.toBe(liveCaseDigest({ state: 'a', history: 'bc' }));
  });
});
