/** Who works in lifestyle guidance: the lifestyle coach (elintapaohjaaja), the referring professional, and the client. */
export const lifestyleRoles = {
  lifestyleCoach: { fi: 'Elintapaohjaaja', sv: 'Levnadsvanehandledare', en: 'Lifestyle coach' },
  referrer: { fi: 'Ohjaava ammattilainen', sv: 'Hänvisande yrkesperson', en: 'Referrer' },
  client: { fi: 'Asiakas', sv: 'Klient', en: 'Client' },
} as const;

/** A role in lifestyle guidance. */
export type LifestyleRole = keyof typeof lifestyleRoles;

/** Who may record what. */
export const lifestylePermissions = {
  INFO_SESSION_ATTENDED: ['lifestyleCoach', 'client'],
  REFERRED: ['lifestyleCoach', 'referrer'],
  ENROLLED: ['lifestyleCoach'],
  PLAN_CREATED: ['lifestyleCoach'],
  MEASUREMENT_RECORDED: ['lifestyleCoach'],
  SESSION_HELD: ['lifestyleCoach'],
  INTERVAL_LENGTHENED: ['lifestyleCoach'],
  INTENSIVE_PHASE_COMPLETED: ['lifestyleCoach'],
  FOLLOW_UP_SESSION_HELD: ['lifestyleCoach'],
  CLOSED: ['lifestyleCoach'],
} as const satisfies Record<string, readonly LifestyleRole[]>;

/**
 * Whose work an event records, where that is not the first role permitted to record it: the lane each task is drawn in.
 */
export const lifestylePerformers = {
  // The client attends the info session; the referring professional refers.
  INFO_SESSION_ATTENDED: 'client',
  REFERRED: 'referrer',
} as const satisfies { readonly [E in keyof typeof lifestylePermissions]?: (typeof lifestylePermissions)[E][number] };

/** Who may record what, version 2: the lifestyle coach also records an offered session that was not held. */
export const lifestylePermissionsV2 = {
  ...lifestylePermissions,
  SESSION_OFFERED_NOT_HELD: ['lifestyleCoach'],
} as const satisfies Record<string, readonly LifestyleRole[]>;
