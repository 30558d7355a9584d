/**
 * Who works on IPS job coaching: the coach (työhönvalmentaja), who is the client's own worker
 * (S1 `001_55550c4af1568658.txt`:242); the referrer (lähettävä taho: social work, the municipal
 * pilot, TE, TYP, S1:256), who sends the referral and sits in the network; and the supervisor, who may
 * close a case administratively.
 */
export const ipsRoles = {
  coach: { fi: 'Työhönvalmentaja', sv: 'Jobbcoach', en: 'Job coach' },
  referrer: { fi: 'Lähettävä taho', sv: 'Remitterande part', en: 'Referrer' },
  supervisor: { fi: 'Esihenkilö', sv: 'Förman', en: 'Supervisor' },
} as const;

/** A role on the IPS path. */
export type IpsRole = keyof typeof ipsRoles;

/** Who may record what, version 1. The coach records the coaching; the referrer the referral and the network. */
export const ipsPermissionsV1 = {
  REFERRAL_RECEIVED: ['coach', 'referrer', 'supervisor'],
  COACH_ASSIGNED: ['coach'],
  CLIENT_CHOSE_SUPPORTED_EMPLOYMENT: ['coach'],
  CLIENT_DECLINED: ['coach'],
  PROFILE_COMPLETED: ['coach'],
  EMPLOYER_CONTACTED: ['coach'],
  JOB_MATCHED: ['coach'],
  JOB_SEARCH_RESUMED: ['coach'],
  EMPLOYMENT_STARTED: ['coach'],
  WORK_TRIAL_STARTED: ['coach', 'referrer'],
  JOB_ENDED: ['coach'],
  REPROFILE_NEEDED: ['coach'],
  REENGAGEMENT_NEEDED: ['coach'],
  PAUSED: ['coach'],
  RESUMED: ['coach'],
  NETWORK_MEETING_HELD: ['coach', 'referrer'],
  KYKYVIISARI_RECORDED: ['coach'],
  BENEFITS_COUNSELLING_GIVEN: ['coach'],
  HANDOVER_STARTED: ['coach'],
  NEW_PLAN_SECURED: ['coach', 'referrer'],
  SUPPORT_NETWORK_CONFIRMED: ['coach', 'referrer'],
  CLOSED: ['coach', 'supervisor'],
} as const satisfies Record<string, readonly IpsRole[]>;

/** Who may record what (the latest version): the review with the referrer is the coach's or the referrer's to record (S1:331). */
export const ipsPermissions = { ...ipsPermissionsV1, REVIEWED_WITH_REFERRER: ['coach', 'referrer'] } as const satisfies Record<
  string,
  readonly IpsRole[]
>;

/**
 * Whose work an event records, where that is not the first role permitted to record it: the lane each task is drawn in.
 */
export const ipsPerformers = {
  // The referring party refers; the coach may record it for them.
  REFERRAL_RECEIVED: 'referrer',
} as const satisfies { readonly [E in keyof typeof ipsPermissionsV1]?: (typeof ipsPermissionsV1)[E][number] };
