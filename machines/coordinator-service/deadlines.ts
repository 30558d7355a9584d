import { addMonths, startOfDay, type DeadlineRule } from '../../src/path/index.js';
import type { CoordinatorEvents } from './events.js';
import type { coordinatorMachine } from './machine.js';
import type { CoordinatorRole } from './roles.js';

type CoordinatorDeadline<TId extends string> = DeadlineRule<typeof coordinatorMachine, CoordinatorEvents, CoordinatorRole, TId>;

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
 */
export const twelveMonthLimit: CoordinatorDeadline<'twelve-month-limit'> = {
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

/** S3:229 — "jokainen asiakas täyttää Kykyviisarin": within a month of eligibility (the month is a modelling choice). */
export const kykyviisariFilled: CoordinatorDeadline<'kykyviisari-filled'> = {
  id: 'kykyviisari-filled',
  label: { fi: 'Kykyviisari täytetty', sv: 'Kykyviisari ifylld', en: 'Kykyviisari filled in' },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '229' },
  kind: 'target',
  dueAt: (history, state) => {
    if (state.value === 'closed' || history.some((event) => event.type === 'KYKYVIISARI_RECORDED')) return undefined;
    const eligibility = history.find((event) => event.type === 'ELIGIBILITY_CONFIRMED');
    return eligibility ? addMonths(eligibility.at, 1) : undefined;
  },
};

/** The deadlines of the coordinator service. */
export const coordinatorDeadlines = [twelveMonthLimit, kykyviisariFilled];
