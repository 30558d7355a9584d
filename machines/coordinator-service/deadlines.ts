import { addMonths, startOfDay, type DeadlineRule, type RecordedEventFor } from '../../src/path/index.js';
import type { CoordinatorEvents, CoordinatorEventsV1 } from './events.js';
import type { coordinatorMachine, coordinatorMachineV1 } from './machine.js';
import type { CoordinatorRole } from './roles.js';

type CoordinatorDeadline<TId extends string> = DeadlineRule<typeof coordinatorMachine, CoordinatorEvents, CoordinatorRole, TId>;
type CoordinatorDeadlineV1<TId extends string> = DeadlineRule<typeof coordinatorMachineV1, CoordinatorEventsV1, CoordinatorRole, TId>;
/** What the deadlines both versions share read: the latest events, which every version 1 event is one of. */
type CoordinatorHistory = readonly RecordedEventFor<CoordinatorEvents, CoordinatorRole>[];

const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * S3 `003_b3609eb1a20809d4.txt`:330, 354, 363 — the coordinator walks alongside for the first 12
 * months of unemployment, for 1–12 months of service. Due at the earlier of 12 months of service and
 * 12 months of unemployment; then a decision is due (continue towards TYP, or close). Never a silent
 * close.
 *
 * Without the day unemployment began only the completed months at the eligibility check are known:
 * unemployment then began between `months + 1` and `months` months before the check, so the 12 months
 * run out at some point in the `(12 − months)`th month after it, and have surely run out `12 − months`
 * months after it. The deadline is that day (a modelling choice): the earliest possible day would make
 * the decision due at the admission itself for a client with 11 completed months, whom S3:363 admits
 * and to whom S3:354 promises at least a month of service. So the due date is never before the check:
 * with 0–11 completed months (the eligibility rule admits no more) it is 1–12 months after it. A host
 * that knows the day gives `unemployedSince` for the exact date.
 *
 * Version 1 kept as it was: stored version 1 cases show the deadlines they showed.
 */
export const twelveMonthLimitV1: CoordinatorDeadlineV1<'twelve-month-limit'> = {
  id: 'twelve-month-limit',
  label: {
    fi: '12 kuukauden raja: päätös jatkosta',
    sv: 'Gränsen på 12 månader: beslut om fortsättning',
    en: '12-month limit: decide what next',
  },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '330' },
  kind: 'decision',
  dueAt: (history, state) => {
    if (state.value === 'closed') return undefined;
    const eligibility = history.find((event) => event.type === 'ELIGIBILITY_CONFIRMED');
    if (eligibility?.type !== 'ELIGIBILITY_CONFIRMED') return undefined;
    const { unemployedSince, unemploymentMonths } = eligibility.payload;
    const serviceLimit = addMonths(eligibility.at, 12);
    // The day unemployment began is a Finnish calendar date: it begins at local midnight.
    if (unemployedSince) return earlier(serviceLimit, addMonths(startOfDay(unemployedSince), 12));
    return earlier(serviceLimit, addMonths(eligibility.at, 12 - unemploymentMonths));
  },
};

/**
 * Version 2 of the 12-month limit: as version 1 for a client admitted on the months of unemployment
 * (S3:363). A disability pensioner (S3:362) and a client directed here because TYP does not suit (S3:573) are not in
 * the service for the first 12 months of unemployment, so for them only the service limit counts: 12
 * months after the eligibility check (S3:354, "Kesto: 1-12 kk"), whatever months or day of
 * unemployment are also given.
 */
export const twelveMonthLimit: CoordinatorDeadline<'twelve-month-limit'> = {
  ...twelveMonthLimitV1,
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '330, 354' },
  dueAt: (history, state) => {
    if (state.value === 'closed') return undefined;
    const eligibility = history.find((event) => event.type === 'ELIGIBILITY_CONFIRMED');
    if (eligibility?.type !== 'ELIGIBILITY_CONFIRMED') return undefined;
    const { unemployedSince, unemploymentMonths, targetGroup } = eligibility.payload;
    const referral = history.find((event) => event.type === 'REFERRED');
    const typNotSuitable = referral?.type === 'REFERRED' && referral.payload.typNotSuitable !== undefined;
    const serviceLimit = addMonths(eligibility.at, 12);
    if (targetGroup === 'disabilityPensioner' || typNotSuitable) return serviceLimit;
    if (unemployedSince) return earlier(serviceLimit, addMonths(startOfDay(unemployedSince), 12));
    // The eligibility rule admits no one else without the months.
    return unemploymentMonths === undefined ? serviceLimit : earlier(serviceLimit, addMonths(eligibility.at, 12 - unemploymentMonths));
  },
};

/** S3:229 — "jokainen asiakas täyttää Kykyviisarin": within a month of eligibility (the month is a modelling choice). */
export const kykyviisariFilled = {
  id: 'kykyviisari-filled',
  label: { fi: 'Kykyviisari täytetty', sv: 'Kykyviisari ifylld', en: 'Kykyviisari filled in' },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '229' },
  kind: 'target',
  dueAt: (history: CoordinatorHistory, state: { readonly value: unknown }) => {
    if (state.value === 'closed' || history.some((event) => event.type === 'KYKYVIISARI_RECORDED')) return undefined;
    const eligibility = history.find((event) => event.type === 'ELIGIBILITY_CONFIRMED');
    return eligibility ? addMonths(eligibility.at, 1) : undefined;
  },
} as const;

/** How long after a referral to a service its follow-up is due: a modelling choice, the seed gives no interval. */
export const serviceFollowUpMonths = 1;

/**
 * S3:231 — the coordinator "seuraa sovittujen palvelujen toteutumista" (follows up that the agreed
 * services happen; also S3:339 "seuraa niiden toteutumista"). After each `REFERRED_TO_SERVICE` a
 * `SERVICE_FOLLOWED_UP` is due. The seed gives no interval: the month after the referral is a
 * modelling choice (`serviceFollowUpMonths`). `SERVICE_FOLLOWED_UP` names no service, so one follow-up
 * answers every referral before it; the target is due a month after the earliest referral not yet
 * followed up, and a referral made after a follow-up asks for the next one.
 */
export const serviceFollowedUp: CoordinatorDeadline<'service-followed-up'> = {
  id: 'service-followed-up',
  label: {
    fi: 'Sovitun palvelun toteutumista seurattu (kuukauden kuluessa ohjauksesta)',
    sv: 'Den överenskomna tjänsten följd upp (inom en månad efter hänvisningen)',
    en: 'Agreed service followed up (within a month of the referral)',
  },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '231' },
  kind: 'target',
  dueAt: (history, state) => {
    if (state.value === 'closed') return undefined;
    let waiting: string | undefined;
    for (const event of history) {
      if (event.type === 'SERVICE_FOLLOWED_UP') waiting = undefined;
      else if (event.type === 'REFERRED_TO_SERVICE' && waiting === undefined) waiting = event.at;
    }
    return waiting === undefined ? undefined : addMonths(waiting, serviceFollowUpMonths);
  },
};

/** The deadlines of the coordinator service, version 1. */
export const coordinatorDeadlinesV1 = [twelveMonthLimitV1, kykyviisariFilled];

/** The deadlines of the coordinator service (the latest version). */
export const coordinatorDeadlines = [twelveMonthLimit, kykyviisariFilled, serviceFollowedUp];
