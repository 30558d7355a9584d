/** Finnish and English names of the work-ability path's states, events and guards. */
export const workabilityLabels = {
  states: {
    opened: { fi: 'Avattu', en: 'Opened' },
    contacted: { fi: 'Yhteydenotto', en: 'Contacted' },
    initialAssessment: { fi: 'Alkukartoitus', en: 'Initial assessment' },
    healthCheck: { fi: 'Terveystarkastus', en: 'Health check' },
    coordinatorSupport: { fi: 'Työkykykoordinaattorin tuki', en: 'Coordinator support' },
    doctorAssessment: { fi: 'Työkykylääkärin arvio', en: "Work-ability doctor's assessment" },
    servicePlanning: { fi: 'Palveluohjaus ja jatkosuunnitelma', en: 'Service planning' },
    closed: { fi: 'Päättynyt', en: 'Closed' },
  },
  events: {
    CONTACT_RECEIVED: { fi: 'Yhteydenotto vastaanotettu', en: 'Contact received' },
    INITIAL_ASSESSMENT_BOOKED: { fi: 'Alkukartoitus varattu', en: 'Initial assessment booked' },
    INITIAL_ASSESSMENT_DONE: { fi: 'Alkukartoitus tehty', en: 'Initial assessment done' },
    HEALTH_CHECK_DONE: { fi: 'Terveystarkastus tehty', en: 'Health check done' },
    COORDINATOR_ASSIGNED: { fi: 'Työkykykoordinaattori nimetty', en: 'Coordinator assigned' },
    TEAM_REVIEWED: { fi: 'Käsitelty työkykytiimissä', en: 'Reviewed by the team' },
    SITUATION_MAPPED: { fi: 'Tilanne kartoitettu', en: 'Situation mapped' },
    DOCTOR_VISIT_BOOKED: { fi: 'Lääkärin vastaanotto varattu', en: "Doctor's visit booked" },
    DOCTOR_ASSESSMENT_DONE: { fi: 'Lääkärin arvio tehty', en: "Doctor's assessment done" },
    FOLLOW_UP_PLAN_MADE: { fi: 'Jatkosuunnitelma tehty', en: 'Follow-up plan made' },
    REFERRED_ONWARD: { fi: 'Ohjattu eteenpäin', en: 'Referred onward' },
    NEXT_APPOINTMENT_SET: { fi: 'Seuraava aika annettu', en: 'Next appointment set' },
    CLOSED: { fi: 'Asiakkuus päättyi', en: 'Closed' },
  },
  guards: {
    clientEligible: { fi: 'asiakas kuuluu palvelun piiriin', en: 'client eligible' },
    cameThroughNetworkMeeting: { fi: 'alkoi verkostopalaverista', en: 'started at a network meeting' },
    nextRoleIsNurse: { fi: 'seuraavaksi terveydenhoitajalle', en: 'next to the nurse' },
    nextRoleIsCoordinator: { fi: 'seuraavaksi koordinaattorille', en: 'next to the coordinator' },
    situationMapped: { fi: 'tilanne kartoitettu', en: 'situation mapped' },
    caseManagerAllowed: { fi: 'ei sosiaalihuollon omatyöntekijää', en: 'no social-care own-worker' },
  },
} as const;

/** The end reasons a closed work-ability case carries. */
export const workabilityOutcomes = {
  employed: { fi: 'Työllistyi', en: 'Employed' },
  studies: { fi: 'Opiskelemaan', en: 'Studies' },
  referredToTyp: { fi: 'Ohjattu TYP:iin', en: 'Referred to TYP' },
  referredToKelaRehab: { fi: 'Ohjattu Kelan kuntoutukseen', en: 'Referred to Kela rehabilitation' },
  referredToSocialCare: { fi: 'Ohjattu sosiaalihuoltoon', en: 'Referred to social care' },
  referredToMentalHealth: { fi: 'Ohjattu mielenterveyspalveluihin', en: 'Referred to mental health services' },
  pensionProcess: { fi: 'Eläkeprosessi', en: 'Pension process' },
  noFurtherNeed: { fi: 'Ei enää tarvetta', en: 'No further need' },
  clientDeclined: { fi: 'Asiakas kieltäytyi', en: 'Client declined' },
  unreachable: { fi: 'Ei tavoitettu', en: 'Unreachable' },
  moved: { fi: 'Muutti pois', en: 'Moved away' },
  other: { fi: 'Muu syy', en: 'Other' },
} as const;
