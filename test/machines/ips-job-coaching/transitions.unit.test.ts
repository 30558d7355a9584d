import { describe, expect, it } from 'vitest';
import { givenCase } from 'kykypolku/testing';
import { ipsJobCoachingPath } from 'kykypolku/paths';
import {
  benefitsCounselling,
  chose,
  coachAssigned,
  declined,
  employerContacted,
  employmentStarted,
  handoverStarted,
  jobEnded,
  jobMatched,
  jobSearchResumed,
  kykyviisari,
  networkMeetingHeld,
  paused,
  profileCompleted,
  reachIps,
  reengagementNeeded,
  referralReceived,
  reprofileNeeded,
  resumed,
  workTrialStarted,
  type IpsInput,
} from '../../support/ipsInputs.js';

const phases = ['engagement', 'vocationalProfiling', 'jobSearch', 'employerEngagement', 'inWorkSupport'] as const;

const forward: readonly [from: keyof typeof reachIps | 'opened', event: () => IpsInput, to: string][] = [
  ['opened', referralReceived, 'referred'],
  ['referred', () => coachAssigned(), 'active.engagement'],
  ['engagement', chose, 'active.vocationalProfiling'],
  ['vocationalProfiling', profileCompleted, 'active.jobSearch'],
  ['jobSearch', employerContacted, 'active.employerEngagement'],
  ['employerEngagement', employerContacted, 'active.employerEngagement'],
  ['employerEngagement', jobMatched, 'active.employerEngagement'],
  ['employerEngagement', jobSearchResumed, 'active.jobSearch'],
  ['jobSearch', employmentStarted, 'active.inWorkSupport'],
  ['employerEngagement', employmentStarted, 'active.inWorkSupport'],
  ['inWorkSupport', jobEnded, 'active.jobSearch'],
  ['inWorkSupport', employmentStarted, 'active.inWorkSupport'],
  ['jobSearch', workTrialStarted, 'active.jobSearch'],
];

const history = (from: keyof typeof reachIps | 'opened') => (from === 'opened' ? [] : reachIps[from]());

describe('IPS job coaching transitions', () => {
  it.each(forward)('from %s, %s leads to %s', (from, event, to) => {
    givenCase(ipsJobCoachingPath, history(from))
      .when(event())
      .thenAccepted(to as never);
  });

  it('closes as declined when the client makes the informed choice not to start (EUSE)', () => {
    const caseRef = givenCase(ipsJobCoachingPath, reachIps.engagement()).when(declined()).thenAccepted('closed');
    expect(caseRef.state.outcome).toBe('declined');
    givenCase(ipsJobCoachingPath, reachIps.referred()).when(declined()).thenAccepted('closed');
  });

  it('does not take a decline once the client has chosen supported employment', () => {
    givenCase(ipsJobCoachingPath, reachIps.jobSearch()).when(declined()).thenRejected('NOT_ALLOWED_IN_STATE');
  });

  it.each(['jobSearch', 'employerEngagement', 'inWorkSupport'] as const)('goes back to re-profiling from %s (S1:248)', (phase) => {
    givenCase(ipsJobCoachingPath, reachIps[phase]()).when(reprofileNeeded()).thenAccepted('active.vocationalProfiling');
  });

  it.each(['vocationalProfiling', 'jobSearch', 'employerEngagement', 'inWorkSupport'] as const)(
    'goes back to the starting situation from %s (S1:248)',
    (phase) => {
      givenCase(ipsJobCoachingPath, reachIps[phase]()).when(reengagementNeeded()).thenAccepted('active.engagement');
    },
  );

  it.each(phases)('pauses in %s and resumes in the same phase (S1:263)', (phase) => {
    const caseRef = givenCase(ipsJobCoachingPath, [...reachIps[phase](), paused()])
      .when(resumed())
      .thenAccepted(`active.${phase}`);
    expect(caseRef.state.context.phaseLeft).toBeNull();
  });

  it.each(phases)('takes network meetings, Kykyviisari and benefits counselling in %s without moving', (phase) => {
    for (const event of [networkMeetingHeld, () => kykyviisari('followup'), benefitsCounselling, () => coachAssigned()]) {
      givenCase(ipsJobCoachingPath, reachIps[phase]()).when(event()).thenAccepted(`active.${phase}`);
    }
  });

  it('keeps several employment episodes in one case: employed, job ended, employed again (S1:258)', () => {
    const caseRef = givenCase(ipsJobCoachingPath, [...reachIps.inWorkSupport(), jobEnded(), employerContacted()])
      .when(employmentStarted())
      .thenAccepted('active.inWorkSupport');
    expect(caseRef.history.filter((event) => event.type === 'EMPLOYMENT_STARTED')).toHaveLength(2);
  });

  it('has no time-out: a case stays open however long it runs (S1:242)', () => {
    const { caseRef } = givenCase(ipsJobCoachingPath, reachIps.jobSearch());
    const twoYearsLater = caseRef.record({
      type: 'EMPLOYER_CONTACTED',
      at: '2030-01-01T00:00:00Z',
      actor: { role: 'coach', id: 'c' },
      payload: { employerId: 'x-1' },
    });
    expect(twoYearsLater.ok).toBe(true);
    expect(caseRef.state.status).toBe('open');
    expect(caseRef.deadlines('2031-01-01T00:00:00Z').every((deadline) => deadline.kind === 'target')).toBe(true);
  });

  it('starts the hand-over from any phase and from a pause, and can call it off back to the phase left', () => {
    givenCase(ipsJobCoachingPath, [...reachIps.employerEngagement(), handoverStarted()])
      .when(resumed())
      .thenAccepted('active.employerEngagement');
    givenCase(ipsJobCoachingPath, [...reachIps.jobSearch(), paused(), handoverStarted()])
      .when(resumed())
      .thenAccepted('active.jobSearch');
  });

  it('names the coach as the assignee, for caseloads', () => {
    const { caseRef } = givenCase(ipsJobCoachingPath, [...reachIps.jobSearch(), coachAssigned({ role: 'coach', id: 'coach-2' })]);
    expect(ipsJobCoachingPath.assigneeOf?.(caseRef.history, caseRef.state)).toBe('coach-2');
  });
});
