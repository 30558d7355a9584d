import { describe, expect, it } from 'vitest';
import { openCase, replayCase } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { assessmentBooked, contactReceived } from '../support/workabilityInputs.js';

describe('a host-given event id', () => {
  it('is carried on the recorded event and kept by a replay', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'ids-1' });
    const outcome = caseRef.record({ ...contactReceived(), eventId: 'msg-41' });
    expect(outcome.ok && outcome.event.eventId).toBe('msg-41');
    const plain = caseRef.record(assessmentBooked());
    expect(plain.ok && 'eventId' in plain.event).toBe(false);
    const replayed = replayCase(workabilityPath, caseRef.history);
    expect(replayed.ok && replayed.case.history).toEqual(caseRef.history);
  });

  it('makes a retried input an answer of "already recorded": nothing recorded, nothing emitted', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'ids-2' });
    const input = { ...contactReceived(), eventId: 'msg-1' };
    const recorded: unknown[] = [];
    caseRef.on('recorded', (event) => recorded.push(event));
    const first = caseRef.record(input);
    const retry = caseRef.record(input);
    expect(retry).toEqual({ ok: true, event: first.event, alreadyRecorded: true });
    expect(caseRef.seq).toBe(1);
    expect(recorded).toHaveLength(1);
  });

  it('refuses another event under an id the case already holds with EVENT_ID_TAKEN, naming the seq', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'ids-3' });
    caseRef.record({ ...contactReceived(), eventId: 'msg-1' });
    const reused = caseRef.record({ ...assessmentBooked(), eventId: 'msg-1' });
    expect(reused).toEqual({
      ok: false,
      rejection: { code: 'EVENT_ID_TAKEN', message: expect.stringMatching(/already names seq 1/), seq: 1 },
    });
    expect(caseRef.seq).toBe(1);
  });

  it('refuses the same id, type, time and actor with another payload: the whole event is compared', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'ids-3b' });
    const input = { ...contactReceived(), eventId: 'msg-1' };
    const first = caseRef.record(input);
    const rejected: unknown[] = [];
    caseRef.on('rejected', (rejection) => rejected.push(rejection));
    const changed = caseRef.record({ ...input, payload: { ...input.payload, workAbilityConcern: false } } as never);
    expect(changed).toMatchObject({ ok: false, rejection: { code: 'EVENT_ID_TAKEN', seq: 1 } });
    expect(changed.rejection?.message).not.toContain('msg-1');
    expect(rejected).toHaveLength(1);
    expect(caseRef.history).toEqual([first.event]);
    // The payload as recorded (parsed) is what counts: the same values in another key order are a retry.
    const reordered = { ...input, payload: Object.fromEntries(Object.entries(input.payload!).reverse()) };
    expect(caseRef.record(reordered as never)).toEqual({ ok: true, event: first.event, alreadyRecorded: true });
  });

  it('must be a string of 1 to 200 characters', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'ids-4' });
    for (const eventId of ['', 'x'.repeat(201), 42]) {
      expect(caseRef.record({ ...contactReceived(), eventId } as never)).toMatchObject({ ok: false, rejection: { code: 'INVALID_EVENT' } });
    }
    expect(caseRef.record({ ...contactReceived(), eventId: 'x'.repeat(200) }).ok).toBe(true);
  });

  it('names the event of a log that repeats an id', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'ids-5' });
    caseRef.record({ ...contactReceived(), eventId: 'msg-1' });
    caseRef.record({ ...assessmentBooked(), eventId: 'msg-2' });
    const log = [caseRef.history[0]!, { ...caseRef.history[1]!, eventId: 'msg-1' }];
    expect(replayCase(workabilityPath, log)).toMatchObject({
      ok: false,
      failure: { code: 'EVENT_REJECTED', seq: 2, rejection: { code: 'EVENT_ID_TAKEN', seq: 1 } },
    });
  });
});
