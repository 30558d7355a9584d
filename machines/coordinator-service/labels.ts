/** Finnish, Swedish and English names of the coordinator service, version 1. */
export const coordinatorLabelsV1 = {
  states: {
    opened: { fi: 'Avattu', sv: 'Öppnad', en: 'Opened' },
    eligibilityCheck: { fi: 'Kriteerien tarkistus', sv: 'Kontroll av kriterierna', en: 'Eligibility check' },
    consentPending: { fi: 'Suostumus tiedonvaihtoon', sv: 'Samtycke till informationsutbyte', en: 'Consent pending' },
    mapping: { fi: 'Tilanteen tunnistaminen', sv: 'Kartläggning av situationen', en: 'Mapping the situation' },
    activeSupport: { fi: 'Rinnalla kulkeminen', sv: 'Stöd vid klientens sida', en: 'Walking alongside' },
    interimReview: { fi: 'Väliarviointi', sv: 'Mellanutvärdering', en: 'Interim review' },
    closed: { fi: 'Päättynyt', sv: 'Avslutad', en: 'Closed' },
  },
  events: {
    REFERRED: { fi: 'Ohjautui palveluun', sv: 'Hänvisad till tjänsten', en: 'Referred' },
    ELIGIBILITY_CONFIRMED: { fi: 'Kriteerit täyttyvät', sv: 'Kriterierna uppfylls', en: 'Eligibility confirmed' },
    ELIGIBILITY_FAILED: { fi: 'Kriteerit eivät täyty', sv: 'Kriterierna uppfylls inte', en: 'Not eligible' },
    CONSENT_GIVEN: { fi: 'Suostumus annettu', sv: 'Samtycke givet', en: 'Consent given' },
    CONSENT_DECLINED: { fi: 'Suostumuksesta kieltäydytty', sv: 'Samtycke nekat', en: 'Consent declined' },
    CONSENT_WITHDRAWN: { fi: 'Suostumus peruttu', sv: 'Samtycke återkallat', en: 'Consent withdrawn' },
    KYKYVIISARI_RECORDED: { fi: 'Kykyviisari täytetty', sv: 'Kykyviisari ifylld', en: 'Kykyviisari recorded' },
    FUNCTIONAL_CAPACITY_ASSESSED: { fi: 'Toimintakyky arvioitu', sv: 'Funktionsförmågan bedömd', en: 'Functional capacity assessed' },
    TEAM_CONSULTED: { fi: 'Tiimiä konsultoitu', sv: 'Teamet konsulterat', en: 'Team consulted' },
    PLAN_AGREED: { fi: 'Suunnitelma sovittu', sv: 'Plan överenskommen', en: 'Plan agreed' },
    REFERRED_TO_SERVICE: { fi: 'Ohjattu palveluun', sv: 'Hänvisad till en tjänst', en: 'Referred to a service' },
    SERVICE_FOLLOWED_UP: { fi: 'Palvelun toteutumista seurattu', sv: 'Tjänsten följd upp', en: 'Service followed up' },
    NETWORK_WORK_DONE: { fi: 'Verkostotyötä tehty', sv: 'Nätverksarbete gjort', en: 'Network work done' },
    INTERIM_REVIEW_HELD: { fi: 'Väliarviointi pidetty', sv: 'Mellanutvärdering hållen', en: 'Interim review held' },
    JOB_OR_STUDY_PLACE_GAINED: { fi: 'Sai työ- tai opiskelupaikan', sv: 'Fick arbets- eller studieplats', en: 'Job or study place gained' },
    CLIENT_COPES_INDEPENDENTLY: { fi: 'Pärjää omillaan', sv: 'Klarar sig på egen hand', en: 'Copes independently' },
    TYP_CRITERIA_MET: { fi: 'TYP-kriteerit täyttyvät', sv: 'TYP-kriterierna uppfylls', en: 'TYP criteria met' },
    CLOSED: { fi: 'Asiakkuus päättyi', sv: 'Klientrelationen avslutad', en: 'Closed' },
  },
  guards: {
    unemployedUnder12Months: { fi: 'työttömänä alle 12 kk', sv: 'arbetslös under 12 månader', en: 'unemployed under 12 months' },
    consentForPartner: { fi: 'suostumus kumppanille', sv: 'samtycke för partnern', en: 'consent for the partner' },
    // S3:338: consent for the employment services and Kela; the area's own services need none here.
    consentForService: {
      fi: 'suostumus palvelun tuottajalle, ellei palvelu ole alueen omaa sosiaali- ja terveyspalvelua',
      sv: 'samtycke för tjänsteproducenten, om tjänsten inte är områdets egen social- och hälsovård',
      en: 'consent for the service’s provider, unless the service is the area’s own social and health care',
    },
    // S3:570 holds back only the employment-promoting services.
    capacityAssessedIfEmploymentPromoting: {
      fi: 'toimintakyky arvioitu, jos palvelu edistää työllistymistä',
      sv: 'funktionsförmågan bedömd, om tjänsten är sysselsättningsfrämjande',
      en: 'functional capacity assessed, if the service promotes employment',
    },
    // S3:433 limits only the exit "employed or studying": every other exit closes at once.
    closingAllowed: {
      fi:
        'päättymisen syy ”sai työ- tai opiskelupaikan” vain, kun paikka on saatu ja sen jälkeen pidetty väliarviointi ' +
        'tai annettu syy aiemmalle päättymiselle',
      sv:
        'avslutsorsaken ”fick arbets- eller studieplats” endast när platsen har fåtts och sedan dess en mellanutvärdering hållits ' +
        'eller ett skäl för tidigare avslut getts',
      en:
        'the exit “employed or studying” only once a place was gained and, since then, ' +
        'an interim review held or an early-close reason given',
    },
  },
} as const;

