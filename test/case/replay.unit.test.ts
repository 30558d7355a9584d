import { describe, expect, it } from 'vitest';
import { openCase, replayCase, type RecordedEvent } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { reach } from '../support/workabilityInputs.js';
import { author, reviewer, reviewPath } from '../support/reviewPath.js';

function recordedCase() {
  const caseRef = openCase(workabilityPath, { caseId: 'replay-1' });
  for (const input of reach.doctorAssessment()) expect(caseRef.record(input).ok).toBe(true);
  return caseRef;
}

describe('replaying a case from its events', () => {
  it('rebuilds the same state, context and history, bit for bit', () => {
    const live = recordedCase();
    const replayed = replayCase(workabilityPath, JSON.parse(JSON.stringify(live.history)) as RecordedEvent[]);
    if (!replayed.ok) throw new Error(replayed.failure.message);
    expect(JSON.stringify(replayed.case.state)).toBe(JSON.stringify(live.state));
    expect(JSON.stringify(replayed.case.history)).toBe(JSON.stringify(live.history));
    expect(replayed.case.history).toEqual(live.history);
    expect(replayed.case.caseId).toBe('replay-1');
    expect(replayed.case.seq).toBe(live.seq);
  });

  it('goes on recording where the original left off', () => {
    const live = recordedCase();
    const replayed = replayCase(workabilityPath, live.history);
    const next = { type: 'DOCTOR_ASSESSMENT_DONE', at: '2026-01-01T00:00:00Z', actor: { role: 'doctor', id: 'd' } } as const;
    expect(replayed.ok && replayed.case.record(next)).toMatchObject({ ok: true, event: { seq: live.seq + 1 } });
  });

  it('emits nothing while replaying', () => {
    const live = recordedCase();
    let emitted = 0;
    const replayed = replayCase(workabilityPath, live.history);
    if (replayed.ok) replayed.case.on('recorded', () => emitted++);
    expect(emitted).toBe(0);
  });

  it('replays an empty log when given the caseId, and says EMPTY_LOG otherwise', () => {
    const empty = replayCase(workabilityPath, [], { caseId: 'new' });
    expect(empty.ok && empty.case.state.value).toBe('opened');
    expect(replayCase(workabilityPath, [])).toMatchObject({ ok: false, failure: { code: 'EMPTY_LOG' } });
  });

  describe('names the first bad event of a log the definition does not accept', () => {
    const history = () => recordedCase().history.map((event) => ({ ...event }) as Record<string, unknown>);

    it('EVENT_REJECTED for an event the rules refuse (a doctor booked before mapping)', () => {
      const events = history()
        .filter((event) => event.type !== 'SITUATION_MAPPED')
        .map((event, index) => ({ ...event, seq: index + 1 }));
      expect(replayCase(workabilityPath, events)).toMatchObject({
        ok: false,
        failure: {
          code: 'EVENT_REJECTED',
          seq: 4,
          index: 3,
          rejection: { code: 'RULE_VIOLATED', ruleId: 'situation-mapped-before-doctor' },
        },
      });
    });

    it('EVENT_REJECTED with INVALID_EVENT for a tampered payload', () => {
      const events = history();
      events[2] = { ...events[2], payload: { nextRole: 'janitor' } };
      expect(replayCase(workabilityPath, events)).toMatchObject({
        ok: false,
        failure: { code: 'EVENT_REJECTED', seq: 3, rejection: { code: 'INVALID_EVENT' } },
      });
    });

    it('EVENT_REJECTED with UNKNOWN_EVENT_TYPE for a type the path does not have', () => {
      const events = history();
      events[1] = { ...events[1], type: 'TELEPORTED' };
      expect(replayCase(workabilityPath, events)).toMatchObject({
        ok: false,
        failure: { code: 'EVENT_REJECTED', seq: 2, rejection: { code: 'UNKNOWN_EVENT_TYPE' } },
      });
    });

    it('OUT_OF_SEQUENCE for a missing, repeated or swapped seq', () => {
      const events = history();
      expect(replayCase(workabilityPath, [events[0], events[2]])).toMatchObject({
        ok: false,
        failure: { code: 'OUT_OF_SEQUENCE', seq: 3, expectedSeq: 2, index: 1 },
      });
      expect(replayCase(workabilityPath, [events[0], events[0]])).toMatchObject({
        ok: false,
        failure: { code: 'OUT_OF_SEQUENCE', seq: 1, expectedSeq: 2 },
      });
    });

    it('WRONG_CASE for an event of another case', () => {
      const events = history();
      events[1] = { ...events[1], caseId: 'someone-else' };
      expect(replayCase(workabilityPath, events)).toMatchObject({
        ok: false,
        failure: { code: 'WRONG_CASE', seq: 2, foundCaseId: 'someone-else', expectedCaseId: 'replay-1' },
      });
    });

    it('WRONG_PATH for an event recorded under another path or version', () => {
      const events = history();
      events[0] = { ...events[0], path: { id: 'workability-path', version: 9 } };
      expect(replayCase(workabilityPath, events)).toMatchObject({
        ok: false,
        failure: { code: 'WRONG_PATH', seq: 1, found: { version: 9 } },
      });
    });

    it('MALFORMED_EVENT for something that is not a recorded event', () => {
      const events = history();
      expect(replayCase(workabilityPath, [events[0], null])).toMatchObject({
        ok: false,
        failure: { code: 'MALFORMED_EVENT', index: 1, seq: undefined },
      });
      expect(replayCase(workabilityPath, [{ ...events[0], at: 'noon' }])).toMatchObject({
        ok: false,
        failure: { code: 'MALFORMED_EVENT', index: 0, seq: 1 },
      });
    });

    it('EVENT_REJECTED with TIME_WENT_BACKWARDS for events out of time order', () => {
      const events = history();
      events[1] = { ...events[1], at: '2000-01-01T00:00:00Z' };
      expect(replayCase(workabilityPath, events)).toMatchObject({
        ok: false,
        failure: { code: 'EVENT_REJECTED', seq: 2, rejection: { code: 'TIME_WENT_BACKWARDS' } },
      });
    });
  });

  it('replays a path with nested states to the same nested state', () => {
    const live = openCase(reviewPath, { caseId: 'nested' });
    live.record({ type: 'SUBMITTED', at: '2025-01-01T00:00:00Z', actor: author, payload: { priority: 'high' } });
    live.record({ type: 'PAUSED', at: '2025-01-02T00:00:00Z', actor: reviewer });
    const replayed = replayCase(reviewPath, live.history);
    expect(replayed.ok && replayed.case.state.value).toEqual({ active: 'waiting' });
  });
});
