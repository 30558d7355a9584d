import { z } from 'zod';
import { isoDate } from '../../src/path/index.js';
import { kykyviisariRecorded } from '../shared/kykyviisari.js';
import { referredFrom } from '../shared/referral.js';
import { coordinatorService, networkPartner } from './services.js';

/** The three entry routes (S3 `003_b3609eb1a20809d4.txt`:368–372). */
export const coordinatorRoute = z.enum(['employmentServices', 'socialHealthServices', 'selfContact']);

/** Who the service is for (S3:227, S3:360–362). */
export const targetGroup = z.enum(['unemployed', 'partiallyWorkAble', 'disabilityPensioner']);

/** How a case leaves the service through `CLOSED` (the other exits have events of their own). */
export const closingExit = z.enum(['employedOrStudying', 'clientWithdrew', 'moved', 'unreachable', 'other']);

/**
 * The events of the Eksote coordinator service (domain.md §9(c)). `CONSENT_WITHDRAWN`, `PLAN_AGREED`
 * and `NETWORK_WORK_DONE` are modelling additions: the seeds describe consent, the plan and network
 * work (S3:334–343) but name no event for them.
 */
export const coordinatorEvents = {
  REFERRED: z.strictObject({ route: coordinatorRoute, referredFrom: referredFrom.optional() }),
  /**
   * Completed months of unemployment (24 stands for 24 or more) decide eligibility (S3:363); the day
   * unemployment began, when the host knows it, sharpens the 12-month deadline.
   */
  ELIGIBILITY_CONFIRMED: z.strictObject({
    unemploymentMonths: z.number().int().min(0).max(24),
    targetGroup,
    unemployedSince: isoDate.optional(),
  }),
  ELIGIBILITY_FAILED: z.strictObject({ reason: z.enum(['unemployedOver12Months', 'notInTargetGroup']) }),
  CONSENT_GIVEN: z.strictObject({ scope: networkPartner }),
  CONSENT_DECLINED: z.strictObject({}),
  CONSENT_WITHDRAWN: z.strictObject({ scope: networkPartner }),
  /** Every client fills in Kykyviisari (S3:229). */
  KYKYVIISARI_RECORDED: kykyviisariRecorded,
  FUNCTIONAL_CAPACITY_ASSESSED: z.strictObject({}),
  /** The consulting multi-professional team (S3:335); anonymous consultations were the pilot's practice (S3:460). */
  TEAM_CONSULTED: z.strictObject({ anonymous: z.boolean() }),
  PLAN_AGREED: z.strictObject({}),
  REFERRED_TO_SERVICE: z.strictObject({ service: coordinatorService }),
  SERVICE_FOLLOWED_UP: z.strictObject({}),
  NETWORK_WORK_DONE: z.strictObject({ partner: networkPartner }),
  INTERIM_REVIEW_HELD: z.strictObject({}),
  JOB_OR_STUDY_PLACE_GAINED: z.strictObject({ kind: z.enum(['job', 'studyPlace']) }),
  CLIENT_COPES_INDEPENDENTLY: z.strictObject({}),
  TYP_CRITERIA_MET: z.strictObject({}),
  /** An early close after a job or study place needs a reason (S3:433). */
  CLOSED: z.strictObject({ exit: closingExit, earlyCloseReason: z.enum(['clientWish', 'fullTimeStart', 'other']).optional() }),
};

/** The event schemas of the coordinator service, version 1. */
export type CoordinatorEventsV1 = typeof coordinatorEvents;

/**
 * Why TYP is not the service for a client directed to the coordinator all the same (S3
 * `003_b3609eb1a20809d4.txt`:573, "Mikäli TYP-kriteerit ei täyty tai TYP-asiakkuus ei ole
 * oikea-aikainen tai ajankohtainen, voidaan asiakas ohjata työ- ja toimintakyvyn tuen palvelumalliin"):
 * the TYP criteria are not met, or a TYP client relationship is not timely now (the seed's
 * "oikea-aikainen tai ajankohtainen", one code). The seed speaks of directing the client (ohjata), so the
 * reason comes with the referral.
 */
export const typNotSuitable = z.enum(['criteriaNotMet', 'notTimely']);

/** Version 2 of the referral: the reason TYP does not suit, when that is why the client is directed here (S3:573). */
export const referredV2 = z.strictObject({
  route: coordinatorRoute,
  referredFrom: referredFrom.optional(),
  typNotSuitable: typNotSuitable.optional(),
});

/**
 * Version 2 of the eligibility check. The completed months of unemployment are asked only where they
 * decide: not of a disability pensioner (S3:362, "vammainen työkyvyttömyyseläkkeellä oleva", who is in
 * the target group without being unemployed), nor of a client directed here because TYP does not suit
 * (S3:573), who may have been unemployed longer than 12 months or be outside the labour force (S3:571).
 * Every version 1 payload is a version 2 payload that means the same.
 */
export const eligibilityConfirmedV2 = z.strictObject({
  unemploymentMonths: z.number().int().min(0).max(24).optional(),
  targetGroup,
  unemployedSince: isoDate.optional(),
});

/** The events of the coordinator service, version 2: the referral and eligibility check of S3:362 and S3:573. */
export const coordinatorEventsV2 = { ...coordinatorEvents, REFERRED: referredV2, ELIGIBILITY_CONFIRMED: eligibilityConfirmedV2 };

/** The event schemas of the coordinator service (the latest version). */
export type CoordinatorEvents = typeof coordinatorEventsV2;
