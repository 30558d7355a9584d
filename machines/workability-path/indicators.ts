import type { PathIndicator } from '../../src/path/index.js';
import type { WorkabilityEvents } from './events.js';

type WorkabilityEventType = keyof WorkabilityEvents & string;

const s0 = '000_a7d8ebcb45cc7bbc.txt';
const s1 = '001_55550c4af1568658.txt';

/**
 * The indicators of the work-ability support path: access within one month (S0:119), the share of
 * those assessed who reach the work-ability doctor (S1:177) and the end reasons (S1:188).
 */
export const workabilityIndicators = [
  {
    id: 'access-within-one-month',
    kind: 'share',
    name: { fi: 'Palvelu kuukauden sisällä', sv: 'Tjänst inom en månad', en: 'Service within one month' },
    definition: {
      fi: 'Yhteydenotoista se osuus, joiden alkuarvio tehtiin viimeistään kalenterikuukauden kuluttua yhteydenotosta.',
      sv: 'Andelen kontakter vars inledande bedömning gjordes senast en kalendermånad efter kontakten.',
      en: 'Of the contacts, the share whose initial assessment was done at most one calendar month after the contact.',
    },
    source: { seed: s0, lines: '119' },
    period: { by: 'contact' },
    numerator: { type: 'INITIAL_ASSESSMENT_DONE', withinMonths: 1 },
  },
  {
    id: 'reached-workability-doctor',
    kind: 'share',
    name: { fi: 'Työkykylääkärin arvioon', sv: 'Till arbetsförmågeläkarens bedömning', en: 'Reached the work-ability doctor' },
    definition: {
      fi: 'Päättyneistä asiakkuuksista, joissa palvelutarve arvioitiin, se osuus, joka pääsi työkykylääkärin arvioon.',
      sv: 'Av de avslutade klientskapen där servicebehovet bedömdes, andelen som fick arbetsförmågeläkarens bedömning.',
      en: 'Of the closed cases whose service need was assessed, the share that had the work-ability doctor’s assessment.',
    },
    source: { seed: s1, lines: '177' },
    period: { by: 'closing' },
    denominator: { type: 'INITIAL_ASSESSMENT_DONE' },
    numerator: { type: 'DOCTOR_ASSESSMENT_DONE' },
    seedFigure: {
      value: 1 / 3,
      note: {
        fi: 'noin kolmasosa yli 600 arvioidusta vuodessa (S1:177)',
        sv: 'ungefär en tredjedel av över 600 bedömda per år (S1:177)',
        en: 'about a third of over 600 assessed in a year (S1:177)',
      },
    },
  },
  {
    id: 'end-reasons',
    kind: 'distribution',
    outcomes: true,
    name: { fi: 'Päättymisen syyt', sv: 'Orsaker till avslut', en: 'End reasons' },
    definition: {
      fi: 'Kauden aikana päättyneet asiakkuudet päättymisen syyn mukaan.',
      sv: 'Klientskap som avslutats under perioden, efter orsak till avslut.',
      en: 'The cases closed in the period, by end reason.',
    },
    source: { seed: s1, lines: '188' },
    period: { by: 'closing' },
    categories: [{ event: { type: 'CLOSED' }, field: 'endReason' }],
  },
] as const satisfies readonly PathIndicator<WorkabilityEventType>[];