const { unemployedUnder12Months: _v1Gate, ...sharedGuardLabels } = coordinatorLabelsV1.guards;

/** Finnish, Swedish and English names of the coordinator service (the latest version): version 2's eligibility gate. */
export const coordinatorLabels = {
  ...coordinatorLabelsV1,
  guards: {
    ...sharedGuardLabels,
    // S3:362–363, 573: the months of unemployment decide only where they measure the client.
    admittedToService: {
      fi:
        'työttömänä alle 12 kk, vammainen työkyvyttömyyseläkkeellä tai ohjattu, koska TYP ei sovi ' +
        '(kriteerit eivät täyty tai ei oikea-aikainen)',
      sv:
        'arbetslös under 12 månader, på sjukpension med funktionsnedsättning eller hänvisad för att TYP inte passar ' +
        '(kriterierna uppfylls inte eller inte aktuellt)',
      en:
        'unemployed under 12 months, disabled on a disability pension, or directed here as TYP does not suit ' +
        '(criteria not met or not timely)',
    },
  },
} as const;

/** The exits of the coordinator service (S3 `003_b3609eb1a20809d4.txt`:433–437, 363). */
export const coordinatorOutcomes = {
  employedOrStudying: { fi: 'Sai työ- tai opiskelupaikan', sv: 'Fick arbets- eller studieplats', en: 'Employed or studying' },
  independent: { fi: 'Pärjää omillaan', sv: 'Klarar sig på egen hand', en: 'Copes independently' },
  transferredToTyp: { fi: 'Siirtyi TYP-asiakkaaksi', sv: 'Övergick till TYP', en: 'Transferred to TYP' },
  redirectedToTyp: {
    // The guard admits under 12 completed months, so exactly 12 is redirected too (S3:363–364).
    fi: 'Ohjattu TYP:iin (työttömänä vähintään 12 kk)',
    sv: 'Hänvisad till TYP (arbetslös minst 12 månader)',
    en: 'Redirected to TYP (unemployed 12 months or more)',
  },
  notInTargetGroup: { fi: 'Ei kuulu kohderyhmään', sv: 'Inte i målgruppen', en: 'Not in the target group' },
  clientWithdrew: { fi: 'Asiakas vetäytyi', sv: 'Klienten drog sig ur', en: 'Client withdrew' },
  moved: { fi: 'Muutti pois', sv: 'Flyttade bort', en: 'Moved away' },
  unreachable: { fi: 'Ei tavoitettu', sv: 'Nåddes inte', en: 'Unreachable' },
  other: { fi: 'Muu syy', sv: 'Annat', en: 'Other' },
} as const;
