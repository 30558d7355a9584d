import type { MachineEventOf, PathRule } from '../../src/path/index.js';
import type { CoordinatorEvents, CoordinatorEventsV1 } from './events.js';
import type { CoordinatorContext, coordinatorMachine, coordinatorMachineV1 } from './machine.js';
import { coordinatorServices, referralNeedsConsent } from './services.js';

type CoordinatorRule<TId extends string> = PathRule<typeof coordinatorMachine, CoordinatorEvents, TId>;
type CoordinatorRuleV1<TId extends string> = PathRule<typeof coordinatorMachineV1, CoordinatorEventsV1, TId>;

/**
 * What the rules both versions share read of a step: typed with the latest events, which every
 * version 1 event is one of, so the same rule object serves both versions.
 */
interface CoordinatorStep {
  readonly from: { readonly context: CoordinatorContext };
  readonly event: MachineEventOf<CoordinatorEvents>;
}

/** S3 `003_b3609eb1a20809d4.txt`:363, :330 — eligible only if unemployed under 12 months; longer goes to TYP. */
export const eligibleUnder12Months: CoordinatorRuleV1<'eligible-only-under-12-months-unemployed'> = {
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
export const consentBeforeNetworkWork = {
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
  holds: ({ from, event }: CoordinatorStep) => {
    if (event.type === 'NETWORK_WORK_DONE') return from.context.consent[event.payload.partner];
    if (event.type === 'REFERRED_TO_SERVICE') {
      const partner = referralNeedsConsent(event.payload.service);
      return partner === undefined || from.context.consent[partner];
    }
    return true;
  },
} as const;

/** S3:570 — "ei laiteta asiakasta työllistymistä edistävään palveluun ennen kuin toimintakykyä on arvioitu". */
export const capacityBeforeEmploymentServices = {
  id: 'capacity-assessed-before-employment-promoting-service',
  name: { fi: 'toimintakyky arvioitu', sv: 'funktionsförmågan bedömd', en: 'functional capacity assessed' },
  sentence: {
    fi: 'Asiakasta ei ohjata työllistymistä edistävään palveluun ennen kuin hänen toimintakykynsä on arvioitu.',
    sv: 'Klienten hänvisas inte till en sysselsättningsfrämjande tjänst innan funktionsförmågan har bedömts.',
    en: 'No referral to an employment-promoting service before the client’s functional capacity is assessed.',
  },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '570' },
  enforcedBy: ['capacityAssessedIfEmploymentPromoting'],
  holds: ({ from, event }: CoordinatorStep) =>
    event.type !== 'REFERRED_TO_SERVICE' ||
    !coordinatorServices[event.payload.service].employmentPromoting ||
    from.context.functionalCapacityAssessed,
} as const;

/** S3:433 — "Palvelu voi jatkua vähintään seuraavaan väliarviointiin asti." */
export const supportUntilInterimReview = {
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
  holds: ({ from, event }: CoordinatorStep) =>
    event.type !== 'CLOSED' ||
    event.payload.exit !== 'employedOrStudying' ||
    (from.context.placeGained && (from.context.reviewedSincePlace || event.payload.earlyCloseReason !== undefined)),
} as const;

/** The hard rules of the coordinator service, version 1. */
export const coordinatorRulesV1 = [
  eligibleUnder12Months,
  consentBeforeNetworkWork,
  capacityBeforeEmploymentServices,
  supportUntilInterimReview,
];

/**
 * S3 `003_b3609eb1a20809d4.txt`:363, 362, 573 — the service is for a client unemployed under 12 months
 * (longer, and TYP is the service), for a disability pensioner, whom months of unemployment do not
 * measure, and for a client directed here because the TYP criteria are not met or a TYP client
 * relationship is not timely (the reason comes with the referral, `REFERRED.typNotSuitable`).
 */
export const eligibleForService: CoordinatorRule<'eligible-under-12-months-pension-or-typ-unsuitable'> = {
  id: 'eligible-under-12-months-pension-or-typ-unsuitable',
  name: {
    fi: 'alle 12 kk työttömänä, työkyvyttömyyseläkkeellä tai TYP ei sovi',
    sv: 'arbetslös under 12 månader, på sjukpension eller TYP passar inte',
    en: 'unemployed under 12 months, on a disability pension, or TYP does not suit',
  },
  sentence: {
    fi:
      'Palveluun pääsee, jos on ollut työttömänä alle 12 kuukautta, on vammainen työkyvyttömyyseläkkeellä oleva tai ' +
      'ohjataan palveluun, koska TYP-kriteerit eivät täyty tai TYP-asiakkuus ei ole oikea-aikainen; ' +
      'muut vähintään 12 kuukautta työttömänä olleet saavat tuen TYP-palvelusta.',
    sv:
      'Tjänsten är för den som varit arbetslös kortare än 12 månader, för en person med funktionsnedsättning på sjukpension ' +
      'och för den som hänvisas hit för att TYP-kriterierna inte uppfylls eller TYP inte är aktuellt nu; ' +
      'andra som varit arbetslösa minst 12 månader får stöd av TYP.',
    en:
      'The service is for a client unemployed under 12 months, a disabled client on a disability pension, and a client directed ' +
      'here because the TYP criteria are not met or TYP is not timely; others unemployed 12 months or more get support from TYP.',
  },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '362-363, 573' },
  enforcedBy: ['admittedToService'],
  holds: ({ from, event }) =>
    event.type !== 'ELIGIBILITY_CONFIRMED' ||
    event.payload.targetGroup === 'disabilityPensioner' ||
    from.context.typNotSuitable === true ||
    (event.payload.unemploymentMonths !== undefined && event.payload.unemploymentMonths < 12),
};

/** The hard rules of the coordinator service (the latest version). */
export const coordinatorRules = [eligibleForService, consentBeforeNetworkWork, capacityBeforeEmploymentServices, supportUntilInterimReview];
