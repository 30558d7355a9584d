/**
 * Who works in the Keski-Suomi team intake (S2 `002_f1ffdd193307e45a.txt`:45–51, 70–75): the
 * professional who identifies the need, the intake service worker (alkupalvelu / ohjaustiimi), the
 * case manager (asiakasvastaava) and the members of the multi-professional team.
 */
export const teamIntakeRoles = {
  professional: { fi: 'Tarpeen tunnistanut ammattilainen', sv: 'Yrkesperson som identifierat behovet', en: 'Identifying professional' },
  intakeWorker: { fi: 'Alkupalvelun työntekijä', sv: 'Medarbetare i den inledande tjänsten', en: 'Intake worker' },
  caseManager: { fi: 'Asiakasvastaava', sv: 'Klientansvarig', en: 'Case manager' },
  teamMember: { fi: 'Työkyvyn tuen tiimin jäsen', sv: 'Medlem i teamet för stöd för arbetsförmågan', en: 'Support team member' },
} as const;

/** A role in the team intake. */
export type TeamIntakeRole = keyof typeof teamIntakeRoles;

/** Who may record what. */
export const teamIntakePermissions = {
  NEED_IDENTIFIED: ['professional', 'intakeWorker'],
  INTAKE_STARTED: ['intakeWorker'],
  CONSULTED_TEAM: ['intakeWorker', 'caseManager'],
  REFERRED_TO_TEAM: ['intakeWorker'],
  HANDLED_IN_INTAKE: ['intakeWorker'],
  CONSENT_GIVEN: ['intakeWorker', 'caseManager'],
  CASE_MANAGER_ASSIGNED: ['intakeWorker', 'caseManager'],
  TEAM_MEETING_HELD: ['caseManager', 'teamMember'],
  SUPPORT_PLAN_CREATED: ['caseManager'],
  PLAN_FOLLOWED_UP: ['caseManager'],
  CLOSED: ['intakeWorker', 'caseManager'],
} as const satisfies Record<string, readonly TeamIntakeRole[]>;

/**
 * Who may record what, version 2: the professional who identified the need may refer the client
 * straight to the team (S2 `002_f1ffdd193307e45a.txt`:73, 75).
 */
export const teamIntakePermissionsV2 = {
  ...teamIntakePermissions,
  REFERRED_TO_TEAM: ['intakeWorker', 'professional'],
} as const satisfies Record<string, readonly TeamIntakeRole[]>;
