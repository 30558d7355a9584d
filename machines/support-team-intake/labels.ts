/** Finnish, Swedish and English names of the team intake. */
export const teamIntakeLabels = {
  states: {
    opened: { fi: 'Avattu', sv: 'Öppnad', en: 'Opened' },
    needIdentified: { fi: 'Työkyvyn tuen tarve tunnistettu', sv: 'Behov av stöd för arbetsförmågan identifierat', en: 'Need identified' },
    intakeService: { fi: 'Alkupalvelu', sv: 'Inledande tjänst', en: 'Intake service' },
    teamReferralDecision: { fi: 'Tiimiin ohjaamisen päätös', sv: 'Beslut om hänvisning till teamet', en: 'Team referral decision' },
    teamCase: { fi: 'Tiimin käsittely', sv: 'Teamets behandling', en: 'Team case' },
    supportPlanActive: {
      fi: 'Työkyvyn tuen suunnitelma toteutuu',
      sv: 'Planen för stöd för arbetsförmågan genomförs',
      en: 'Support plan active',
    },
    closed: { fi: 'Päättynyt', sv: 'Avslutad', en: 'Closed' },
  },
  events: {
    NEED_IDENTIFIED: { fi: 'Tarve tunnistettu', sv: 'Behov identifierat', en: 'Need identified' },
    INTAKE_STARTED: { fi: 'Alkupalvelu alkoi', sv: 'Den inledande tjänsten inledd', en: 'Intake started' },
    CONSULTED_TEAM: { fi: 'Tiimiä konsultoitu', sv: 'Teamet konsulterat', en: 'Team consulted' },
    REFERRED_TO_TEAM: { fi: 'Ohjattu tiimiin', sv: 'Hänvisad till teamet', en: 'Referred to the team' },
    HANDLED_IN_INTAKE: { fi: 'Hoidettu alkupalvelussa', sv: 'Skött i den inledande tjänsten', en: 'Handled in intake' },
    CONSENT_GIVEN: { fi: 'Suostumus annettu', sv: 'Samtycke givet', en: 'Consent given' },
    CASE_MANAGER_ASSIGNED: { fi: 'Asiakasvastaava nimetty', sv: 'Klientansvarig utsedd', en: 'Case manager assigned' },
    TEAM_MEETING_HELD: { fi: 'Tiimin kokous pidetty', sv: 'Teammöte hållet', en: 'Team meeting held' },
    SUPPORT_PLAN_CREATED: {
      fi: 'Työkyvyn tuen suunnitelma laadittu',
      sv: 'Plan för stöd för arbetsförmågan upprättad',
      en: 'Support plan created',
    },
    PLAN_FOLLOWED_UP: { fi: 'Suunnitelmaa seurattu', sv: 'Planen följd upp', en: 'Plan followed up' },
    CLOSED: { fi: 'Asiakkuus päättyi', sv: 'Klientrelationen avslutad', en: 'Closed' },
  },
  guards: {
    caseManagerNamed: { fi: 'asiakasvastaava nimetty', sv: 'klientansvarig utsedd', en: 'case manager named' },
    consentForTeamWork: {
      fi: 'suostumus tai anonyymi konsultaatio',
      sv: 'samtycke eller anonym konsultation',
      en: 'consent, or an anonymous consultation',
    },
    // The guard reads the outcome of the CLOSED event, not whether a plan exists.
    notPlanCompleted: {
      fi: 'päättymisen syy muu kuin ”suunnitelma toteutui”',
      sv: 'annan avslutsorsak än ”planen genomförd”',
      en: 'an end reason other than “plan completed”',
    },
  },
} as const;

/** The outcomes of the team intake. */
export const teamIntakeOutcomes = {
  resolvedInIntake: { fi: 'Hoidettu alkupalvelussa', sv: 'Skött i den inledande tjänsten', en: 'Resolved in intake' },
  planCompleted: { fi: 'Suunnitelma toteutui', sv: 'Planen genomförd', en: 'Plan completed' },
  transferred: { fi: 'Siirtyi muualle', sv: 'Överförd', en: 'Transferred' },
  other: { fi: 'Muu syy', sv: 'Annat', en: 'Other' },
} as const;
