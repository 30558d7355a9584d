import { z } from 'zod';
import { isoDate } from '../../src/path/index.js';
import { referredFrom } from '../shared/referral.js';

/**
 * How the client came to the service (S0 `000_a7d8ebcb45cc7bbc.txt`:133, S1
 * `001_55550c4af1568658.txt`:185–187): booked the initial assessment themselves, met at outreach on
 * partner premises, at a joint reception with the employment authority, at a network meeting, or
 * referred from inside the organisation.
 */
export const contactRoute = z.enum(['selfBooking', 'outreach', 'jointReception', 'networkMeeting', 'internalReferral']);

/**
 * How the initial assessment is booked and held: remote by phone or e-booking (S0 `000_a7d8ebcb45cc7bbc.txt`:133),
 * or in person "muutoinkin, kuin puhelimitse" — at an association partner's premises or a joint reception
 * with the employment authority (S1 `001_55550c4af1568658.txt`:186).
 */
export const initialAssessmentChannel = z.enum(['phone', 'eBooking', 'partnerPremises', 'jointReception']);

/** Where a client is referred onward from service planning. */
export const onwardTarget = z.enum([
  'typ',
  'employmentServices',
  'kelaVocationalRehabilitation',
  'socialCare',
  'mentalHealthServices',
  'ipsJobCoaching',
  'lifestyleGuidance',
  'pensionInvestigation',
  'other',
]);

/**
 * End reasons (domain.md §9(a)): the seeds say SBM records end reasons (S1:188) but do not list
 * them, so this set is a modelling choice.
 */
export const endReason = z.enum([
  'employed',
  'studies',
  'referredToTyp',
  'referredToKelaRehab',
  'referredToSocialCare',
  'referredToMentalHealth',
  'pensionProcess',
  'noFurtherNeed',
  'clientDeclined',
  'unreachable',
  'moved',
  'other',
]);

/**
 * The events of the work-ability support path, named as in domain.md §9(a). Payloads are codes,
 * dates and flags only.
 */
export const workabilityEvents = {
  /** Eligibility (S1:165): no occupational or student health care, and a work-ability concern. */
  CONTACT_RECEIVED: z.strictObject({
    route: contactRoute,
    hasOccupationalOrStudentHealthCare: z.boolean(),
    workAbilityConcern: z.boolean(),
    /** The case on another path the client came from, if any. */
    referredFrom: referredFrom.optional(),
  }),
  /**
   * The client books electronically or by phone (S0:133); or the assessment is met in person at an
   * association partner's premises ("yhdistysyhteistyökumppanin tiloihin") or at a joint reception with
   * the employment authority ("yhteisvastaanottona"), S1:186.
   */
  INITIAL_ASSESSMENT_BOOKED: z.strictObject({ channel: initialAssessmentChannel }),
  /** After the initial assessment the client goes to the nurse or the coordinator (S0:133). */
  INITIAL_ASSESSMENT_DONE: z.strictObject({ nextRole: z.enum(['nurse', 'coordinator']) }),
  /** At the clinic or as an eVisit (S0:125–131). */
  HEALTH_CHECK_DONE: z.strictObject({ mode: z.enum(['clinic', 'eVisit']) }),
  /** Case manager only for a client without a social-care own-worker (S1:167). */
  COORDINATOR_ASSIGNED: z.strictObject({
    asCaseManager: z.boolean(),
    clientHasSocialCareOwnWorker: z.boolean(),
  }),
  /** The weekly multi-professional team (S1:301). */
  TEAM_REVIEWED: z.strictObject({ meetingOn: isoDate }),
  /** The only precondition of the doctor's visit (S1:185). */
  SITUATION_MAPPED: z.strictObject({}),
  DOCTOR_VISIT_BOOKED: z.strictObject({ visitOn: isoDate }),
  DOCTOR_ASSESSMENT_DONE: z.strictObject({}),
  FOLLOW_UP_PLAN_MADE: z.strictObject({}),
  REFERRED_ONWARD: z.strictObject({ target: onwardTarget }),
  /** The next appointment is given already at the previous contact (S0:133). */
  NEXT_APPOINTMENT_SET: z.strictObject({ appointmentOn: isoDate }),
  CLOSED: z.strictObject({ endReason }),
};

/** The events the work-ability machine receives (version 1). */
export type WorkabilityEvents = typeof workabilityEvents;

/**
 * The events of version 2: version 1's, each with the same schema, and `NO_FURTHER_VISIT_NEEDED`. S0
 * `000_a7d8ebcb45cc7bbc.txt`:133 gives the next appointment at the previous contact "jos se on tarpeen", if one is
 * needed: after an onward referral, or when the plan is followed elsewhere, none is, and the professional says so
 * with this event (no payload: the seeds name no reasons, and the onward target is already on `REFERRED_ONWARD`).
 */
export const workabilityEventsV2 = {
  ...workabilityEvents,
  /** No further visit is needed for now (S0:133 "jos se on tarpeen"): clears the next-appointment target until the next service. */
  NO_FURTHER_VISIT_NEEDED: z.strictObject({}),
};

/** The events the version-2 work-ability machine receives. */
export type WorkabilityEventsV2 = typeof workabilityEventsV2;
