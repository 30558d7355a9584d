/**
 * Who works on the path (S0 `000_a7d8ebcb45cc7bbc.txt`:125–133, S1 `001_55550c4af1568658.txt`:165–167,
 * 185, 301): the nurse (terveydenhoitaja), the work-ability coordinator, the work-ability doctor,
 * the social-care own-worker who sits in the team, and the client, who books the initial
 * assessment electronically themself.
 */
export const workabilityRoles = {
  client: { fi: 'Asiakas', sv: 'Klient', en: 'Client' },
  nurse: { fi: 'Terveydenhoitaja', sv: 'Hälsovårdare', en: 'Nurse' },
  coordinator: { fi: 'Työkykykoordinaattori', sv: 'Arbetsförmågekoordinator', en: 'Work-ability coordinator' },
  doctor: { fi: 'Työkykylääkäri', sv: 'Arbetsförmågeläkare', en: 'Work-ability doctor' },
  socialWorker: { fi: 'Sosiaalihuollon omatyöntekijä', sv: 'Egen kontaktperson inom socialvården', en: 'Social-care own-worker' },
} as const;

/** A role on the work-ability path. */
export type WorkabilityRole = keyof typeof workabilityRoles;

const team = ['nurse', 'coordinator', 'doctor', 'socialWorker'] as const satisfies readonly WorkabilityRole[];

/**
 * Who may record what. The nurse does initial assessments and health checks (S0:125–131); only
 * the doctor records the doctor's assessment, and the doctor cannot record a nurse's health
 * check or map the situation the doctor's visit depends on (S1:185).
 */
export const workabilityPermissions = {
  CONTACT_RECEIVED: ['client', 'nurse', 'coordinator'],
  INITIAL_ASSESSMENT_BOOKED: ['client', 'nurse'],
  INITIAL_ASSESSMENT_DONE: ['nurse'],
  HEALTH_CHECK_DONE: ['nurse'],
  COORDINATOR_ASSIGNED: ['coordinator'],
  TEAM_REVIEWED: team,
  SITUATION_MAPPED: ['nurse', 'coordinator', 'socialWorker'],
  DOCTOR_VISIT_BOOKED: ['nurse', 'coordinator', 'doctor'],
  DOCTOR_ASSESSMENT_DONE: ['doctor'],
  FOLLOW_UP_PLAN_MADE: ['nurse', 'coordinator', 'doctor'],
  REFERRED_ONWARD: team,
  NEXT_APPOINTMENT_SET: ['nurse', 'coordinator', 'doctor'],
  CLOSED: ['nurse', 'coordinator', 'doctor'],
} as const satisfies Record<string, readonly WorkabilityRole[]>;

/**
 * Who may record what in version 2: as version 1, and the professionals who give the next appointment say when
 * none is needed (S0 `000_a7d8ebcb45cc7bbc.txt`:133).
 */
export const workabilityPermissionsV2 = {
  ...workabilityPermissions,
  NO_FURTHER_VISIT_NEEDED: workabilityPermissions.NEXT_APPOINTMENT_SET,
} as const satisfies Record<string, readonly WorkabilityRole[]>;
