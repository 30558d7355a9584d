import type { PathRule } from '../../src/path/index.js';
import type { CoordinatorEvents } from './events.js';
import type { coordinatorMachine } from './machine.js';
import { coordinatorServices, referralNeedsConsent } from './services.js';

type CoordinatorRule<TId extends string> = PathRule<typeof coordinatorMachine, CoordinatorEvents, TId>;

/** S3 `003_b3609eb1a20809d4.txt`:363, :330 — eligible only if unemployed under 12 months; longer goes to TYP. */
export const eligibleUnder12Months: CoordinatorRule<'eligible-only-under-12-months-unemployed'> = {
  id: 'eligible-only-under-12-months-unemployed',
  name: { fi: 'työttömänä alle 12 kk', sv: 'arbetslös under 12 månader', en: 'unemployed under 12 months' },
  sentence: {
    fi: 'Palveluun pääsee, jos on ollut työttömänä alle 12 kuukautta; pidempään työttömänä olleet saavat tuen TYP-palvelusta.',
    sv: 'Tjänsten är för den som varit arbetslös kortare än 12 månader; den som varit arbetslös längre får stöd av TYP.',
    en: 'The service is for a client unemployed under 12 months; those unemployed longer get support from TYP.',
  },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '363' },
  enforcedBy: ['unemployedUnder12Months'],
  holds: ({ event }) => event.type !== 'ELIGIBILITY_CONFIRMED' || event.payload.unemploymentMonths < 12,
};

/** S3:338 — "Huom. Suostumukset tiedonvaihtoon!" */
export const consentBeforeNetworkWork: CoordinatorRule<'consent-before-network-work'> = {
  id: 'consent-before-network-work',
  name: { fi: 'suostumus tiedonvaihtoon', sv: 'samtycke till informationsutbyte', en: 'consent to data exchange' },
  sentence: {
    fi:
      'Verkostotyö työllisyyspalvelujen, Kelan tai sote-palvelujen kanssa ja ohjaus työllisyyspalvelujen tai Kelan palveluun ' +
      'edellyttävät asiakkaan suostumusta tiedonvaihtoon.',
    sv:
      'Nätverksarbete med sysselsättningstjänsterna, FPA eller social- och hälsovården och hänvisning till ' +
      'sysselsättningstjänsternas eller FPA:s tjänster ' +
      'förutsätter klientens samtycke till informationsutbyte.',
    en:
      'Network work with the employment services, Kela or social and health services, and referral to an employment-services ' +
      'or Kela service, need the client’s consent to data exchange.',
  },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '338' },
  enforcedBy: ['consentForPartner', 'consentForService'],
  holds: ({ from, event }) => {
    if (event.type === 'NETWORK_WORK_DONE') return from.context.consent[event.payload.partner];
    if (event.type === 'REFERRED_TO_SERVICE') {
      const partner = referralNeedsConsent(event.payload.service);
      return partner === undefined || from.context.consent[partner];
    }
    return true;
  },
};

/** S3:570 — "ei laiteta asiakasta työllistymistä edistävään palveluun ennen kuin toimintakykyä on arvioitu". */
export const capacityBeforeEmploymentServices: CoordinatorRule<'capacity-assessed-before-employment-promoting-service'> = {
  id: 'capacity-assessed-before-employment-promoting-service',
  name: { fi: 'toimintakyky arvioitu', sv: 'funktionsförmågan bedömd', en: 'functional capacity assessed' },
  sentence: {
    fi: 'Asiakasta ei ohjata työllistymistä edistävään palveluun ennen kuin hänen toimintakykynsä on arvioitu.',
    sv: 'Klienten hänvisas inte till en sysselsättningsfrämjande tjänst innan funktionsförmågan har bedömts.',
    en: 'No referral to an employment-promoting service before the client’s functional capacity is assessed.',
  },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '570' },
  enforcedBy: ['capacityAssessedIfEmploymentPromoting'],
  holds: ({ from, event }) =>
    event.type !== 'REFERRED_TO_SERVICE' ||
    !coordinatorServices[event.payload.service].employmentPromoting ||
    from.context.functionalCapacityAssessed,
};

/** S3:433 — "Palvelu voi jatkua vähintään seuraavaan väliarviointiin asti." */
export const supportUntilInterimReview: CoordinatorRule<'support-until-interim-review-after-place'> = {
  id: 'support-until-interim-review-after-place',
  name: {
    fi: 'väliarviointi pidetty tai syy aiemmalle päättymiselle',
    sv: 'mellanutvärdering hållen eller skäl för tidigare avslut',
    en: 'interim review held or early-close reason',
  },
  sentence: {
    fi:
      'Työ- tai opiskelupaikan saanut asiakas saa tukea vähintään seuraavaan väliarviointiin asti, ' +
      'ellei aiemmalle päättämiselle anneta syytä.',
    sv:
      'En klient som fått arbets- eller studieplats får stöd åtminstone till nästa mellanutvärdering, ' +
      'om inte ett skäl för tidigare avslut anges.',
    en:
      'A client who gained a job or study place keeps support at least until the next interim review, ' +
      'unless a reason to close early is given.',
  },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '433' },
  enforcedBy: ['closingAllowed'],
  holds: ({ from, event }) =>
    event.type !== 'CLOSED' ||
    event.payload.exit !== 'employedOrStudying' ||
    (from.context.placeGained && (from.context.reviewedSincePlace || event.payload.earlyCloseReason !== undefined)),
};

/** The hard rules of the coordinator service. */
export const coordinatorRules = [
  eligibleUnder12Months,
  consentBeforeNetworkWork,
  capacityBeforeEmploymentServices,
  supportUntilInterimReview,
];
