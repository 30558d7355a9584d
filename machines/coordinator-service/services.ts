import { z } from 'zod';

/**
 * The services a coordinator refers a client to (S3 `003_b3609eb1a20809d4.txt`:339–343), with who runs
 * each and whether it is an employment-promoting service. Network work and referrals to a service of
 * the employment services or Kela share the client's data with them, so they need the client's consent
 * (S3:338); an employment-promoting service waits for the functional capacity assessment (S3:570).
 */
export const coordinatorServices = {
  unemployedHealthCheck: { partner: 'socialHealth', employmentPromoting: false },
  physiotherapy: { partner: 'socialHealth', employmentPromoting: false },
  occupationalTherapy: { partner: 'socialHealth', employmentPromoting: false },
  doctor: { partner: 'socialHealth', employmentPromoting: false },
  psychologist: { partner: 'socialHealth', employmentPromoting: false },
  socialServices: { partner: 'socialHealth', employmentPromoting: false },
  substanceAbuseServices: { partner: 'socialHealth', employmentPromoting: false },
  debtCounselling: { partner: 'socialHealth', employmentPromoting: false },
  wellbeingCoach: { partner: 'socialHealth', employmentPromoting: false },
  rehabilitativeWorkActivity: { partner: 'socialHealth', employmentPromoting: true },
  supportedEmploymentCoaching: { partner: 'socialHealth', employmentPromoting: true },
  kelaRehabilitationAssessment: { partner: 'kela', employmentPromoting: false },
  kelaEmploymentPromotingRehabilitation: { partner: 'kela', employmentPromoting: true },
  workTrial: { partner: 'employmentServices', employmentPromoting: true },
  employmentTraining: { partner: 'employmentServices', employmentPromoting: true },
  wageSubsidisedWork: { partner: 'employmentServices', employmentPromoting: true },
} as const satisfies Record<string, { partner: 'socialHealth' | 'kela' | 'employmentServices'; employmentPromoting: boolean }>;

/** A service a coordinator refers to. */
export type CoordinatorService = keyof typeof coordinatorServices;

/** The schema of a service code. */
export const coordinatorService = z.enum(Object.keys(coordinatorServices) as [CoordinatorService, ...CoordinatorService[]]);

/**
 * The organisations the coordinator works with in the client's network (S3:338, "TE-palvelut, Kela").
 * The codes stay as stored; since the TE2024 reform (1.1.2025) `employmentServices` is the municipal
 * employment services, the seeds' TE services before that (domain.md §0).
 */
export const networkPartner = z.enum(['employmentServices', 'kela', 'socialHealth']);

/** A network partner. */
export type NetworkPartner = z.infer<typeof networkPartner>;

/**
 * Whether referring to a service shares the client's data outside the wellbeing area, and so needs
 * the client's consent for that partner first (S3:338). The area's own social and health services are
 * where the coordinator works; network work with them is still network work and needs consent.
 */
export function referralNeedsConsent(service: CoordinatorService): NetworkPartner | undefined {
  const { partner } = coordinatorServices[service];
  return partner === 'socialHealth' ? undefined : partner;
}
