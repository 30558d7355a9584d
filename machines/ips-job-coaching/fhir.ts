import type { FhirPathMapping } from '../../src/path/index.js';

/**
 * IPS job coaching as FHIR: referred and waiting for a coach is `waitlist`, the phases and the
 * hand-over `active`, a pause `onhold`; a client who declined at engagement, or whose case closed before
 * a coach took it, is `cancelled`. The coach is the client's own worker (S1 `001_55550c4af1568658.txt`:242).
 */
export const ipsFhirMapping: FhirPathMapping = {
  episodeStatus: ({ state, closed, outcome, history }) => {
    if (closed) return outcome === 'declined' || !history.some((event) => event.type === 'COACH_ASSIGNED') ? 'cancelled' : 'finished';
    if (state === 'opened') return 'planned';
    if (state === 'referred') return 'waitlist';
    if (state === 'onHold') return 'onhold';
    return 'active';
  },
  encounters: {
    COACH_ASSIGNED: () => 'AMB',
    NETWORK_MEETING_HELD: () => 'AMB',
    BENEFITS_COUNSELLING_GIVEN: () => 'AMB',
  },
  carePlans: ['PROFILE_COMPLETED', 'NEW_PLAN_SECURED'],
  careManager: (history) => history.findLast((event) => event.type === 'COACH_ASSIGNED')?.actor,
};
