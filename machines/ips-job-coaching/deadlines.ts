import { addDays, addMonths, type RecordedEventFor } from '../../src/path/index.js';
import type { IpsEvents } from './events.js';
import type { IpsRole } from './roles.js';

/** What the deadlines read, in every version: the latest events, which every version 1 event is one of. */
type IpsHistory = readonly RecordedEventFor<IpsEvents, IpsRole>[];
/** The state as the deadlines read it: its value. */
interface IpsState {
  readonly value: unknown;
}

const kykyviisariIn = (history: IpsHistory, phase: 'baseline' | 'followup' | 'final') =>
  history.find((event) => event.type === 'KYKYVIISARI_RECORDED' && event.payload.phase === phase);
const coachAssigned = (history: IpsHistory) => history.find((event) => event.type === 'COACH_ASSIGNED');
const isOpenCoaching = (value: unknown) => value !== 'closed' && value !== 'opened' && value !== 'referred';

/**
 * S1 `001_55550c4af1568658.txt`:243 — Kykyviisari right at the start. Due two weeks after the coach
 * takes the client (the two weeks are a modelling choice for "heti alussa").
 */
export const kykyviisariBaseline = {
  id: 'kykyviisari-baseline',
  label: { fi: 'Kykyviisari alussa', sv: 'Kykyviisari i början', en: 'Kykyviisari at the start' },
  source: { seed: '001_55550c4af1568658.txt', lines: '243' },
  kind: 'target',
  dueAt: (history: IpsHistory, state: IpsState) => {
    const start = coachAssigned(history);
    if (!start || !isOpenCoaching(state.value) || kykyviisariIn(history, 'baseline')) return undefined;
    return addDays(start.at, 14);
  },
} as const;

/** S1:243 — a follow-up about six months after the start. */
export const kykyviisariFollowup = {
  id: 'kykyviisari-followup',
  label: {
    fi: 'Kykyviisarin seuranta noin puolen vuoden kuluttua',
    sv: 'Uppföljande Kykyviisari efter cirka ett halvår',
    en: 'Kykyviisari follow-up at about six months',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '243' },
  kind: 'target',
  dueAt: (history: IpsHistory, state: IpsState) => {
    const start = coachAssigned(history);
    if (!start || !isOpenCoaching(state.value) || state.value === 'handover' || kykyviisariIn(history, 'followup')) return undefined;
    return addMonths(start.at, 6);
  },
} as const;

/** S1:243 — and at the end of the client relationship: due within two weeks of the hand-over starting. */
export const kykyviisariFinal = {
  id: 'kykyviisari-final',
  label: { fi: 'Kykyviisari asiakkuuden päättyessä', sv: 'Kykyviisari när klientrelationen avslutas', en: 'Kykyviisari at the end' },
  source: { seed: '001_55550c4af1568658.txt', lines: '243' },
  kind: 'target',
  dueAt: (history: IpsHistory, state: IpsState) => {
    if (state.value !== 'handover' || kykyviisariIn(history, 'final')) return undefined;
    const started = history.findLast((event) => event.type === 'HANDOVER_STARTED');
    return started ? addDays(started.at, 14) : undefined;
  },
} as const;

/**
 * Rapid job search (S1:242, IPS principle 6): the first employer contact within about a month of
 * entry. A metric, not a guard.
 */
export const firstEmployerContact = {
  id: 'first-employer-contact-within-one-month',
  label: {
    fi: 'Ensimmäinen työnantajakontakti kuukauden sisällä',
    sv: 'Första arbetsgivarkontakten inom en månad',
    en: 'First employer contact within a month',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '242' },
  kind: 'target',
  dueAt: (history: IpsHistory, state: IpsState) => {
    const start = coachAssigned(history);
    if (!start || !isOpenCoaching(state.value) || history.some((event) => event.type === 'EMPLOYER_CONTACTED')) return undefined;
    return addMonths(start.at, 1);
  },
} as const;

/** The deadlines of IPS job coaching, version 1. No time-out: the service is unlimited in time (S1:242). */
export const ipsDeadlinesV1 = [kykyviisariBaseline, kykyviisariFollowup, kykyviisariFinal, firstEmployerContact];

/**
 * How long an IPS case may go without moving before the coach is asked to think it over with the
 * referrer: a modelling choice, the seed (S1:331) gives no number.
 */
export const ipsStallMonths = 3;

/** The phases where the client's situation is meant to move towards work: in-work support is where it has arrived. */
const seekingPhases: ReadonlySet<string> = new Set(['engagement', 'vocationalProfiling', 'jobSearch', 'employerEngagement']);

/**
 * The events that show the case moving: a step towards work (the client's choice, the profile, an
 * employer contact, a match, a work trial, a job), a fresh start of the search after a job ended,
 * the return from a pause, and the review with the referrer itself, after which the clock starts again.
 */
const movedBy: ReadonlySet<string> = new Set([
  'COACH_ASSIGNED',
  'CLIENT_CHOSE_SUPPORTED_EMPLOYMENT',
  'PROFILE_COMPLETED',
  'EMPLOYER_CONTACTED',
  'JOB_MATCHED',
  'WORK_TRIAL_STARTED',
  'EMPLOYMENT_STARTED',
  'JOB_ENDED',
  'RESUMED',
  'REVIEWED_WITH_REFERRER',
]);

/**
 * S1 `001_55550c4af1568658.txt`:331 — "Kun asiakkaan tilanne ei etene, on aika pohtia tilannetta
 * yhdessä lähettävän tahon kanssa." While the client is in engagement, vocational profiling, job
 * search or employer engagement, and nothing has moved the case (`movedBy`) for `ipsStallMonths` (three
 * months, a modelling choice), a `REVIEWED_WITH_REFERRER` is due. Not during a pause (a chosen stop,
 * health first, S1:263), in-work support (the client has work) or the hand-over (already the new plan
 * with the network). A target, not a guard: the service stays unlimited in time (S1:242).
 */
export const reviewWithReferrer = {
  id: 'review-with-referrer-when-stalled',
  label: {
    fi: 'Tilanne ei etene: pohditaan yhdessä lähettävän tahon kanssa (3 kk ilman etenemistä)',
    sv: 'Situationen går inte framåt: begrunda den med remittenten (3 månader utan framsteg)',
    en: 'No progress: think it over with the referrer (3 months without progress)',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '331' },
  kind: 'target',
  dueAt: (history: IpsHistory, state: IpsState) => {
    const value = state.value;
    if (typeof value !== 'object' || value === null || !('active' in value) || !seekingPhases.has(String(value.active))) return undefined;
    const moved = history.findLast((event) => movedBy.has(event.type));
    return moved ? addMonths(moved.at, ipsStallMonths) : undefined;
  },
} as const;

/** The deadlines of IPS job coaching (the latest version). No time-out: the service is unlimited in time (S1:242). */
export const ipsDeadlines = [...ipsDeadlinesV1, reviewWithReferrer];
