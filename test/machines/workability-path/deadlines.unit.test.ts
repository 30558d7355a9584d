import { describe, expect, it } from 'vitest';
import { openCase } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { doctor, nurse, type WorkabilityInput } from '../../support/workabilityInputs.js';

const contact: WorkabilityInput = {
  type: 'CONTACT_RECEIVED',
  at: '2025-01-31T09:00:00Z',
  actor: nurse,
  payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
};
const booked: WorkabilityInput = {
  type: 'INITIAL_ASSESSMENT_BOOKED',
  at: '2025-02-03T09:00:00Z',
  actor: nurse,
  payload: { channel: 'phone' },
};
const assessed: WorkabilityInput = {
  type: 'INITIAL_ASSESSMENT_DONE',
  at: '2025-02-20T09:00:00Z',
  actor: nurse,
  payload: { nextRole: 'nurse' },
};

function caseWith(inputs: readonly WorkabilityInput[]) {
  const caseRef = openCase(workabilityPath, { caseId: 'deadlines' });
  for (const input of inputs) expect(caseRef.record(input).ok).toBe(true);
  return caseRef;
}

describe('work-ability path deadlines', () => {
  it('has the first service due within one calendar month of the contact (S0:119), not before', () => {
    const caseRef = caseWith([contact, booked]);
    expect(caseRef.deadlines('2025-02-27T00:00:00Z')).toEqual([
      expect.objectContaining({ id: 'first-service-within-one-month', kind: 'target', dueAt: '2025-02-28T09:00:00.000Z', overdue: false }),
    ]);
    expect(caseRef.deadlines('2025-03-01T00:00:00Z')[0]).toMatchObject({ id: 'first-service-within-one-month', overdue: true });
  });

  it('drops the first-service target once a service is given', () => {
    const caseRef = caseWith([contact, booked, assessed]);
    expect(caseRef.deadlines('2025-03-01T00:00:00Z').map((deadline) => deadline.id)).toEqual(['next-appointment-set']);
  });

  it('wants the next appointment given at the visit (S0:133), and is satisfied once it is', () => {
    const caseRef = caseWith([contact, booked, assessed]);
    expect(caseRef.deadlines('2025-02-20T12:00:00Z')).toEqual([
      expect.objectContaining({ id: 'next-appointment-set', dueAt: '2025-02-21T09:00:00.000Z', overdue: false }),
    ]);
    expect(caseRef.deadlines('2025-02-22T00:00:00Z')[0]?.overdue).toBe(true);
    caseRef.record({ type: 'NEXT_APPOINTMENT_SET', at: '2025-02-20T09:10:00Z', actor: nurse, payload: { appointmentOn: '2025-03-05' } });
    expect(caseRef.deadlines('2025-03-01T00:00:00Z')).toEqual([]);
  });

  it('has nothing due on a closed case', () => {
    const caseRef = caseWith([
      contact,
      { type: 'CLOSED', at: '2025-02-01T09:00:00Z', actor: doctor, payload: { endReason: 'unreachable' } },
    ]);
    expect(caseRef.deadlines('2026-01-01T00:00:00Z')).toEqual([]);
  });

  it('is the same for a replayed case and the same now: deadlines come from history, not timers', async () => {
    const { replayCase } = await import('kykypolku');
    const caseRef = caseWith([contact, booked]);
    const replayed = replayCase(workabilityPath, caseRef.history);
    expect(replayed.ok && replayed.case.deadlines('2025-03-15T00:00:00Z')).toEqual(caseRef.deadlines('2025-03-15T00:00:00Z'));
  });

  it('refuses a now that is not an ISO instant', () => {
    const caseRef = caseWith([contact]);
    expect(() => caseRef.deadlines('tomorrow')).toThrow(RangeError);
  });
});
