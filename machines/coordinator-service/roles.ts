import type { Label } from '../../src/path/index.js';

/**
 * A role label that names an organisation, with the day the name took effect and the name before it:
 * labels that name organisations carry effective dates (domain.md §0). The role id stays, so stored
 * cases replay; only what people read changes.
 */
export interface DatedRoleName {
  /** The name in use from `since` on. */
  readonly label: Label;
  /** The first day (`YYYY-MM-DD`, Finnish calendar) the name is in use. */
  readonly since: string;
  /** The name until the day before `since`. */
  readonly before: Label;
}

/**
 * The coordinator service's role labels that name an organisation. The seeds (2022–2023) speak of the
 * TE services (S3 `003_b3609eb1a20809d4.txt`:368 "Ohjaudun palveluun TE-palveluiden kautta"); since
 * 1.1.2025 the employment services are the municipalities' own (the TE2024 reform, domain.md §0).
 *
 * @example
 * ```ts
 * import { coordinatorRoleNames } from 'kykypolku/paths';
 *
 * const { label, since, before } = coordinatorRoleNames.employmentServicesExpert;
 * const name = '2024-11-05' < since ? before.fi : label.fi; // 'TE-palvelujen asiantuntija'
 * ```
 */
export const coordinatorRoleNames = {
  employmentServicesExpert: {
    label: {
      fi: 'Työllisyyspalvelujen asiantuntija',
      sv: 'Sakkunnig vid sysselsättningstjänsterna',
      en: 'Municipal employment services expert',
    },
    since: '2025-01-01',
    before: { fi: 'TE-palvelujen asiantuntija', sv: 'Sakkunnig vid TE-tjänsterna', en: 'TE services expert' },
  },
} as const satisfies Record<string, DatedRoleName>;

/**
 * Who works in the coordinator service (S3 `003_b3609eb1a20809d4.txt`:231–233, 335, 368–372): the
 * coordinator who walks alongside; the employment-services expert and the social or health
 * professional who refer; the client who may contact the coordinator; and the consulting team
 * (social instructor, public-health nurse, physiotherapist, occupational therapist, nurse, doctor,
 * psychologist).
 */
export const coordinatorRoles = {
  coordinator: { fi: 'Työkykykoordinaattori', sv: 'Arbetsförmågekoordinator', en: 'Work-ability coordinator' },
  employmentServicesExpert: coordinatorRoleNames.employmentServicesExpert.label,
  soteProfessional: { fi: 'Sote-ammattilainen', sv: 'Yrkesperson inom social- och hälsovården', en: 'Social or health professional' },
  client: { fi: 'Asiakas', sv: 'Klient', en: 'Client' },
  teamMember: {
    fi: 'Työ- ja toimintakyvyn tuen tiimin jäsen',
    sv: 'Medlem i teamet för stöd för arbets- och funktionsförmåga',
    en: 'Support team member',
  },
} as const;

/** A role on the coordinator service. */
export type CoordinatorRole = keyof typeof coordinatorRoles;

/** Who may record what. The coordinator records the work; referrers the referral; the team its consultations. */
export const coordinatorPermissions = {
  REFERRED: ['coordinator', 'employmentServicesExpert', 'soteProfessional', 'client'],
  ELIGIBILITY_CONFIRMED: ['coordinator'],
  ELIGIBILITY_FAILED: ['coordinator'],
  CONSENT_GIVEN: ['coordinator'],
  CONSENT_DECLINED: ['coordinator'],
  CONSENT_WITHDRAWN: ['coordinator'],
  KYKYVIISARI_RECORDED: ['coordinator'],
  FUNCTIONAL_CAPACITY_ASSESSED: ['coordinator', 'teamMember'],
  TEAM_CONSULTED: ['coordinator', 'teamMember'],
  PLAN_AGREED: ['coordinator'],
  REFERRED_TO_SERVICE: ['coordinator'],
  SERVICE_FOLLOWED_UP: ['coordinator'],
  NETWORK_WORK_DONE: ['coordinator'],
  INTERIM_REVIEW_HELD: ['coordinator'],
  JOB_OR_STUDY_PLACE_GAINED: ['coordinator', 'employmentServicesExpert'],
  CLIENT_COPES_INDEPENDENTLY: ['coordinator'],
  TYP_CRITERIA_MET: ['coordinator', 'employmentServicesExpert'],
  CLOSED: ['coordinator'],
} as const satisfies Record<string, readonly CoordinatorRole[]>;

/**
 * Whose work an event records, where that is not the first role permitted to record it: the lane each task is drawn in.
 */
export const coordinatorPerformers = {
  // S3 `003_b3609eb1a20809d4.txt`:571 — clients are referred from within the county's social and
  // health services (or by other partners, or contact the coordinator themselves).
  REFERRED: 'soteProfessional',
  // S3:335 — the consulting team (physiotherapist, occupational therapist, …) does this work.
  FUNCTIONAL_CAPACITY_ASSESSED: 'teamMember',
  TEAM_CONSULTED: 'teamMember',
} as const satisfies { readonly [E in keyof typeof coordinatorPermissions]?: (typeof coordinatorPermissions)[E][number] };
