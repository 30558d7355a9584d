import { z } from 'zod';
import { referredFrom } from '../shared/referral.js';

/** Where lifestyle guidance clients came from (S0 `000_a7d8ebcb45cc7bbc.txt`:54). */
export const lifestyleReferralSource = z.enum([
  'workAbilitySupportService',
  'verve',
  'uuttaElamaaGroup',
  'youthWorkshop',
  'municipalEmploymentPilot',
  'self',
  'other',
]);

/**
 * The events of lifestyle guidance (domain.md §9(d)). Measurements record that a measurement was
 * taken, of what and in which phase, never the value: the library keeps no health data.
 */
export const lifestyleEvents = {
  INFO_SESSION_ATTENDED: z.strictObject({}),
  REFERRED: z.strictObject({ source: lifestyleReferralSource, referredFrom: referredFrom.optional() }),
  /** Individual guidance, a group, or a digital group (S1 `001_55550c4af1568658.txt`:220, 228). */
  ENROLLED: z.strictObject({ mode: z.enum(['individual', 'group', 'digitalGroup']) }),
  /** A personal plan for each client (S1:217). */
  PLAN_CREATED: z.strictObject({}),
  MEASUREMENT_RECORDED: z.strictObject({
    kind: z.enum(['waist', 'bloodPressure', 'visceralFat', 'other']),
    phase: z.enum(['baseline', 'interim', 'final']),
  }),
  SESSION_HELD: z.strictObject({ channel: z.enum(['inPerson', 'video', 'phone', 'online']) }),
  /** Meeting intervals may lengthen as guidance goes on (S1:232). */
  INTERVAL_LENGTHENED: z.strictObject({}),
  INTENSIVE_PHASE_COMPLETED: z.strictObject({}),
  FOLLOW_UP_SESSION_HELD: z.strictObject({}),
  CLOSED: z.strictObject({ outcome: z.enum(['completed', 'discontinued', 'transferred']) }),
};

/** The event schemas of lifestyle guidance. */
export type LifestyleEvents = typeof lifestyleEvents;
