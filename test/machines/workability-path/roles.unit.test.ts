import { describe, expect, it } from 'vitest';
import { enumeratePayloads, openCase, type RoleOf } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { reach } from '../../support/workabilityInputs.js';

type Role = RoleOf<typeof workabilityPath>;
type EventType = keyof typeof workabilityPath.events;

// The role table written out by hand from the seeds (S0:125–133, S1:165–185, S1:301), so that a
// change to the definition's permissions shows up here as a failing test.
const expected: Record<EventType, readonly Role[]> = {
  CONTACT_RECEIVED: ['client', 'nurse', 'coordinator'],
  INITIAL_ASSESSMENT_BOOKED: ['client', 'nurse'],
  INITIAL_ASSESSMENT_DONE: ['nurse'],
  HEALTH_CHECK_DONE: ['nurse'],
  COORDINATOR_ASSIGNED: ['coordinator'],
  TEAM_REVIEWED: ['nurse', 'coordinator', 'doctor', 'socialWorker'],
  SITUATION_MAPPED: ['nurse', 'coordinator', 'socialWorker'],
  DOCTOR_VISIT_BOOKED: ['nurse', 'coordinator', 'doctor'],
  DOCTOR_ASSESSMENT_DONE: ['doctor'],
  FOLLOW_UP_PLAN_MADE: ['nurse', 'coordinator', 'doctor'],
  REFERRED_ONWARD: ['nurse', 'coordinator', 'doctor', 'socialWorker'],
  NEXT_APPOINTMENT_SET: ['nurse', 'coordinator', 'doctor'],
  CLOSED: ['nurse', 'coordinator', 'doctor'],
  // Version 2: whoever gives the next appointment says when none is needed (S0:133 "jos se on tarpeen").
  NO_FURTHER_VISIT_NEEDED: ['nurse', 'coordinator', 'doctor'],
};

const roles = Object.keys(workabilityPath.roles) as Role[];

describe('who may record what on the work-ability path', () => {
  it('has the roles the seeds name', () => {
    expect(roles).toEqual(['client', 'nurse', 'coordinator', 'doctor', 'socialWorker']);
  });

  it('permits exactly the table', () => {
    expect(workabilityPath.permissions).toEqual(expected);
  });

  it.each(roles)('refuses every event %s may not record, whatever the state, with the case unchanged', (role) => {
    const caseRef = openCase(workabilityPath, { caseId: 'roles' });
    for (const input of reach.doctorAssessment()) caseRef.record(input);
    for (const type of Object.keys(expected) as EventType[]) {
      if (expected[type].includes(role)) continue;
      const seq = caseRef.seq;
      const payload = enumeratePayloads(workabilityPath.events[type])[0];
      const outcome = caseRef.record({ type, at: '2025-12-01T00:00:00Z', actor: { role, id: 'x' }, payload } as never);
      expect(outcome).toMatchObject({ ok: false, rejection: { code: 'ROLE_NOT_PERMITTED', role, eventType: type } });
      expect(caseRef.seq).toBe(seq);
    }
  });

  it('does not let a doctor record a nurse’s health check', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'doctor' });
    for (const input of reach.healthCheck()) caseRef.record(input);
    const outcome = caseRef.record({
      type: 'HEALTH_CHECK_DONE',
      at: '2025-12-01T00:00:00Z',
      actor: { role: 'doctor', id: 'd' },
      payload: { mode: 'clinic' },
    });
    expect(outcome).toMatchObject({
      ok: false,
      rejection: { code: 'ROLE_NOT_PERMITTED', role: 'doctor', eventType: 'HEALTH_CHECK_DONE', permittedRoles: ['nurse'] },
    });
  });

  it('lists only what a role may record among the next events', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'next' });
    for (const input of reach.healthCheck()) caseRef.record(input);
    expect(caseRef.nextEvents('doctor')).toEqual([
      'TEAM_REVIEWED',
      'FOLLOW_UP_PLAN_MADE',
      'REFERRED_ONWARD',
      'NEXT_APPOINTMENT_SET',
      'CLOSED',
      'NO_FURTHER_VISIT_NEEDED',
    ]);
    expect(caseRef.nextEvents('nurse')).toEqual([
      'HEALTH_CHECK_DONE',
      'TEAM_REVIEWED',
      'SITUATION_MAPPED',
      'FOLLOW_UP_PLAN_MADE',
      'REFERRED_ONWARD',
      'NEXT_APPOINTMENT_SET',
      'CLOSED',
      'NO_FURTHER_VISIT_NEEDED',
    ]);
  });
});
