/** Finnish, Swedish and English names of lifestyle guidance. */
export const lifestyleLabels = {
  states: {
    opened: { fi: 'Avattu', sv: 'Öppnad', en: 'Opened' },
    interested: { fi: 'Tutustuminen', sv: 'Bekantar sig', en: 'Interested' },
    enrolled: { fi: 'Ohjausprosessi käynnistetty', sv: 'Handledningsprocessen inledd', en: 'Enrolled' },
    planning: { fi: 'Suunnitelma ja alkumittaukset', sv: 'Plan och inledande mätningar', en: 'Planning' },
    intensiveGuidance: { fi: 'Tiivis ohjausjakso', sv: 'Intensiv handledningsperiod', en: 'Intensive guidance' },
    followUp: { fi: 'Seurantajakso', sv: 'Uppföljningsperiod', en: 'Follow-up' },
    finalMeasurement: { fi: 'Loppumittaukset ja arvio', sv: 'Slutmätningar och bedömning', en: 'Final measurement' },
    closed: { fi: 'Päättynyt', sv: 'Avslutad', en: 'Closed' },
  },
  events: {
    INFO_SESSION_ATTENDED: { fi: 'Osallistui infotilaisuuteen', sv: 'Deltog i informationstillfälle', en: 'Info session attended' },
    REFERRED: { fi: 'Ohjattu elintapaohjaukseen', sv: 'Hänvisad till levnadsvanehandledning', en: 'Referred' },
    ENROLLED: { fi: 'Ohjaus alkoi', sv: 'Handledningen inleddes', en: 'Enrolled' },
    PLAN_CREATED: { fi: 'Henkilökohtainen suunnitelma laadittu', sv: 'Personlig plan upprättad', en: 'Plan created' },
    MEASUREMENT_RECORDED: { fi: 'Mittaus tehty', sv: 'Mätning gjord', en: 'Measurement recorded' },
    SESSION_HELD: { fi: 'Ohjauskerta pidetty', sv: 'Handledningstillfälle hållet', en: 'Session held' },
    INTERVAL_LENGTHENED: { fi: 'Tapaamisväliä pidennetty', sv: 'Mötesintervallet förlängt', en: 'Interval lengthened' },
    INTENSIVE_PHASE_COMPLETED: { fi: 'Tiivis jakso päättyi', sv: 'Intensiva perioden avslutad', en: 'Intensive phase completed' },
    FOLLOW_UP_SESSION_HELD: { fi: 'Seurantakäynti pidetty', sv: 'Uppföljningsbesök hållet', en: 'Follow-up session held' },
    CLOSED: { fi: 'Ohjaus päättyi', sv: 'Handledningen avslutad', en: 'Closed' },
  },
  guards: {
    planCreated: { fi: 'suunnitelma laadittu', sv: 'plan upprättad', en: 'plan created' },
    notCompleted: { fi: 'keskeytys tai siirto', sv: 'avbrott eller överföring', en: 'discontinued or transferred' },
    isFinalMeasurement: { fi: 'loppumittaus', sv: 'slutmätning', en: 'final measurement' },
  },
} as const;

/**
 * The names of lifestyle guidance, version 2: version 1's, the offered session not held, and the
 * guard that asks a plan of individual clients only.
 */
export const lifestyleLabelsV2 = {
  states: lifestyleLabels.states,
  events: {
    ...lifestyleLabels.events,
    SESSION_OFFERED_NOT_HELD: {
      fi: 'Tarjottu ohjauskerta ei toteutunut',
      sv: 'Erbjudet handledningstillfälle blev inte av',
      en: 'Offered session not held',
    },
  },
  guards: {
    planCreatedOrGroup: {
      fi: 'suunnitelma laadittu tai ryhmäasiakas',
      sv: 'plan upprättad eller gruppklient',
      en: 'plan created, or a group client',
    },
    notCompleted: lifestyleLabels.guards.notCompleted,
    isFinalMeasurement: lifestyleLabels.guards.isFinalMeasurement,
  },
} as const;

/** The outcomes of lifestyle guidance. */
export const lifestyleOutcomes = {
  completed: { fi: 'Suoritettu', sv: 'Slutförd', en: 'Completed' },
  discontinued: { fi: 'Keskeytyi', sv: 'Avbröts', en: 'Discontinued' },
  transferred: { fi: 'Siirtyi muualle', sv: 'Överförd', en: 'Transferred' },
} as const;
