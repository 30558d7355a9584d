import type { SimulationProfile } from '../../src/path/index.js';
import type { TeamIntakeEvents } from './events.js';

/** Tuned towards Sampoharju's funnel: 40 clients to intake, 14 on to the team (S2 `002_f1ffdd193307e45a.txt`:72). */
export const teamIntakeSimulation: SimulationProfile<TeamIntakeEvents> = {
  eventWeights: { CLOSED: 0.05, CONSULTED_TEAM: 0.5, PLAN_FOLLOWED_UP: 0.8 },
  eventWeightsIn: {
    needIdentified: { INTAKE_STARTED: 5 },
    intakeService: { HANDLED_IN_INTAKE: 1, REFERRED_TO_TEAM: 0.75, CONSENT_GIVEN: 0.8 },
    teamReferralDecision: { CASE_MANAGER_ASSIGNED: 2, CONSENT_GIVEN: 2, TEAM_MEETING_HELD: 2, HANDLED_IN_INTAKE: 0.2 },
    teamCase: { SUPPORT_PLAN_CREATED: 1.5 },
    supportPlanActive: { CLOSED: 0.6 },
  },
  payloadWeights: {
    NEED_IDENTIFIED: { by: { healthCare: 4, socialCare: 3, employmentServices: 3, kela: 1, education: 1, self: 1 } },
    CONSULTED_TEAM: { anonymous: { true: 2, false: 1 } },
    CLOSED: { outcome: { planCompleted: 5, transferred: 1, other: 1 } },
  },
  daysBetween: { default: [2, 14] },
  reference: [
    {
      state: 'teamCase',
      share: 14 / 40,
      label: { fi: 'Tiimiin edenneet', sv: 'Gick vidare till teamet', en: 'Went on to the team' },
      source: { seed: '002_f1ffdd193307e45a.txt', lines: '72' },
    },
  ],
};

/**
 * Version 2: as version 1, and now and then a client referred straight to the team (S2:73, 75). The
 * seeds give no share of direct referrals, so the weight is a modelling choice kept small enough that
 * the Sampoharju funnel (14 of 40 on to the team, S2:72) still comes out near the seed.
 */
export const teamIntakeSimulationV2: SimulationProfile<TeamIntakeEvents> = {
  ...teamIntakeSimulation,
  eventWeightsIn: {
    ...teamIntakeSimulation.eventWeightsIn,
    needIdentified: { INTAKE_STARTED: 5, REFERRED_TO_TEAM: 0.25 },
  },
};
