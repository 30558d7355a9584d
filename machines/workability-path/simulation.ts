import type { SimulationProfile } from '../../src/path/index.js';
import type { WorkabilityEvents, WorkabilityEventsV2 } from './events.js';

/**
 * How a synthetic cohort moves on the work-ability path. The weights are tuned so that about one
 * client in three reaches the work-ability doctor, as the seed reports (S1
 * `001_55550c4af1568658.txt`:177: "arviolta kolmasosa"); the rest are modelling choices.
 */
export const workabilitySimulation: SimulationProfile<WorkabilityEvents> = {
  eventWeights: {
    TEAM_REVIEWED: 0.6,
    NEXT_APPOINTMENT_SET: 0.8,
    REFERRED_ONWARD: 0.5,
    CLOSED: 0.35,
    SITUATION_MAPPED: 1.2,
    DOCTOR_VISIT_BOOKED: 0.45,
    FOLLOW_UP_PLAN_MADE: 0.8,
  },
  payloadWeights: {
    CONTACT_RECEIVED: {
      route: { selfBooking: 6, outreach: 1, jointReception: 1, networkMeeting: 1, internalReferral: 2 },
    },
    // Most book remotely (S0:133); outreach to partner premises ran monthly from spring 2022 and the joint
    // reception was tried (S1:186): the proportions are a modelling choice.
    INITIAL_ASSESSMENT_BOOKED: { channel: { phone: 3, eBooking: 3, partnerPremises: 1, jointReception: 0.5 } },
    COORDINATOR_ASSIGNED: { clientHasSocialCareOwnWorker: { true: 1, false: 3 } },
    CLOSED: {
      endReason: {
        employed: 2,
        studies: 1,
        referredToTyp: 1,
        referredToKelaRehab: 1,
        referredToSocialCare: 1,
        referredToMentalHealth: 1,
        pensionProcess: 1,
        noFurtherNeed: 3,
        clientDeclined: 1,
        unreachable: 1,
        moved: 0.5,
        other: 0.5,
      },
    },
  },
  daysBetween: { default: [1, 14], TEAM_REVIEWED: [0, 7], NEXT_APPOINTMENT_SET: [0, 1] },
  reference: [
    {
      state: 'doctorAssessment',
      share: 1 / 3,
      label: {
        fi: 'Työkykylääkärin arvioon päässeet',
        sv: 'Nådde arbetsförmågeläkarens bedömning',
        en: "Reached the work-ability doctor's assessment",
      },
      source: { seed: '001_55550c4af1568658.txt', lines: '177' },
    },
  ],
};

/**
 * Version 2's cohort: as version 1's, with `NO_FURTHER_VISIT_NEEDED` now and then (a modelling choice; the seeds
 * give no figure). The case-manager guard now leaves one accepted `asCaseManager` per assignment, so the
 * own-worker weights above decide it.
 */
export const workabilitySimulationV2: SimulationProfile<WorkabilityEventsV2> = {
  ...workabilitySimulation,
  eventWeights: { ...workabilitySimulation.eventWeights, NO_FURTHER_VISIT_NEEDED: 0.3 },
};
