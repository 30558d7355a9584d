import { describe, expect, it } from 'vitest';
import type { CaseInputOf } from 'kykypolku';
import { givenCase } from 'kykypolku/testing';
import { supportTeamIntakePath } from 'kykypolku/paths';

type Input = CaseInputOf<typeof supportTeamIntakePath>;
const intake = { role: 'intakeWorker', id: 'iw-1' } as const;
const manager = { role: 'caseManager', id: 'cm-1' } as const;
let day = 0;
const next = () => new Date(Date.UTC(2022, 4, 2) + ++day * 86_400_000).toISOString();

const needIdentified = (): Input => ({
  type: 'NEED_IDENTIFIED',
  at: next(),
  actor: { role: 'professional', id: 'gp-1' },
  payload: { by: 'healthCare' },
});
const intakeStarted = (): Input => ({ type: 'INTAKE_STARTED', at: next(), actor: intake });
const consulted = (anonymous: boolean): Input => ({ type: 'CONSULTED_TEAM', at: next(), actor: intake, payload: { anonymous } });
const referredToTeam = (): Input => ({ type: 'REFERRED_TO_TEAM', at: next(), actor: intake });
const consent = (): Input => ({ type: 'CONSENT_GIVEN', at: next(), actor: intake });
const caseManager = (): Input => ({ type: 'CASE_MANAGER_ASSIGNED', at: next(), actor: manager });
const teamMeeting = (): Input => ({ type: 'TEAM_MEETING_HELD', at: next(), actor: { role: 'teamMember', id: 'tm-1' } });
const planCreated = (): Input => ({ type: 'SUPPORT_PLAN_CREATED', at: next(), actor: manager });
const closed = (outcome: 'planCompleted' | 'transferred' | 'other'): Input => ({
  type: 'CLOSED',
  at: next(),
  actor: manager,
  payload: { outcome },
});

const inIntake = () => [needIdentified(), intakeStarted()];
const atDecision = () => [...inIntake(), referredToTeam()];

describe('Keski-Suomi work-ability support team intake', () => {
  it('resolves a need in the intake service, as most did (S2:72: 26 of 40)', () => {
    expect(
      givenCase(supportTeamIntakePath, inIntake()).when({ type: 'HANDLED_IN_INTAKE', at: next(), actor: intake }).thenAccepted('closed')
        .state.outcome,
    ).toBe('resolvedInIntake');
  });

  it('consults the team anonymously without a team case and without consent (S2:74)', () => {
    givenCase(supportTeamIntakePath, inIntake()).when(consulted(true)).thenAccepted('intakeService');
  });

  it('refuses an identifiable consultation without consent, and takes it with consent', () => {
    givenCase(supportTeamIntakePath, inIntake())
      .when(consulted(false))
      .thenRejected('RULE_VIOLATED', { ruleId: 'consent-before-identifiable-team-work' });
    givenCase(supportTeamIntakePath, [...inIntake(), consent()])
      .when(consulted(false))
      .thenAccepted('intakeService');
  });

  describe('a team case needs a named case manager (S2:48)', () => {
    it('refuses the team taking the case without one', () => {
      givenCase(supportTeamIntakePath, [...atDecision(), consent()])
        .when(teamMeeting())
        .thenRejected('RULE_VIOLATED', { ruleId: 'team-case-has-case-manager' });
    });
    it('refuses it without consent too', () => {
      givenCase(supportTeamIntakePath, [...atDecision(), caseManager()])
        .when(teamMeeting())
        .thenRejected('RULE_VIOLATED', {
          ruleId: 'consent-before-identifiable-team-work',
        });
    });
    it('takes the case with both, then a support plan, then closes with the plan completed', () => {
      const caseRef = givenCase(supportTeamIntakePath, [...atDecision(), caseManager(), consent(), teamMeeting(), planCreated()])
        .when(closed('planCompleted'))
        .thenAccepted('closed');
      expect(caseRef.state.outcome).toBe('planCompleted');
      expect(supportTeamIntakePath.assigneeOf?.(caseRef.history, caseRef.state)).toBe('cm-1');
    });
  });

  it('refuses "plan completed" where there is no plan', () => {
    givenCase(supportTeamIntakePath, inIntake())
      .when(closed('planCompleted'))
      .thenRejected('RULE_VIOLATED', { ruleId: 'plan-completed-only-with-plan' });
    givenCase(supportTeamIntakePath, inIntake()).when(closed('transferred')).thenAccepted('closed');
  });
});
