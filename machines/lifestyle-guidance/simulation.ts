import type { SimulationProfile } from '../../src/path/index.js';
import type { LifestyleEvents } from './events.js';
import type { LifestyleEventsV2 } from './eventsV2.js';

/**
 * How a synthetic cohort moves in lifestyle guidance: more than 50 people tried the service but not all
 * started a process; 31 client relationships came of it (S0 `000_a7d8ebcb45cc7bbc.txt`:15, 54). Guidance
 * ran 4–5 months with more than 12 sessions for almost everyone, intervals lengthening (S1
 * `001_55550c4af1568658.txt`:232); processes with follow-up lasted 6–7 months (S1:220).
 */
export const lifestyleSimulation: SimulationProfile<LifestyleEvents> = {
  eventWeights: { CLOSED: 0.03, INTERVAL_LENGTHENED: 0.2, MEASUREMENT_RECORDED: 0.3, INFO_SESSION_ATTENDED: 0.3, REFERRED: 0.3 },
  eventWeightsIn: {
    interested: { ENROLLED: 0.9, CLOSED: 0.5 },
    enrolled: { SESSION_HELD: 2, PLAN_CREATED: 1 },
    planning: { PLAN_CREATED: 2, SESSION_HELD: 1 },
    intensiveGuidance: { SESSION_HELD: 4, INTENSIVE_PHASE_COMPLETED: 0.25 },
    followUp: { FOLLOW_UP_SESSION_HELD: 1, MEASUREMENT_RECORDED: 0.6 },
    finalMeasurement: { CLOSED: 2 },
  },
  payloadWeights: {
    ENROLLED: { mode: { individual: 3, group: 1, digitalGroup: 1 } },
    REFERRED: {
      source: {
        workAbilitySupportService: 4,
        verve: 1,
        uuttaElamaaGroup: 1,
        youthWorkshop: 1,
        municipalEmploymentPilot: 2,
        self: 1,
        other: 0.5,
      },
    },
    MEASUREMENT_RECORDED: { phase: { baseline: 1, interim: 1, final: 1 } },
    CLOSED: { outcome: { completed: 4, discontinued: 2, transferred: 1 } },
  },
  daysBetween: { default: [3, 10], INTENSIVE_PHASE_COMPLETED: [5, 20], FOLLOW_UP_SESSION_HELD: [14, 40] },
  reference: [
    {
      state: 'enrolled',
      share: 31 / 50,
      label: { fi: 'Ohjausprosessin aloittaneet', sv: 'Inledde en handledningsprocess', en: 'Started a guidance process' },
      source: { seed: '000_a7d8ebcb45cc7bbc.txt', lines: '54' },
    },
  ],
};

/**
 * Version 2: as version 1, and now and then an offered session the client declined or missed (a
 * modelling choice; the seeds give no share).
 */
export const lifestyleSimulationV2: SimulationProfile<LifestyleEventsV2> = {
  ...lifestyleSimulation,
  eventWeights: { ...lifestyleSimulation.eventWeights, SESSION_OFFERED_NOT_HELD: 0.3 },
  payloadWeights: { ...lifestyleSimulation.payloadWeights, SESSION_OFFERED_NOT_HELD: { reason: { declined: 1, noShow: 1 } } },
};
