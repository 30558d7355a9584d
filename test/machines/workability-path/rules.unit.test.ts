import { describe, expect, it } from 'vitest';
import { givenCase } from 'kykypolku/testing';
import { workabilityPath, workabilityPathV1 } from 'kykypolku/paths';
import {
  asV1,
  assessmentBooked,
  assessmentDone,
  contactReceived,
  coordinatorAssigned,
  doctorAssessmentDone,
  doctorVisitBooked,
  followUpPlanMade,
  nextAt,
  nurse,
  reach,
  situationMapped,
  type WorkabilityInput,
} from '../../support/workabilityInputs.js';

describe('work-ability path hard rules', () => {
  it('names each hard rule with its seed', () => {
    expect(workabilityPath.rules.map((rule) => [rule.id, `${rule.source.seed}:${rule.source.lines}`])).toEqual([
      ['eligible-at-entry', '001_55550c4af1568658.txt:165'],
      ['situation-mapped-before-doctor', '001_55550c4af1568658.txt:185'],
      ['exactly-one-case-manager', '001_55550c4af1568658.txt:167'],
      ['initial-assessment-unless-network-meeting', '001_55550c4af1568658.txt:185'],
    ]);
  });

  describe('the situation is mapped before the doctor (S1:185), on every route', () => {
    // Each route into a state from which the doctor can be booked, the network-meeting route included.
    const routes: readonly [name: string, history: () => WorkabilityInput[]][] = [
      ['from the initial assessment', () => reach.initialAssessment()],
      ['from the health check', () => reach.healthCheck()],
      ['from coordinator support', () => reach.coordinatorSupport()],
      ['from coordinator support reached at a network meeting', () => [contactReceived('networkMeeting'), coordinatorAssigned()]],
      ['from service planning', () => reach.servicePlanning()],
      ['from service planning after the coordinator', () => [...reach.coordinatorSupport(), followUpPlanMade()]],
    ];

    it.each(routes)('refuses booking the doctor %s before mapping', (_name, history) => {
      givenCase(workabilityPath, history())
        .when(doctorVisitBooked())
        .thenRejected('RULE_VIOLATED', { ruleId: 'situation-mapped-before-doctor' });
    });

    it.each(routes)('books the doctor %s once mapped', (_name, history) => {
      givenCase(workabilityPath, [...history(), situationMapped()])
        .when(doctorVisitBooked())
        .thenAccepted('doctorAssessment');
    });

    it.each([
      ['after a self-booked contact', () => reach.contacted()],
      ['at a network meeting', () => reach.contacted('networkMeeting')],
    ] as const)('refuses booking the doctor straight %s: nothing is mapped yet', (_name, history) => {
      givenCase(workabilityPath, history()).when(doctorVisitBooked()).thenRejected('NOT_ALLOWED_IN_STATE', { state: 'contacted' });
    });

    it('cannot map the situation at the contact alone: a network meeting leads to the coordinator first', () => {
      givenCase(workabilityPath, reach.contacted('networkMeeting')).when(situationMapped()).thenRejected('NOT_ALLOWED_IN_STATE');
    });

    it('does not let the doctor map the situation the visit depends on', () => {
      givenCase(workabilityPath, reach.healthCheck())
        .when(situationMapped({ role: 'doctor', id: 'd' }))
        .thenRejected('ROLE_NOT_PERMITTED');
    });

    it('cannot hold the doctor assessment without a booked visit', () => {
      givenCase(workabilityPath, [...reach.healthCheck(), situationMapped()])
        .when(doctorAssessmentDone())
        .thenRejected('NOT_ALLOWED_IN_STATE');
    });
  });

  // S1:167 "Työkykykoordinaattori toimii niiden asiakkaiden asiakasvastaavana, joilla ei ole sosiaalihuollon
  // omatyöntekijää", read both ways (issue 14 item 5): the coordinator is the case manager exactly when the client
  // has no own-worker, so every case past the assignment has one case manager, never none and never two.
  describe('S1:167 — exactly one case manager from the assignment on: the coordinator, or the own-worker', () => {
    const entries: readonly [name: string, history: () => WorkabilityInput[]][] = [
      ['at a network meeting', () => reach.contacted('networkMeeting')],
      ['from the health check', () => reach.healthCheck()],
      ['in coordinator support', () => reach.coordinatorSupport()],
      ['from service planning', () => reach.servicePlanning()],
      ['again in coordinator support after an earlier assignment', () => [...reach.coordinatorSupport(), coordinatorAssigned(true, false)]],
    ];
    it.each(entries)(
      'refuses the coordinator as case manager %s when the client has an own-worker (two case managers)',
      (_name, history) => {
        givenCase(workabilityPath, history()).when(coordinatorAssigned(true, true)).thenRejected('RULE_VIOLATED', {
          ruleId: 'exactly-one-case-manager',
        });
      },
    );
    it.each(entries)('refuses the coordinator not as case manager %s when the client has no own-worker (none)', (_name, history) => {
      const before = givenCase(workabilityPath, history());
      before.when(coordinatorAssigned(false, false)).thenRejected('RULE_VIOLATED', { ruleId: 'exactly-one-case-manager' });
    });
    it.each(entries)('assigns the coordinator %s: as case manager without an own-worker, or beside one', (_name, history) => {
      const asManager = givenCase(workabilityPath, history()).when(coordinatorAssigned(true, false)).thenAccepted('coordinatorSupport');
      expect(asManager.state.context).toMatchObject({ coordinatorIsCaseManager: true, clientHasSocialCareOwnWorker: false });
      const beside = givenCase(workabilityPath, history()).when(coordinatorAssigned(false, true)).thenAccepted('coordinatorSupport');
      expect(beside.state.context).toMatchObject({ coordinatorIsCaseManager: false, clientHasSocialCareOwnWorker: true });
    });
    it('version 1, kept for its stored cases, still accepts an assignment that leaves no case manager (S1:167 read one way)', () => {
      const history = asV1(reach.healthCheck());
      const [assignedWithoutManager] = asV1([coordinatorAssigned(false, false)]);
      const v1 = givenCase(workabilityPathV1, history).when(assignedWithoutManager!);
      expect(v1.thenAccepted('coordinatorSupport').state.context).toMatchObject({ coordinatorIsCaseManager: false });
      givenCase(workabilityPathV1, asV1(reach.healthCheck()))
        .when(asV1([coordinatorAssigned(true, true)])[0]!)
        .thenRejected('RULE_VIOLATED', { ruleId: 'coordinator-case-manager-only-without-own-worker' });
    });
  });

  describe('eligibility at entry (S1:165)', () => {
    const contact = (hasOccupationalOrStudentHealthCare: boolean, workAbilityConcern: boolean): WorkabilityInput => ({
      type: 'CONTACT_RECEIVED',
      at: nextAt(),
      actor: nurse,
      payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare, workAbilityConcern },
    });
    it('opens the path for a client without occupational or student health care who has a work-ability concern', () => {
      givenCase(workabilityPath).when(contact(false, true)).thenAccepted('contacted');
    });
    it('refuses a client who has occupational or student health care', () => {
      givenCase(workabilityPath).when(contact(true, true)).thenRejected('RULE_VIOLATED', { ruleId: 'eligible-at-entry' });
    });
    it('refuses a client without a work-ability concern', () => {
      givenCase(workabilityPath).when(contact(false, false)).thenRejected('RULE_VIOLATED', { ruleId: 'eligible-at-entry' });
    });
  });

  it('routes the initial assessment to the nurse or the coordinator only (S0:133)', () => {
    givenCase(workabilityPath, [contactReceived(), assessmentBooked()]).when(assessmentDone('nurse')).thenAccepted('healthCheck');
    givenCase(workabilityPath, [contactReceived(), assessmentBooked()])
      .when(assessmentDone('coordinator'))
      .thenAccepted('coordinatorSupport');
  });
});
