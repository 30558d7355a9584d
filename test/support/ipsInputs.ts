import type { CaseInputOf } from 'kykypolku';
import type { ipsJobCoachingPath } from 'kykypolku/paths';

/** Inputs of IPS job coaching for tests, named after what happened. */
export type IpsInput = CaseInputOf<typeof ipsJobCoachingPath>;

export const coach = { role: 'coach', id: 'coach-1' } as const;
export const referrer = { role: 'referrer', id: 'referrer-1' } as const;
export const supervisor = { role: 'supervisor', id: 'supervisor-1' } as const;

let day = 0;
/** Increasing instants, a day apart. */
export function nextDay(): string {
  day += 1;
  return new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString();
}

const plain =
  (type: IpsInput['type'], actor: IpsInput['actor'] = coach) =>
  (): IpsInput =>
    ({ type, at: nextDay(), actor }) as IpsInput;

export const referralReceived = (): IpsInput => ({
  type: 'REFERRAL_RECEIVED',
  at: nextDay(),
  actor: referrer,
  payload: { source: 'workingAgeSocialWork', hasClientData: true },
});
export const coachAssigned = (actor: IpsInput['actor'] = coach): IpsInput => ({ type: 'COACH_ASSIGNED', at: nextDay(), actor });
export const chose = plain('CLIENT_CHOSE_SUPPORTED_EMPLOYMENT');
export const declined = plain('CLIENT_DECLINED');
export const profileCompleted = plain('PROFILE_COMPLETED');
export const employerContacted = (): IpsInput => ({
  type: 'EMPLOYER_CONTACTED',
  at: nextDay(),
  actor: coach,
  payload: { employerId: '1234567-8' },
});
export const jobMatched = plain('JOB_MATCHED');
export const jobSearchResumed = plain('JOB_SEARCH_RESUMED');
export const employmentStarted = (): IpsInput => ({
  type: 'EMPLOYMENT_STARTED',
  at: nextDay(),
  actor: coach,
  payload: { contract: 'fixedTerm', wageSubsidy: true },
});
export const workTrialStarted = plain('WORK_TRIAL_STARTED');
export const jobEnded = (): IpsInput => ({ type: 'JOB_ENDED', at: nextDay(), actor: coach, payload: { reason: 'contractEnded' } });
export const reprofileNeeded = plain('REPROFILE_NEEDED');
export const reengagementNeeded = plain('REENGAGEMENT_NEEDED');
export const paused = (): IpsInput => ({ type: 'PAUSED', at: nextDay(), actor: coach, payload: { reason: 'health' } });
export const resumed = plain('RESUMED');
export const networkMeetingHeld = (): IpsInput => ({
  type: 'NETWORK_MEETING_HELD',
  at: nextDay(),
  actor: referrer,
  payload: { planUpdated: true },
});
export const kykyviisari = (phase: 'baseline' | 'followup' | 'final'): IpsInput => ({
  type: 'KYKYVIISARI_RECORDED',
  at: nextDay(),
  actor: coach,
  payload: { instrumentVersion: '2022', phase, administeredOn: '2024-01-15', areaScores: { mind: 6.5, skills: 7 } },
});
export const benefitsCounselling = plain('BENEFITS_COUNSELLING_GIVEN');
export const handoverStarted = plain('HANDOVER_STARTED');
export const newPlanSecured = plain('NEW_PLAN_SECURED');
export const supportNetworkConfirmed = plain('SUPPORT_NETWORK_CONFIRMED', referrer);
export const closedWith = (
  outcome:
    | 'employed'
    | 'workTrial'
    | 'rehabilitativeWorkActivity'
    | 'pension'
    | 'transferredToOtherProject'
    | 'selfDiscontinued'
    | 'moved'
    | 'unreachable'
    | 'other',
  actor: IpsInput['actor'] = coach,
): IpsInput => ({ type: 'CLOSED', at: nextDay(), actor, payload: { outcome } });

/** Histories that bring a case to each state. */
export const reachIps = {
  referred: (): IpsInput[] => [referralReceived()],
  engagement: (): IpsInput[] => [referralReceived(), coachAssigned()],
  vocationalProfiling: (): IpsInput[] => [referralReceived(), coachAssigned(), chose()],
  jobSearch: (): IpsInput[] => [referralReceived(), coachAssigned(), chose(), profileCompleted()],
  employerEngagement: (): IpsInput[] => [referralReceived(), coachAssigned(), chose(), profileCompleted(), employerContacted()],
  inWorkSupport: (): IpsInput[] => [
    referralReceived(),
    coachAssigned(),
    chose(),
    profileCompleted(),
    employerContacted(),
    employmentStarted(),
  ],
};
