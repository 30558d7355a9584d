import { describe, expect, it } from 'vitest';
import { givenCase } from 'kykypolku/testing';
import { ipsJobCoachingPath } from 'kykypolku/paths';
import {
  closedWith,
  handoverStarted,
  jobEnded,
  newPlanSecured,
  paused,
  reachIps,
  supervisor,
  supportNetworkConfirmed,
  workTrialStarted,
} from '../../support/ipsInputs.js';

describe('IPS job coaching hard rules', () => {
  describe('closing only through hand-over with a new plan and a support network (S1:331, S1:259)', () => {
    it('refuses closing from hand-over without a new plan', () => {
      givenCase(ipsJobCoachingPath, [...reachIps.inWorkSupport(), handoverStarted(), supportNetworkConfirmed()])
        .when(closedWith('employed'))
        .thenRejected('RULE_VIOLATED', { ruleId: 'closing-through-handover' });
    });

    it('refuses closing from hand-over without a confirmed support network', () => {
      givenCase(ipsJobCoachingPath, [...reachIps.inWorkSupport(), handoverStarted(), newPlanSecured()])
        .when(closedWith('employed'))
        .thenRejected('RULE_VIOLATED', { ruleId: 'closing-through-handover' });
    });

    it('closes from hand-over once both are secured', () => {
      const caseRef = givenCase(ipsJobCoachingPath, [
        ...reachIps.inWorkSupport(),
        handoverStarted(),
        newPlanSecured(),
        supportNetworkConfirmed(),
      ])
        .when(closedWith('employed'))
        .thenAccepted('closed');
      expect(caseRef.state.outcome).toBe('employed');
    });

    it.each(['jobSearch', 'employerEngagement', 'inWorkSupport'] as const)(
      'refuses a non-administrative closing straight from %s',
      (phase) => {
        givenCase(ipsJobCoachingPath, reachIps[phase]())
          .when(closedWith('pension'))
          .thenRejected('RULE_VIOLATED', { ruleId: 'closing-through-handover' });
      },
    );

    it.each(['selfDiscontinued', 'moved', 'unreachable'] as const)('allows the administrative closure %s without hand-over', (outcome) => {
      givenCase(ipsJobCoachingPath, reachIps.jobSearch()).when(closedWith(outcome, supervisor)).thenAccepted('closed');
      givenCase(ipsJobCoachingPath, [...reachIps.jobSearch(), paused()])
        .when(closedWith(outcome))
        .thenAccepted('closed');
    });
  });

  describe('outcomes kept apart (S1:258)', () => {
    it('refuses "employed" for a client who never started a job, even after a full hand-over', () => {
      givenCase(ipsJobCoachingPath, [...reachIps.jobSearch(), handoverStarted(), newPlanSecured(), supportNetworkConfirmed()])
        .when(closedWith('employed'))
        .thenRejected('RULE_VIOLATED', { ruleId: 'outcome-matches-history' });
    });

    it('refuses "work trial" without a work trial, and takes it after one', () => {
      const handover = () => [handoverStarted(), newPlanSecured(), supportNetworkConfirmed()];
      givenCase(ipsJobCoachingPath, [...reachIps.jobSearch(), ...handover()])
        .when(closedWith('workTrial'))
        .thenRejected('RULE_VIOLATED', {
          ruleId: 'outcome-matches-history',
        });
      givenCase(ipsJobCoachingPath, [...reachIps.jobSearch(), workTrialStarted(), ...handover()])
        .when(closedWith('workTrial'))
        .thenAccepted('closed');
    });

    it('keeps "employed" once employed, even when the job later ended', () => {
      givenCase(ipsJobCoachingPath, [
        ...reachIps.inWorkSupport(),
        jobEnded(),
        handoverStarted(),
        newPlanSecured(),
        supportNetworkConfirmed(),
      ])
        .when(closedWith('employed'))
        .thenAccepted('closed');
    });
  });

  it('lists its rules with their seeds', () => {
    expect(ipsJobCoachingPath.rules.map((rule) => [rule.id, `${rule.source.seed}:${rule.source.lines}`])).toEqual([
      ['closing-through-handover', '001_55550c4af1568658.txt:331'],
      ['outcome-matches-history', '001_55550c4af1568658.txt:258'],
      ['resume-returns-to-phase-left', '001_55550c4af1568658.txt:263'],
    ]);
  });
});
