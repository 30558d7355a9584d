import { describe, expect, it } from 'vitest';
import { openCase } from 'kykypolku';
import { workabilityPath, workabilityPathV1 } from 'kykypolku/paths';
import { asV1, doctor, noFurtherVisitNeeded, nurse, reach, type WorkabilityInput } from '../../support/workabilityInputs.js';

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

  // S0:133 "Asiakkaalle pyritään aina antamaan seuraava ajanvaraus (jos se on tarpeen) edeltävällä yhteydenotolla":
  // the next appointment is given *if one is needed* (issue 14 item 4).
  describe('S0:133 "jos se on tarpeen": no next appointment when no further visit is needed', () => {
    const referred: WorkabilityInput = {
      type: 'REFERRED_ONWARD',
      at: '2025-02-20T09:05:00Z',
      actor: nurse,
      payload: { target: 'kelaVocationalRehabilitation' },
    };
    const noneNeeded: WorkabilityInput = { type: 'NO_FURTHER_VISIT_NEEDED', at: '2025-02-20T09:10:00Z', actor: nurse };

    it('clears the next-appointment target after an onward referral once the nurse records that no further visit is needed', () => {
      const caseRef = caseWith([contact, booked, assessed, referred]);
      expect(caseRef.deadlines('2025-03-01T00:00:00Z')).toEqual([expect.objectContaining({ id: 'next-appointment-set', overdue: true })]);
      caseRef.record(noneNeeded);
      expect(caseRef.deadlines('2025-03-01T00:00:00Z')).toEqual([]);
      expect(caseRef.deadlines('2026-03-01T00:00:00Z')).toEqual([]);
    });

    it('wants a next appointment again after the next service: "no further visit" holds until a visit happens', () => {
      const caseRef = caseWith([contact, booked, assessed, noneNeeded]);
      caseRef.record({ type: 'HEALTH_CHECK_DONE', at: '2025-03-03T09:00:00Z', actor: nurse, payload: { mode: 'eVisit' } });
      expect(caseRef.deadlines('2025-03-05T00:00:00Z')).toEqual([
        expect.objectContaining({ id: 'next-appointment-set', dueAt: '2025-03-04T09:00:00.000Z', overdue: true }),
      ]);
    });

    it('is recorded in every open state, by those who give appointments, and changes no state', () => {
      for (const [state, history] of Object.entries(reach)) {
        if (state === 'opened' || state === 'closed') continue;
        const caseRef = openCase(workabilityPath, { caseId: `none-needed-${state}` });
        for (const input of history()) expect(caseRef.record(input).ok).toBe(true);
        const before = caseRef.stateName;
        expect(caseRef.record(noFurtherVisitNeeded(doctor)).ok, state).toBe(true);
        expect(caseRef.stateName).toBe(before);
      }
      const closedCase = openCase(workabilityPath, { caseId: 'none-needed-closed' });
      for (const input of reach.closed()) closedCase.record(input);
      expect(closedCase.record(noFurtherVisitNeeded())).toMatchObject({ ok: false, rejection: { code: 'CASE_CLOSED' } });
    });

    it('takes codes and flags only: a payload with a reason in words is refused', () => {
      const caseRef = caseWith([contact, booked, assessed]);
      const outcome = caseRef.record({ ...noneNeeded, payload: { note: 'asiakas hoidetaan muualla' } } as never);
      expect(outcome).toMatchObject({ ok: false });
      expect(caseRef.history).toHaveLength(3);
    });

    it('version 1, kept for its stored cases, keeps its target as it was: overdue after the referral', () => {
      const caseRef = openCase(workabilityPathV1, { caseId: 'v1-deadlines' });
      for (const input of asV1([contact, booked, assessed, referred])) expect(caseRef.record(input).ok).toBe(true);
      expect(caseRef.deadlines('2026-03-01T00:00:00Z')).toEqual([expect.objectContaining({ id: 'next-appointment-set', overdue: true })]);
      expect(caseRef.record(noneNeeded as never)).toMatchObject({ ok: false, rejection: { code: 'UNKNOWN_EVENT_TYPE' } });
    });
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
