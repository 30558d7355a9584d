import { z } from 'zod';
import { referredFrom } from '../shared/referral.js';

/** Who identified the need for work-ability support. */
export const identifiedBy = z.enum(['healthCare', 'socialCare', 'employmentServices', 'kela', 'education', 'self']);

/**
 * The events of Keski-Suomi's work-ability support team intake (domain.md §9(e)). `CONSENT_GIVEN`
 * before identifiable team work is a modelling choice consistent with S3 `003_b3609eb1a20809d4.txt`:338.
 */
export const teamIntakeEvents = {
  NEED_IDENTIFIED: z.strictObject({ by: identifiedBy, referredFrom: referredFrom.optional() }),
  INTAKE_STARTED: z.strictObject({}),
  /** An anonymous consultation needs no team case and no consent (the Laukaa consultative team, S2 `002_f1ffdd193307e45a.txt`:74). */
  CONSULTED_TEAM: z.strictObject({ anonymous: z.boolean() }),
  REFERRED_TO_TEAM: z.strictObject({}),
  HANDLED_IN_INTAKE: z.strictObject({}),
  CONSENT_GIVEN: z.strictObject({}),
  /** The asiakasvastaava (case manager) model (S2:48). */
  CASE_MANAGER_ASSIGNED: z.strictObject({}),
  TEAM_MEETING_HELD: z.strictObject({}),
  /** The work-ability support plan, which doubles as the client's service map. */
  SUPPORT_PLAN_CREATED: z.strictObject({}),
  PLAN_FOLLOWED_UP: z.strictObject({}),
  CLOSED: z.strictObject({ outcome: z.enum(['planCompleted', 'transferred', 'other']) }),
};

/** The event schemas of the team intake. */
export type TeamIntakeEvents = typeof teamIntakeEvents;
