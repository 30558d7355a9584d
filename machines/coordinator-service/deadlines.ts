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
 * close. Without the day unemployment began, it is counted from the completed months given at the
 * eligibility check, one month early to be safe: the 12 months may run out any day in that month.
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
    // The day unemployment began is a Finnish calendar date: it begins at local midnight.
    const unemploymentStart = unemployedSince ? startOfDay(unemployedSince) : addMonths(eligibility.at, -(unemploymentMonths + 1));
    return earlier(addMonths(eligibility.at, 12), addMonths(unemploymentStart, 12));
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
