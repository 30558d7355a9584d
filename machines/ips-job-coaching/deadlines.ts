import { addDays, addMonths, type DeadlineRule } from '../../src/path/index.js';
import type { IpsEvents } from './events.js';
import type { ipsMachine } from './machine.js';
import type { IpsRole } from './roles.js';

type IpsDeadline<TId extends string> = DeadlineRule<typeof ipsMachine, IpsEvents, IpsRole, TId>;
type IpsHistory = Parameters<IpsDeadline<string>['dueAt']>[0];

const kykyviisariIn = (history: IpsHistory, phase: 'baseline' | 'followup' | 'final') =>
  history.find((event) => event.type === 'KYKYVIISARI_RECORDED' && event.payload.phase === phase);
const coachAssigned = (history: IpsHistory) => history.find((event) => event.type === 'COACH_ASSIGNED');
const isOpenCoaching = (value: unknown) => value !== 'closed' && value !== 'opened' && value !== 'referred';

/**
 * S1 `001_55550c4af1568658.txt`:243 — Kykyviisari right at the start. Due two weeks after the coach
 * takes the client (the two weeks are a modelling choice for "heti alussa").
 */
export const kykyviisariBaseline: IpsDeadline<'kykyviisari-baseline'> = {
  id: 'kykyviisari-baseline',
  label: { fi: 'Kykyviisari alussa', sv: 'Kykyviisari i början', en: 'Kykyviisari at the start' },
  source: { seed: '001_55550c4af1568658.txt', lines: '243' },
  kind: 'target',
  dueAt: (history, state) => {
    const start = coachAssigned(history);
    if (!start || !isOpenCoaching(state.value) || kykyviisariIn(history, 'baseline')) return undefined;
    return addDays(start.at, 14);
  },
};

/** S1:243 — a follow-up about six months after the start. */
export const kykyviisariFollowup: IpsDeadline<'kykyviisari-followup'> = {
  id: 'kykyviisari-followup',
  label: {
    fi: 'Kykyviisarin seuranta noin puolen vuoden kuluttua',
    sv: 'Uppföljande Kykyviisari efter cirka ett halvår',
    en: 'Kykyviisari follow-up at about six months',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '243' },
  kind: 'target',
  dueAt: (history, state) => {
    const start = coachAssigned(history);
    if (!start || !isOpenCoaching(state.value) || state.value === 'handover' || kykyviisariIn(history, 'followup')) return undefined;
    return addMonths(start.at, 6);
  },
};

/** S1:243 — and at the end of the client relationship: due within two weeks of the hand-over starting. */
export const kykyviisariFinal: IpsDeadline<'kykyviisari-final'> = {
  id: 'kykyviisari-final',
  label: { fi: 'Kykyviisari asiakkuuden päättyessä', sv: 'Kykyviisari när klientrelationen avslutas', en: 'Kykyviisari at the end' },
  source: { seed: '001_55550c4af1568658.txt', lines: '243' },
  kind: 'target',
  dueAt: (history, state) => {
    if (state.value !== 'handover' || kykyviisariIn(history, 'final')) return undefined;
    const started = history.findLast((event) => event.type === 'HANDOVER_STARTED');
    return started ? addDays(started.at, 14) : undefined;
  },
};

/**
 * Rapid job search (S1:242, IPS principle 6): the first employer contact within about a month of
 * entry. A metric, not a guard.
 */
export const firstEmployerContact: IpsDeadline<'first-employer-contact-within-one-month'> = {
  id: 'first-employer-contact-within-one-month',
  label: {
    fi: 'Ensimmäinen työnantajakontakti kuukauden sisällä',
    sv: 'Första arbetsgivarkontakten inom en månad',
    en: 'First employer contact within a month',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '242' },
  kind: 'target',
  dueAt: (history, state) => {
    const start = coachAssigned(history);
    if (!start || !isOpenCoaching(state.value) || history.some((event) => event.type === 'EMPLOYER_CONTACTED')) return undefined;
    return addMonths(start.at, 1);
  },
};

/** The deadlines of IPS job coaching. No time-out: the service is unlimited in time (S1:242). */
export const ipsDeadlines = [kykyviisariBaseline, kykyviisariFollowup, kykyviisariFinal, firstEmployerContact];
