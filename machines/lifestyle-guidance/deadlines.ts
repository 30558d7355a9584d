import { addMonths, type DeadlineRule } from '../../src/path/index.js';
import type { LifestyleEvents } from './events.js';
import type { lifestyleMachine } from './machine.js';
import type { LifestyleRole } from './roles.js';

type LifestyleDeadline<TId extends string> = DeadlineRule<typeof lifestyleMachine, LifestyleEvents, LifestyleRole, TId>;

/** The number of sessions offered in the first three months (S1 `001_55550c4af1568658.txt`:220). */
const sessionsOffered = 12;

/**
 * S1:220 — individual clients were offered at least 12 sessions within three months. A target: due
 * three months after an individual client's enrolment until 12 sessions are recorded. The intensive
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

/** The deadlines of lifestyle guidance. */
export const lifestyleDeadlines = [twelveSessionsInThreeMonths];
