/** Finnish (THL's IPS phase names, domain.md §1.1), Swedish and English names of the IPS path. */
export const ipsLabelsV1 = {
  states: {
    opened: { fi: 'Avattu', sv: 'Öppnad', en: 'Opened' },
    referred: { fi: 'Lähete vastaanotettu', sv: 'Remiss mottagen', en: 'Referral received' },
    active: { fi: 'Työhönvalmennus käynnissä', sv: 'Jobbcoachning pågår', en: 'Coaching under way' },
    'active.engagement': { fi: 'Sopiminen asiakkaan kanssa', sv: 'Överenskommelse med klienten', en: 'Client engagement' },
    'active.vocationalProfiling': { fi: 'Ammatillinen profilointi', sv: 'Yrkesprofilering', en: 'Vocational profiling' },
    'active.jobSearch': { fi: 'Työn etsintä', sv: 'Jobbsökning', en: 'Job finding' },
    'active.employerEngagement': { fi: 'Sopiminen työnantajan kanssa', sv: 'Överenskommelse med arbetsgivaren', en: 'Employer engagement' },
    'active.inWorkSupport': { fi: 'Tuki työssä ja työn ulkopuolella', sv: 'Stöd i och utanför arbetet', en: 'On- and off-job support' },
    'active.phaseLeft': { fi: 'Vaihe, josta lähdettiin', sv: 'Fasen som lämnades', en: 'The phase left' },
    onHold: { fi: 'Tauko', sv: 'Paus', en: 'On hold' },
    handover: { fi: 'Saattaen vaihtaminen', sv: 'Ledsagad överlämning', en: 'Accompanied hand-over' },
    closed: { fi: 'Päättynyt', sv: 'Avslutad', en: 'Closed' },
  },
  events: {
    REFERRAL_RECEIVED: { fi: 'Lähete vastaanotettu', sv: 'Remiss mottagen', en: 'Referral received' },
    COACH_ASSIGNED: { fi: 'Työhönvalmentaja nimetty', sv: 'Jobbcoach utsedd', en: 'Coach assigned' },
    CLIENT_CHOSE_SUPPORTED_EMPLOYMENT: {
      fi: 'Asiakas valitsi työhönvalmennuksen',
      sv: 'Klienten valde jobbcoachning',
      en: 'Client chose supported employment',
    },
    CLIENT_DECLINED: { fi: 'Asiakas kieltäytyi', sv: 'Klienten avböjde', en: 'Client declined' },
    PROFILE_COMPLETED: { fi: 'Ammatillinen profiili valmis', sv: 'Yrkesprofil klar', en: 'Profile completed' },
    EMPLOYER_CONTACTED: { fi: 'Työnantajaan otettu yhteyttä', sv: 'Arbetsgivare kontaktad', en: 'Employer contacted' },
    JOB_MATCHED: { fi: 'Työ ja asiakas sovitettu yhteen', sv: 'Arbete och klient matchade', en: 'Job matched' },
    JOB_SEARCH_RESUMED: { fi: 'Työn etsintä jatkuu', sv: 'Jobbsökningen fortsätter', en: 'Job search resumed' },
    EMPLOYMENT_STARTED: { fi: 'Työsuhde alkoi', sv: 'Anställning inledd', en: 'Employment started' },
    WORK_TRIAL_STARTED: { fi: 'Työkokeilu alkoi', sv: 'Arbetsprövning inledd', en: 'Work trial started' },
    JOB_ENDED: { fi: 'Työ päättyi', sv: 'Arbetet upphörde', en: 'Job ended' },
    REPROFILE_NEEDED: { fi: 'Profilointi uudelleen', sv: 'Ny profilering behövs', en: 'Re-profiling needed' },
    REENGAGEMENT_NEEDED: { fi: 'Palataan lähtötilanteeseen', sv: 'Tillbaka till början', en: 'Back to engagement' },
    PAUSED: { fi: 'Tauko alkoi', sv: 'Paus inledd', en: 'Paused' },
    RESUMED: { fi: 'Valmennus jatkuu', sv: 'Coachningen fortsätter', en: 'Resumed' },
    NETWORK_MEETING_HELD: { fi: 'Verkostopalaveri pidetty', sv: 'Nätverksmöte hållet', en: 'Network meeting held' },
    KYKYVIISARI_RECORDED: { fi: 'Kykyviisari täytetty', sv: 'Kykyviisari ifylld', en: 'Kykyviisari recorded' },
    BENEFITS_COUNSELLING_GIVEN: { fi: 'Etuusneuvontaa annettu', sv: 'Förmånsrådgivning given', en: 'Benefits counselling given' },
    HANDOVER_STARTED: { fi: 'Saattaen vaihtaminen alkoi', sv: 'Överlämning inledd', en: 'Hand-over started' },
    NEW_PLAN_SECURED: { fi: 'Uusi suunnitelma varmistettu', sv: 'Ny plan säkrad', en: 'New plan secured' },
    SUPPORT_NETWORK_CONFIRMED: { fi: 'Tukiverkosto varmistettu', sv: 'Stödnätverk bekräftat', en: 'Support network confirmed' },
    CLOSED: { fi: 'Työhönvalmennus päättyi', sv: 'Jobbcoachningen avslutad', en: 'Closed' },
  },
  guards: {
    handoverComplete: {
      fi: 'uusi suunnitelma ja tukiverkosto varmistettu',
      sv: 'ny plan och stödnätverk säkrade',
      en: 'new plan and support network secured',
    },
    // The guard holds for a CLOSED whose outcome is one of administrativeOutcomes (events.ts), the
    // closures S1:258 reports ("osa asiakkaista keskeytti itse") and the README's modelling choice.
    administrativeClosure: {
      fi: 'hallinnollinen päättyminen (keskeytti itse, muutti pois tai ei tavoitettu)',
      sv: 'administrativt avslut (avbröt själv, flyttade bort eller nåddes inte)',
      en: 'administrative closure (discontinued by the client, moved away or unreachable)',
    },
    outcomeMatchesHistory: {
      fi: 'lopputulos vastaa tapahtunutta',
      sv: 'utfallet motsvarar det som skett',
      en: 'outcome matches what happened',
    },
  },
} as const;

