import type { SimulationProfile } from '../../src/path/index.js';
import type { IpsEvents, IpsEventsV1 } from './events.js';

/**
 * How a synthetic cohort moves in IPS job coaching, tuned towards the Essote figures: 35 clients
 * (31 with a Kykyviisari id and 4 without, S1 `001_55550c4af1568658.txt`:256), of whom 10 were
 * employed (S1:258). Referral sources weighted as S1:256 reports them (19 municipal pilot, 6 social
 * work, 3 TYP, 3 TE, 2 coordinator or lifestyle coaches, 3 self).
 */
export const ipsSimulationV1: SimulationProfile<IpsEventsV1> = {
  eventWeights: {
    CLIENT_DECLINED: 0.15,
    REPROFILE_NEEDED: 0.15,
    REENGAGEMENT_NEEDED: 0.1,
    PAUSED: 0.15,
    HANDOVER_STARTED: 0.25,
    EMPLOYMENT_STARTED: 0.25,
    WORK_TRIAL_STARTED: 0.2,
    JOB_ENDED: 0.3,
    NETWORK_MEETING_HELD: 0.4,
    KYKYVIISARI_RECORDED: 0.3,
    BENEFITS_COUNSELLING_GIVEN: 0.3,
    COACH_ASSIGNED: 0.05,
    CLOSED: 0.012,
  },
  eventWeightsIn: {
    referred: { COACH_ASSIGNED: 4, CLIENT_DECLINED: 0.3, NETWORK_MEETING_HELD: 0.3, CLOSED: 0.1 },
    'active.engagement': { CLIENT_CHOSE_SUPPORTED_EMPLOYMENT: 3, CLIENT_DECLINED: 0.5 },
    'active.inWorkSupport': { HANDOVER_STARTED: 0.6, JOB_ENDED: 0.5 },
    handover: { NEW_PLAN_SECURED: 3, SUPPORT_NETWORK_CONFIRMED: 3, CLOSED: 0.8, RESUMED: 0.2 },
    onHold: { RESUMED: 2, CLOSED: 0.3 },
  },
  payloadWeights: {
    REFERRAL_RECEIVED: {
      source: {
        municipalEmploymentPilot: 19,
        workingAgeSocialWork: 6,
        typ: 3,
        employmentServices: 3,
        workAbilityCoordinator: 1,
        lifestyleGuidance: 1,
        self: 3,
        other: 0,
      },
      hasClientData: { true: 4, false: 1 },
    },
    EMPLOYMENT_STARTED: { wageSubsidy: { true: 9, false: 1 }, contract: { fixedTerm: 9, permanent: 1 } },
    CLOSED: {
      outcome: {
        employed: 6,
        workTrial: 3,
        rehabilitativeWorkActivity: 1,
        pension: 1,
        transferredToOtherProject: 1,
        selfDiscontinued: 1,
        moved: 0.3,
        unreachable: 0.3,
        other: 0.5,
      },
    },
  },
  daysBetween: { default: [3, 21], PAUSED: [7, 60], RESUMED: [14, 90] },
  reference: [
    {
      state: 'active.inWorkSupport',
      share: 10 / 35,
      label: { fi: 'Työllistyneet', sv: 'Fick arbete', en: 'Reached employment (in-work support)' },
      source: { seed: '001_55550c4af1568658.txt', lines: '256-258' },
    },
  ],
};

/** Version 2: as version 1, and now and then a review with the referrer (the weight is a modelling choice). */
export const ipsSimulation: SimulationProfile<IpsEvents> = {
  ...ipsSimulationV1,
  eventWeights: { ...ipsSimulationV1.eventWeights, REVIEWED_WITH_REFERRER: 0.1 },
};
