import { describe, expect, it } from 'vitest';
import { givenCase } from 'kykypolku/testing';
import { workabilityPath } from 'kykypolku/paths';
import {
  assessmentBooked,
  assessmentDone,
  closed,
  contactReceived,
  coordinatorAssigned,
  doctorAssessmentDone,
  doctorVisitBooked,
  followUpPlanMade,
  healthCheckDone,
  nextAppointmentSet,
  nextAt,
  nurse,
  reach,
  referredOnward,
  situationMapped,
  teamReviewed,
  type WorkabilityInput,
} from '../../support/workabilityInputs.js';

// Every transition of domain.md §9(a), written as: from a state reached this way, this event
// leads there. "stays" rows are in-state events (recorded, state unchanged).
const transitions: readonly [from: keyof typeof reach, event: () => WorkabilityInput, to: string][] = [
  ['opened', () => contactReceived('selfBooking'), 'contacted'],
  ['contacted', assessmentBooked, 'initialAssessment'],
  ['initialAssessment', assessmentBooked, 'initialAssessment'],
  ['initialAssessment', () => assessmentDone('nurse'), 'healthCheck'],
  ['initialAssessment', () => assessmentDone('coordinator'), 'coordinatorSupport'],
  ['initialAssessment', () => situationMapped(), 'initialAssessment'],
  ['healthCheck', healthCheckDone, 'healthCheck'],
  ['healthCheck', () => coordinatorAssigned(), 'coordinatorSupport'],
  ['healthCheck', () => situationMapped(), 'healthCheck'],
  ['healthCheck', followUpPlanMade, 'servicePlanning'],
  ['healthCheck', referredOnward, 'healthCheck'],
  ['coordinatorSupport', healthCheckDone, 'healthCheck'],
  ['coordinatorSupport', () => coordinatorAssigned(), 'coordinatorSupport'],
  ['coordinatorSupport', () => situationMapped(), 'coordinatorSupport'],
  ['coordinatorSupport', followUpPlanMade, 'servicePlanning'],
  ['coordinatorSupport', referredOnward, 'coordinatorSupport'],
  ['doctorAssessment', doctorAssessmentDone, 'servicePlanning'],
  ['doctorAssessment', () => doctorVisitBooked(), 'doctorAssessment'],
  ['doctorAssessment', referredOnward, 'doctorAssessment'],
  ['servicePlanning', followUpPlanMade, 'servicePlanning'],
  ['servicePlanning', referredOnward, 'servicePlanning'],
  ['servicePlanning', () => coordinatorAssigned(), 'coordinatorSupport'],
  ['servicePlanning', () => situationMapped(), 'servicePlanning'],
];

describe('work-ability support path transitions', () => {
  it.each(transitions)('from %s, %s leads to %s', (from, event, to) => {
    givenCase(workabilityPath, reach[from]())
      .when(event())
      .thenAccepted(to as never);
  });

  it('starts in opened and takes only a contact there', () => {
    const { caseRef } = givenCase(workabilityPath);
    expect(caseRef.state.value).toBe('opened');
    expect(caseRef.nextEvents()).toEqual(['CONTACT_RECEIVED']);
  });

  it('starts a relationship at a network meeting straight with the coordinator (S1:185)', () => {
    givenCase(workabilityPath, reach.contacted('networkMeeting')).when(coordinatorAssigned()).thenAccepted('coordinatorSupport');
  });

  it('does not let other routes skip the initial assessment to the coordinator (S0:133, S1:185)', () => {
    for (const route of ['selfBooking', 'outreach', 'jointReception', 'internalReferral'] as const) {
      givenCase(workabilityPath, reach.contacted(route)).when(coordinatorAssigned()).thenRejected('RULE_VIOLATED', {
        state: 'contacted',
        ruleId: 'initial-assessment-unless-network-meeting',
      });
    }
  });

  // S1 `001_55550c4af1568658.txt`:186 — the initial assessment is done "muutoinkin, kuin puhelimitse": at an
  // association partner's premises ("yhdistysyhteistyökumppanin tiloihin") and as a joint reception with
  // the employment authority ("yhteisvastaanottona").
  it.each(['partnerPremises', 'jointReception', 'phone', 'eBooking'] as const)(
    'records an initial assessment booked as %s (S1:186)',
    (channel) => {
      givenCase(workabilityPath, reach.contacted())
        .when({ type: 'INITIAL_ASSESSMENT_BOOKED', at: nextAt(), actor: nurse, payload: { channel } })
        .thenAccepted('initialAssessment');
    },
  );

  const openStates = [
    'contacted',
    'initialAssessment',
    'healthCheck',
    'coordinatorSupport',
    'doctorAssessment',
    'servicePlanning',
  ] as const;

  it.each(openStates)('takes the weekly team review, a next appointment and closing in %s', (state) => {
    givenCase(workabilityPath, reach[state]()).when(teamReviewed()).thenAccepted(state);
    givenCase(workabilityPath, reach[state]()).when(nextAppointmentSet()).thenAccepted(state);
    const caseRef = givenCase(workabilityPath, reach[state]()).when(closed('employed')).thenAccepted('closed');
    expect(caseRef.state).toMatchObject({ status: 'closed', outcome: 'employed' });
  });

  it('refuses anything on a closed case, and changes nothing', () => {
    givenCase(workabilityPath, reach.closed()).when(teamReviewed()).thenRejected('CASE_CLOSED', { state: 'closed' });
  });

  it('refuses an event the state has no transition for', () => {
    givenCase(workabilityPath, reach.contacted()).when(doctorAssessmentDone()).thenRejected('NOT_ALLOWED_IN_STATE', {
      eventType: 'DOCTOR_ASSESSMENT_DONE',
      state: 'contacted',
    });
    givenCase(workabilityPath, reach.opened()).when(teamReviewed()).thenRejected('NOT_ALLOWED_IN_STATE', { state: 'opened' });
  });

  it('goes back and forth between the nurse and the coordinator (pair work)', () => {
    givenCase(workabilityPath, [...reach.healthCheck(), coordinatorAssigned(), healthCheckDone(), coordinatorAssigned()])
      .when(healthCheckDone())
      .thenAccepted('healthCheck');
  });

  it('walks the doctor route from contact to close', () => {
    const caseRef = givenCase(workabilityPath, [
      contactReceived(),
      assessmentBooked(),
      assessmentDone('coordinator'),
      coordinatorAssigned(),
      situationMapped(),
      doctorVisitBooked(),
      doctorAssessmentDone(),
      referredOnward(),
    ])
      .when(closed('employed'))
      .thenAccepted('closed');
    expect(caseRef.history.map((event) => event.type)).toEqual([
      'CONTACT_RECEIVED',
      'INITIAL_ASSESSMENT_BOOKED',
      'INITIAL_ASSESSMENT_DONE',
      'COORDINATOR_ASSIGNED',
      'SITUATION_MAPPED',
      'DOCTOR_VISIT_BOOKED',
      'DOCTOR_ASSESSMENT_DONE',
      'REFERRED_ONWARD',
      'CLOSED',
    ]);
    expect(caseRef.history.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('work-ability path assignee', () => {
  it('is the coordinator last assigned, for caseloads and work lists', () => {
    const { caseRef } = givenCase(workabilityPath, [...reach.healthCheck(), coordinatorAssigned()]);
    expect(workabilityPath.assigneeOf?.(caseRef.history, caseRef.state)).toBe('coordinator-1');
    const fresh = givenCase(workabilityPath, reach.healthCheck()).caseRef;
    expect(workabilityPath.assigneeOf?.(fresh.history, fresh.state)).toBeUndefined();
  });
});
