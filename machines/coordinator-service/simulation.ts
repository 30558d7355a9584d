import type { SimulationProfile } from '../../src/path/index.js';
import type { CoordinatorEvents, CoordinatorEventsV1 } from './events.js';

/**
 * How a synthetic cohort moves in the coordinator service. The Eksote pilot (1.9.–30.11.2022) had 9
 * clients with 1–5 meetings each, 4 of them referred to a doctor after an anonymous consultation
 * (S3 `003_b3609eb1a20809d4.txt`:457–460): too few for a share to compare with, so the weights are
 * modelling choices.
 */
export const coordinatorSimulationV1: SimulationProfile<CoordinatorEventsV1> = {
  eventWeights: {
    ELIGIBILITY_FAILED: 0.15,
    CONSENT_DECLINED: 0.2,
    CONSENT_WITHDRAWN: 0.05,
    TYP_CRITERIA_MET: 0.05,
    CLIENT_COPES_INDEPENDENTLY: 0.08,
    CLOSED: 0.12,
    INTERIM_REVIEW_HELD: 0.3,
    JOB_OR_STUDY_PLACE_GAINED: 0.15,
    KYKYVIISARI_RECORDED: 0.3,
    TEAM_CONSULTED: 0.3,
    NETWORK_WORK_DONE: 0.4,
    SERVICE_FOLLOWED_UP: 0.4,
    CONSENT_GIVEN: 0.3,
  },
  eventWeightsIn: {
    eligibilityCheck: { ELIGIBILITY_CONFIRMED: 3, CLOSED: 0.05 },
    consentPending: { CONSENT_GIVEN: 4, CLOSED: 0.05 },
    mapping: { PLAN_AGREED: 0.8 },
  },
  payloadWeights: {
    REFERRED: { route: { employmentServices: 5, socialHealthServices: 3, selfContact: 1 } },
    TEAM_CONSULTED: { anonymous: { true: 2, false: 1 } },
    CLOSED: { exit: { employedOrStudying: 8, clientWithdrew: 1, moved: 0.5, unreachable: 0.5, other: 0.5 } },
  },
  daysBetween: { default: [3, 21] },
};

/**
 * Version 2 moves as version 1; one referral in five comes because TYP does not suit (S3:573), and a few
 * eligibility checks give no months (the shares are modelling choices: the seeds give none).
 */
export const coordinatorSimulation: SimulationProfile<CoordinatorEvents> = {
  ...coordinatorSimulationV1,
  payloadWeights: {
    ...coordinatorSimulationV1.payloadWeights,
    REFERRED: { ...coordinatorSimulationV1.payloadWeights?.REFERRED, typNotSuitable: { undefined: 8, criteriaNotMet: 1, notTimely: 1 } },
  },
};
