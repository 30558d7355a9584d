import { z } from 'zod';
import { kykyviisariRecorded } from '../shared/kykyviisari.js';
import { referredFrom } from '../shared/referral.js';

/** Where clients came from (S1 `001_55550c4af1568658.txt`:240, 256). */
export const ipsReferralSource = z.enum([
  'municipalEmploymentPilot',
  'workingAgeSocialWork',
  'typ',
  'employmentServices',
  'workAbilityCoordinator',
  'lifestyleGuidance',
  'self',
  'other',
]);

/**
 * How a job coaching case ends (S1:258): competitive employment is kept apart from the
 * non-competitive work trial (työkokeilu) and rehabilitative work activity (kuntouttava
 * työtoiminta). `selfDiscontinued`, `moved` and `unreachable` are the administrative closures that
 * need no hand-over; `declined` comes only from the client's informed choice at engagement.
 */
export const ipsOutcome = z.enum([
  'employed',
  'workTrial',
  'rehabilitativeWorkActivity',
  'pension',
  'transferredToOtherProject',
  'selfDiscontinued',
  'moved',
  'unreachable',
  'other',
]);

/** The closures that need no hand-over with a new plan and a support network. */
export const administrativeOutcomes: ReadonlySet<string> = new Set(['selfDiscontinued', 'moved', 'unreachable']);

/**
 * The events of IPS job coaching (domain.md §9(b)). `COACH_ASSIGNED`, `JOB_SEARCH_RESUMED`,
 * `REENGAGEMENT_NEEDED` and `HANDOVER_STARTED` are modelling additions: the seeds describe the moves
 * (S1:248, S1:331) but name no event for them.
 */
export const ipsEvents = {
  /** A referral with client data from the referrer is the preferred entry (S1:259). */
  REFERRAL_RECEIVED: z.strictObject({ source: ipsReferralSource, hasClientData: z.boolean(), referredFrom: referredFrom.optional() }),
  /** A coach takes the client; the host checks the coach's caseload first (S1:243). */
  COACH_ASSIGNED: z.strictObject({}),
  CLIENT_CHOSE_SUPPORTED_EMPLOYMENT: z.strictObject({}),
  CLIENT_DECLINED: z.strictObject({}),
  PROFILE_COMPLETED: z.strictObject({}),
  /** The employer as the host's pseudonymous key or business id, never a name. */
  EMPLOYER_CONTACTED: z.strictObject({
    employerId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .max(64)
      .meta({ examples: ['1234567-8'] }),
  }),
  JOB_MATCHED: z.strictObject({}),
  JOB_SEARCH_RESUMED: z.strictObject({}),
  EMPLOYMENT_STARTED: z.strictObject({ contract: z.enum(['permanent', 'fixedTerm']), wageSubsidy: z.boolean() }),
  WORK_TRIAL_STARTED: z.strictObject({}),
  JOB_ENDED: z.strictObject({ reason: z.enum(['contractEnded', 'resigned', 'dismissed', 'health', 'other']) }),
  REPROFILE_NEEDED: z.strictObject({}),
  REENGAGEMENT_NEEDED: z.strictObject({}),
  /** Health first (S1:263): coaching may pause and resume in the phase it left. */
  PAUSED: z.strictObject({ reason: z.enum(['health', 'lifeSituation', 'otherService', 'other']) }),
  RESUMED: z.strictObject({}),
  /** The network meets at turning points to update the plan (S1:248). */
  NETWORK_MEETING_HELD: z.strictObject({ planUpdated: z.boolean() }),
  KYKYVIISARI_RECORDED: kykyviisariRecorded,
  BENEFITS_COUNSELLING_GIVEN: z.strictObject({}),
  HANDOVER_STARTED: z.strictObject({}),
  NEW_PLAN_SECURED: z.strictObject({}),
  SUPPORT_NETWORK_CONFIRMED: z.strictObject({}),
  CLOSED: z.strictObject({ outcome: ipsOutcome }),
};

/** The event schemas of IPS job coaching, version 1. */
export type IpsEventsV1 = typeof ipsEvents;

/**
 * The events of IPS job coaching, version 2: version 1's, and S1 `001_55550c4af1568658.txt`:331 "Kun
 * asiakkaan tilanne ei etene, on aika pohtia tilannetta yhdessä lähettävän tahon kanssa" — the coach and
 * the referrer (lähettävä taho) have thought the client's situation over together. A flag-free event:
 * what they decided shows in the events that follow (a re-profiling, a pause, the hand-over).
 */
export const ipsEventsV2 = { ...ipsEvents, REVIEWED_WITH_REFERRER: z.strictObject({}) };

/** The event schemas of IPS job coaching (the latest version). */
export type IpsEvents = typeof ipsEventsV2;
