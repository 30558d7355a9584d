/**
 * Replaying events this library recorded: they skip the checks they already passed when they were
 * made (envelope, value domain, payload), and nothing else does. A copy, a Proxy or a look-alike of
 * such an event is a host value and is checked whole; where the event stands in the case (its case,
 * its seq) and the path's own steps (roles, time order, the machine, the rules) are checked always.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore, definePath, openCase, replayCase, type RecordedEvent } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { markRecordedHere, planThatRecorded } from '../../src/case/recordedHere.js';
import { compilePath } from '../../src/case/compilePath.js';
import { reach } from '../support/workabilityInputs.js';
import { author, reviewSpec } from '../support/reviewPath.js';

function recordedHistory(caseId = 'made-here'): readonly RecordedEvent[] {
  const caseRef = openCase(workabilityPath, { caseId });
  for (const input of reach.doctorAssessment()) expect(caseRef.record(input).ok).toBe(true);
  return caseRef.history;
}

describe('unit: events recorded here, replayed', () => {
  it('replays to the very events it was given, equal to a replay of their JSON copy', () => {
    const history = recordedHistory();
    const fast = replayCase(workabilityPath, history);
    const checked = replayCase(workabilityPath, JSON.parse(JSON.stringify(history)) as RecordedEvent[]);
    if (!fast.ok || !checked.ok) throw new Error('replay failed');
    expect(fast.case.history.every((event, index) => event === history[index])).toBe(true);
    expect(JSON.stringify(fast.case.state)).toBe(JSON.stringify(checked.case.state));
    expect(fast.case.history).toEqual(checked.case.history);
  });

  it('knows the compiled path that made an event, and nothing for a copy or a Proxy of it', () => {
    const [first] = recordedHistory();
    expect(planThatRecorded(first)).toBe(compilePath(workabilityPath));
    expect(planThatRecorded({ ...first! })).toBeUndefined();
    expect(planThatRecorded(structuredClone(first))).toBeUndefined();
    expect(planThatRecorded(new Proxy(first!, {}))).toBeUndefined();
    expect(planThatRecorded(Object.create(first!))).toBeUndefined();
    expect(planThatRecorded('event')).toBeUndefined();
    expect(planThatRecorded(null)).toBeUndefined();
  });

  it('checks a Proxy of a recorded event whole: a lone surrogate behind it is refused', () => {
    const history = recordedHistory();
    const forged = new Proxy(history[0]!, {
      get: (target, key) => (key === 'actor' ? { role: target.actor.role, id: '\ud800' } : Reflect.get(target, key)),
    });
    const replayed = replayCase(workabilityPath, [forged, ...history.slice(1)]);
    expect(replayed.ok).toBe(false);
    if (!replayed.ok) expect(replayed.failure).toMatchObject({ code: 'MALFORMED_EVENT', index: 0 });
  });

  it('does not mark an event whose payload holds a nested value, which its freeze does not reach', () => {
    const nested = { caseId: 'c', seq: 1, type: 'T', at: '2025-01-01T00:00:00Z', actor: { role: 'r', id: 'i' }, payload: { list: ['a'] } };
    markRecordedHere(nested as unknown as RecordedEvent, compilePath(workabilityPath));
    expect(planThatRecorded(nested)).toBeUndefined();
  });

  it('marks an event whose nested payload objects record froze, and replays it as its own history entry', async () => {
    const { coordinatorServicePath } = await import('kykypolku/paths');
    const { simulateCohort } = await import('kykypolku');
    const cohort = simulateCohort(coordinatorServicePath, { clients: 40, seed: 11, faultRate: 0 });
    const history = cohort.cases
      .map((simulated) => simulated.history)
      .find((events) => events.some((event) => event.type === 'KYKYVIISARI_RECORDED'))!;
    const nested = history.filter((event) =>
      Object.values(event.payload as object).some((value) => typeof value === 'object' && value !== null),
    );
    expect(nested.length).toBeGreaterThan(0);
    for (const event of nested) expect(planThatRecorded(event)).toBe(compilePath(coordinatorServicePath));
    const replayed = replayCase(coordinatorServicePath, history);
    if (!replayed.ok) throw new Error(replayed.failure.message);
    for (const event of nested) expect(replayed.case.history[event.seq - 1]).toBe(event);
  });

  it('checks an event recorded under another definition (even of the same id and version) whole', () => {
    const first = definePath(reviewSpec());
    const twin = definePath(reviewSpec());
    const caseRef = openCase(first, { caseId: 'review-1' });
    expect(caseRef.record({ type: 'SUBMITTED', at: '2025-01-01T09:00:00Z', actor: author, payload: { priority: 'high' } }).ok).toBe(true);
    expect(planThatRecorded(caseRef.history[0])).toBe(compilePath(first));
    const replayed = replayCase(twin, caseRef.history);
    expect(replayed.ok && replayed.case.history[0]).not.toBe(caseRef.history[0]);
    expect(replayed.ok && replayed.case.history).toEqual(caseRef.history);
  });

  it('still checks where each event stands: another case, a gap, the same event twice', () => {
    const history = recordedHistory('case-a');
    const other = recordedHistory('case-b');
    const mixed = replayCase(workabilityPath, [history[0]!, other[1]!]);
    expect(!mixed.ok && mixed.failure).toMatchObject({ code: 'WRONG_CASE', index: 1 });
    const gap = replayCase(workabilityPath, [history[0]!, history[2]!]);
    expect(!gap.ok && gap.failure).toMatchObject({ code: 'OUT_OF_SEQUENCE', index: 1, expectedSeq: 2 });
    const twice = replayCase(workabilityPath, [history[0]!, history[0]!]);
    expect(!twice.ok && twice.failure).toMatchObject({ code: 'OUT_OF_SEQUENCE', index: 1 });
  });

  it("still runs the path's own steps: two cases of one id spliced are refused as a JSON copy of them is", () => {
    // Two live cases under one id, the first a year later: each event was checked in its own case,
    // and the splice goes back in time.
    const inputs = reach.doctorAssessment();
    const later = openCase(workabilityPath, { caseId: 'twin' });
    const earlier = openCase(workabilityPath, { caseId: 'twin' });
    const yearLater = (at: string) => `${Number(at.slice(0, 4)) + 1}${at.slice(4)}`;
    expect(later.record({ ...inputs[0]!, at: yearLater(inputs[0]!.at) }).ok).toBe(true);
    for (const input of inputs) expect(earlier.record(input).ok).toBe(true);
    const spliced = [later.history[0]!, ...earlier.history.slice(1)];
    const fast = replayCase(workabilityPath, spliced);
    const checked = replayCase(workabilityPath, JSON.parse(JSON.stringify(spliced)) as RecordedEvent[]);
    expect(!fast.ok && fast.failure).toMatchObject({ code: 'EVENT_REJECTED', index: 1, rejection: { code: 'TIME_WENT_BACKWARDS' } });
    expect(fast).toEqual(checked);
  });

  it('is kept as it is by the memory store, which copies any other event it is given', async () => {
    const history = recordedHistory('kept');
    const store = createMemoryStore();
    const copies = JSON.parse(JSON.stringify(history)) as RecordedEvent[];
    expect((await store.append('kept', history, { expectedSeq: 0 })).ok).toBe(true);
    expect(
      (
        await store.append(
          'copied',
          copies.map((event) => ({ ...event, caseId: 'copied' })),
          { expectedSeq: 0 },
        )
      ).ok,
    ).toBe(true);
    const kept = await store.read('kept');
    const copied = await store.read('copied');
    expect(kept.every((event, index) => event === history[index] && planThatRecorded(event) !== undefined)).toBe(true);
    expect(copied.some((event) => planThatRecorded(event) !== undefined)).toBe(false);
  });
});
