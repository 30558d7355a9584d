import type { PathIndicator } from '../../src/path/index.js';
import { kykyviisariAreaLabels, kykyviisariAreas } from '../shared/kykyviisari.js';
import type { ipsEvents } from './events.js';

type IpsEventType = keyof typeof ipsEvents & string;

const s1 = '001_55550c4af1568658.txt';

// S0 (000_a7d8ebcb45cc7bbc.txt:21) gives the project's running figures — 33 clients, 7 employed,
// one permanent contract — but is not among this path's sources; the notes quote it by file and line.
const employedShareInS0 = 7 / 33;

/**
 * The indicators of IPS job coaching: the outcomes kept apart (S1:258), employment and its kind,
 * rapid job search (S1:242) and the Kykyviisari change from baseline to final (S1:243).
 */
export const ipsIndicators = [
  {
    id: 'ips-outcomes',
    kind: 'distribution',
    outcomes: true,
    name: { fi: 'Työhönvalmennuksen tulokset', sv: 'Resultat av arbetscoachningen', en: 'Job-coaching outcomes' },
    definition: {
      fi: 'Kauden aikana päättyneet työhönvalmennukset päättymisen tuloksen mukaan.',
      sv: 'Arbetscoachningar som avslutats under perioden, efter resultat.',
      en: 'The job coachings closed in the period, by outcome.',
    },
    source: { seed: s1, lines: '258' },
    period: { by: 'closing' },
    categories: [
      { event: { type: 'CLOSED' }, field: 'outcome' },
      { event: { type: 'CLIENT_DECLINED' }, category: 'declined' },
    ],
  },
  {
    id: 'ips-employed',
    kind: 'share',
    name: { fi: 'Työllistyneet', sv: 'Sysselsatta', en: 'Employed' },
    definition: {
      fi: 'Kauden aikana päättyneistä työhönvalmennuksista se osuus, jossa asiakas aloitti työsuhteen.',
      sv: 'Av arbetscoachningarna som avslutats under perioden, andelen där klienten började en anställning.',
      en: 'Of the job coachings closed in the period, the share in which the client started a job.',
    },
    source: { seed: s1, lines: '258' },
    period: { by: 'closing' },
    numerator: { type: 'EMPLOYMENT_STARTED' },
    seedFigure: {
      value: employedShareInS0,
      note: {
        fi: '7 työllistyi 33 asiakkaasta (S0:21)',
        sv: '7 av 33 klienter fick arbete (S0:21)',
        en: '7 of 33 clients employed (S0:21)',
      },
    },
  },
  {
    id: 'ips-permanent-contract',
    kind: 'share',
    name: { fi: 'Toistaiseksi voimassa oleva työsopimus', sv: 'Tillsvidareanställning', en: 'Permanent contract' },
    definition: {
      fi:
        'Kauden aikana päättyneistä työllistyneiden työhönvalmennuksista se osuus, ' + 'jossa työsopimus oli toistaiseksi voimassa oleva.',
      sv: 'Av de sysselsattas arbetscoachningar som avslutats under perioden, andelen med en tillsvidareanställning.',
      en: 'Of the job coachings closed in the period in which the client started a job, the share with a permanent contract.',
    },
    source: { seed: s1, lines: '258' },
    period: { by: 'closing' },
    denominator: { type: 'EMPLOYMENT_STARTED' },
    numerator: { type: 'EMPLOYMENT_STARTED', where: { field: 'contract', equals: ['permanent'] } },
    seedFigure: {
      value: 1 / 7,
      note: { fi: 'yksi 7 työsopimuksesta (S0:21)', sv: 'ett av 7 anställningsavtal (S0:21)', en: 'one of 7 contracts (S0:21)' },
    },
  },
  {
    id: 'ips-wage-subsidy',
    kind: 'share',
    name: { fi: 'Palkkatuki', sv: 'Lönesubvention', en: 'Wage subsidy' },
    definition: {
      fi: 'Kauden aikana päättyneistä työllistyneiden työhönvalmennuksista se osuus, jossa työhön käytettiin palkkatukea.',
      sv: 'Av de sysselsattas arbetscoachningar som avslutats under perioden, andelen där lönesubvention användes.',
      en: 'Of the job coachings closed in the period in which the client started a job, the share with a wage subsidy.',
    },
    source: { seed: s1, lines: '258' },
    period: { by: 'closing' },
    denominator: { type: 'EMPLOYMENT_STARTED' },
    numerator: { type: 'EMPLOYMENT_STARTED', where: { field: 'wageSubsidy', equals: [true] } },
  },
  {
    id: 'ips-first-employer-contact-within-one-month',
    kind: 'share',
    name: {
      fi: 'Työnantajakontakti kuukauden sisällä',
      sv: 'Arbetsgivarkontakt inom en månad',
      en: 'Employer contact within a month',
    },
    definition: {
      fi:
        'Kauden aikana työhönvalmentajan saaneista se osuus, ' + 'jonka ensimmäinen työnantajakontakti oli viimeistään kuukauden kuluttua.',
      sv: 'Av dem som fick en arbetscoach under perioden, andelen vars första arbetsgivarkontakt skedde inom en månad.',
      en: 'Of the clients who got a job coach in the period, the share whose first employer contact came within one month.',
    },
    source: { seed: s1, lines: '242' },
    period: { by: 'event', event: { type: 'COACH_ASSIGNED' } },
    numerator: { type: 'EMPLOYER_CONTACTED', withinMonths: 1 },
  },
  {
    id: 'ips-kykyviisari-change',
    kind: 'change',
    name: { fi: 'Kykyviisarin muutos', sv: 'Förändring i Kykyviisari', en: 'Kykyviisari change' },
    definition: {
      fi: 'Alku- ja loppumittauksen Kykyviisari-pisteiden keskimääräinen muutos osa-alueittain, kun loppumittaus tehtiin kaudella.',
      sv:
        'Den genomsnittliga förändringen per område mellan Kykyviisari-poängen vid start och slut, ' +
        'när slutmätningen gjordes under perioden.',
      en: 'The mean change per area from the baseline to the final Kykyviisari scores, for final measurements in the period.',
    },
    source: { seed: s1, lines: '243' },
    period: { by: 'event', event: { type: 'KYKYVIISARI_RECORDED', where: { field: 'phase', equals: ['final'] } } },
    from: { type: 'KYKYVIISARI_RECORDED', where: { field: 'phase', equals: ['baseline'] } },
    to: { type: 'KYKYVIISARI_RECORDED', where: { field: 'phase', equals: ['final'] } },
    scores: { field: 'areaScores', keys: kykyviisariAreas, labels: kykyviisariAreaLabels },
  },
] as const satisfies readonly PathIndicator<IpsEventType>[];
