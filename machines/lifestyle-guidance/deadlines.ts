import { addMonths, type DeadlineRule } from '../../src/path/index.js';
import type { LifestyleEvents } from './events.js';
import type { LifestyleEventsV2 } from './eventsV2.js';
import type { lifestyleMachine } from './machine.js';
import type { lifestyleMachineV2 } from './machineV2.js';
import type { LifestyleRole } from './roles.js';

type LifestyleDeadline<TId extends string> = DeadlineRule<typeof lifestyleMachine, LifestyleEvents, LifestyleRole, TId>;
type LifestyleDeadlineV2<TId extends string> = DeadlineRule<typeof lifestyleMachineV2, LifestyleEventsV2, LifestyleRole, TId>;

/** The number of sessions offered in the first three months (S1 `001_55550c4af1568658.txt`:220). */
const sessionsOffered = 12;

/**
 * Version 1. S1:220 — individual clients were offered at least 12 sessions within three months. A
 * target: due three months after an individual client's enrolment until 12 sessions are held. The intensive
 * phase may go on past it (S1:232), so nothing is forced.
 */
export const twelveSessionsInThreeMonths: LifestyleDeadline<'twelve-sessions-in-three-months'> = {
  id: 'twelve-sessions-in-three-months',
  label: {
    fi: 'Vähintään 12 ohjauskertaa kolmessa kuukaudessa',
    sv: 'Minst 12 handledningstillfällen på tre månader',
    en: 'At least 12 sessions in three months',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '220' },
  kind: 'target',
  dueAt: (history, state) => {
    if (state.value === 'closed') return undefined;
    const enrolled = history.find((event) => event.type === 'ENROLLED');
    if (enrolled?.type !== 'ENROLLED' || enrolled.payload.mode !== 'individual') return undefined;
    const sessions = history.filter((event) => event.type === 'SESSION_HELD').length;
    return sessions >= sessionsOffered ? undefined : addMonths(enrolled.at, 3);
  },
};

/** The deadlines of lifestyle guidance, version 1. */
export const lifestyleDeadlines = [twelveSessionsInThreeMonths];

const offers = new Set(['SESSION_HELD', 'SESSION_OFFERED_NOT_HELD']);

/**
 * Version 2. S1:220 — "yksilöasiakkaille tarjottiin vähintään 12 ohjauskertaa kolmen kuukauden
 * jakson aikana": the sessions *offered* count, held or not (a held session was offered; one the
 * client declined or missed is `SESSION_OFFERED_NOT_HELD`). Due three months after an individual
 * client's enrolment until 12 offers are recorded. A version 1 case has only held sessions, which
 * count here as they did there.
 */
export const twelveSessionsOfferedInThreeMonths: LifestyleDeadlineV2<'twelve-sessions-in-three-months'> = {
  ...twelveSessionsInThreeMonths,
  label: {
    fi: 'Vähintään 12 ohjauskertaa tarjottu kolmessa kuukaudessa',
    sv: 'Minst 12 handledningstillfällen erbjudna på tre månader',
    en: 'At least 12 sessions offered in three months',
  },
  dueAt: (history, state) => {
    if (state.value === 'closed') return undefined;
    const enrolled = history.find((event) => event.type === 'ENROLLED');
    if (enrolled?.type !== 'ENROLLED' || enrolled.payload.mode !== 'individual') return undefined;
    const offered = history.filter((event) => offers.has(event.type)).length;
    return offered >= sessionsOffered ? undefined : addMonths(enrolled.at, 3);
  },
};

/** The deadlines of lifestyle guidance, version 2. */
export const lifestyleDeadlinesV2 = [twelveSessionsOfferedInThreeMonths];