/** Finnish, Swedish and English names of IPS job coaching (the latest version): version 2's review with the referrer. */
export const ipsLabels = {
  ...ipsLabelsV1,
  events: {
    ...ipsLabelsV1.events,
    REVIEWED_WITH_REFERRER: {
      fi: 'Tilanne pohdittu yhdessä lähettävän tahon kanssa',
      sv: 'Situationen begrundad tillsammans med remittenten',
      en: 'Situation reviewed with the referrer',
    },
  },
} as const;

/** The outcomes of S1 `001_55550c4af1568658.txt`:258, kept apart. */
export const ipsOutcomes = {
  employed: { fi: 'Työllistyi', sv: 'Fick arbete', en: 'Competitive employment' },
  workTrial: { fi: 'Työkokeilu', sv: 'Arbetsprövning', en: 'Work trial' },
  rehabilitativeWorkActivity: {
    fi: 'Kuntouttava työtoiminta',
    sv: 'Arbetsverksamhet i rehabiliteringssyfte',
    en: 'Rehabilitative work activity',
  },
  pension: { fi: 'Eläke', sv: 'Pension', en: 'Pension' },
  transferredToOtherProject: {
    fi: 'Siirtyi toiseen hankkeeseen',
    sv: 'Övergick till ett annat projekt',
    en: 'Transferred to another project',
  },
  selfDiscontinued: { fi: 'Keskeytti itse', sv: 'Avbröt själv', en: 'Discontinued by the client' },
  declined: { fi: 'Ei aloittanut', sv: 'Avböjde', en: 'Declined' },
  moved: { fi: 'Muutti pois', sv: 'Flyttade bort', en: 'Moved away' },
  unreachable: { fi: 'Ei tavoitettu', sv: 'Nåddes inte', en: 'Unreachable' },
  other: { fi: 'Muu syy', sv: 'Annat', en: 'Other' },
} as const;
