/** Finnish and English names of the work-ability path's states, events and guards. */
export const workabilityLabels = {
  states: {
    opened: { fi: 'Avattu', sv: 'Öppnad', en: 'Opened' },
    contacted: { fi: 'Yhteydenotto', sv: 'Kontakt tagen', en: 'Contacted' },
    initialAssessment: { fi: 'Alkukartoitus', sv: 'Inledande kartläggning', en: 'Initial assessment' },
    healthCheck: { fi: 'Terveystarkastus', sv: 'Hälsoundersökning', en: 'Health check' },
    coordinatorSupport: { fi: 'Työkykykoordinaattorin tuki', sv: 'Arbetsförmågekoordinatorns stöd', en: 'Coordinator support' },
    doctorAssessment: { fi: 'Työkykylääkärin arvio', sv: 'Arbetsförmågeläkarens bedömning', en: "Work-ability doctor's assessment" },
    servicePlanning: { fi: 'Palveluohjaus ja jatkosuunnitelma', sv: 'Servicehandledning och fortsatt plan', en: 'Service planning' },
    closed: { fi: 'Päättynyt', sv: 'Avslutad', en: 'Closed' },
  },
  events: {
    CONTACT_RECEIVED: { fi: 'Yhteydenotto vastaanotettu', sv: 'Kontakt mottagen', en: 'Contact received' },
    INITIAL_ASSESSMENT_BOOKED: { fi: 'Alkukartoitus varattu', sv: 'Inledande kartläggning bokad', en: 'Initial assessment booked' },
    INITIAL_ASSESSMENT_DONE: { fi: 'Alkukartoitus tehty', sv: 'Inledande kartläggning gjord', en: 'Initial assessment done' },
    HEALTH_CHECK_DONE: { fi: 'Terveystarkastus tehty', sv: 'Hälsoundersökning gjord', en: 'Health check done' },
    COORDINATOR_ASSIGNED: { fi: 'Työkykykoordinaattori nimetty', sv: 'Arbetsförmågekoordinator utsedd', en: 'Coordinator assigned' },
    TEAM_REVIEWED: { fi: 'Käsitelty työkykytiimissä', sv: 'Behandlad i arbetsförmågeteamet', en: 'Reviewed by the team' },
    SITUATION_MAPPED: { fi: 'Tilanne kartoitettu', sv: 'Situationen kartlagd', en: 'Situation mapped' },
    DOCTOR_VISIT_BOOKED: { fi: 'Lääkärin vastaanotto varattu', sv: 'Läkarbesök bokat', en: "Doctor's visit booked" },
    DOCTOR_ASSESSMENT_DONE: { fi: 'Lääkärin arvio tehty', sv: 'Läkarens bedömning gjord', en: "Doctor's assessment done" },
    FOLLOW_UP_PLAN_MADE: { fi: 'Jatkosuunnitelma tehty', sv: 'Fortsatt plan gjord', en: 'Follow-up plan made' },
    REFERRED_ONWARD: { fi: 'Ohjattu eteenpäin', sv: 'Hänvisad vidare', en: 'Referred onward' },
    NEXT_APPOINTMENT_SET: { fi: 'Seuraava aika annettu', sv: 'Nästa tid given', en: 'Next appointment set' },
    CLOSED: { fi: 'Asiakkuus päättyi', sv: 'Klientrelationen avslutad', en: 'Closed' },
  },
  guards: {
    clientEligible: { fi: 'asiakas kuuluu palvelun piiriin', sv: 'klienten hör till målgruppen', en: 'client eligible' },
    cameThroughNetworkMeeting: { fi: 'alkoi verkostopalaverista', sv: 'började vid ett nätverksmöte', en: 'started at a network meeting' },
    nextRoleIsNurse: { fi: 'seuraavaksi terveydenhoitajalle', sv: 'härnäst till hälsovårdaren', en: 'next to the nurse' },
    nextRoleIsCoordinator: { fi: 'seuraavaksi koordinaattorille', sv: 'härnäst till koordinatorn', en: 'next to the coordinator' },
    situationMapped: { fi: 'tilanne kartoitettu', sv: 'situationen kartlagd', en: 'situation mapped' },
    // S1:167 limits only the case-manager role: a coordinator is assigned to a client with an
    // own-worker too, just not as the case manager.
    caseManagerAllowed: {
      fi: 'ei asiakasvastaavaksi, jos asiakkaalla on sosiaalihuollon omatyöntekijä',
      sv: 'inte som klientansvarig, om klienten har en egen kontaktperson inom socialvården',
      en: 'not as case manager if the client has a social-care own-worker',
    },
  },
} as const;

/** The end reasons a closed work-ability case carries. */
export const workabilityOutcomes = {
  employed: { fi: 'Työllistyi', sv: 'Fick arbete', en: 'Employed' },
  studies: { fi: 'Opiskelemaan', sv: 'Studier', en: 'Studies' },
  referredToTyp: { fi: 'Ohjattu TYP:iin', sv: 'Hänvisad till TYP', en: 'Referred to TYP' },
  referredToKelaRehab: {
    fi: 'Ohjattu Kelan kuntoutukseen',
    sv: 'Hänvisad till FPA:s rehabilitering',
    en: 'Referred to Kela rehabilitation',
  },
  referredToSocialCare: { fi: 'Ohjattu sosiaalihuoltoon', sv: 'Hänvisad till socialvården', en: 'Referred to social care' },
  referredToMentalHealth: {
    fi: 'Ohjattu mielenterveyspalveluihin',
    sv: 'Hänvisad till mentalvårdstjänster',
    en: 'Referred to mental health services',
  },
  pensionProcess: { fi: 'Eläkeprosessi', sv: 'Pensionsprocess', en: 'Pension process' },
  noFurtherNeed: { fi: 'Ei enää tarvetta', sv: 'Inget behov längre', en: 'No further need' },
  clientDeclined: { fi: 'Asiakas kieltäytyi', sv: 'Klienten avböjde', en: 'Client declined' },
  unreachable: { fi: 'Ei tavoitettu', sv: 'Nåddes inte', en: 'Unreachable' },
  moved: { fi: 'Muutti pois', sv: 'Flyttade bort', en: 'Moved away' },
  other: { fi: 'Muu syy', sv: 'Annat', en: 'Other' },
} as const;

/**
 * The labels of version 2: version 1's, the new event, and the case-manager guard read both ways (S1:167).
 */
export const workabilityLabelsV2 = {
  states: workabilityLabels.states,
  events: {
    ...workabilityLabels.events,
    NO_FURTHER_VISIT_NEEDED: { fi: 'Seuraavaa käyntiä ei tarvita', sv: 'Inget nytt besök behövs', en: 'No further visit needed' },
  },
  guards: {
    ...workabilityLabels.guards,
    // Version 2 (S1:167 both ways): the coordinator is case manager exactly when the client has no own-worker.
    caseManagerAllowed: {
      fi: 'asiakasvastaavaksi, jos ja vain jos asiakkaalla ei ole sosiaalihuollon omatyöntekijää',
      sv: 'som klientansvarig om och endast om klienten inte har en egen kontaktperson inom socialvården',
      en: 'as case manager exactly when the client has no social-care own-worker',
    },
  },
} as const;
