import type { FhirPathMapping } from '../../src/path/index.js';

const serviceEvents = new Set(['INITIAL_ASSESSMENT_DONE', 'HEALTH_CHECK_DONE', 'COORDINATOR_ASSIGNED', 'DOCTOR_ASSESSMENT_DONE']);

/**
 * The work-ability path as FHIR (domain.md §5). Waiting for the first service is `waitlist`; a case
 * closed before any service was given is `cancelled` (withdrawn before the start). The initial
 * assessment is usually remote (S0 `000_a7d8ebcb45cc7bbc.txt`:133); a health check is at the clinic or
 * an eVisit. The coordinator is the case manager only when assigned as one (S1 `001_55550c4af1568658.txt`:167).
 */
export const workabilityFhirMapping: FhirPathMapping = {
  episodeStatus: ({ state, closed, history }) => {
    if (closed) return history.some((event) => serviceEvents.has(event.type)) ? 'finished' : 'cancelled';
    if (state === 'opened') return 'planned';
    if (state === 'contacted' || state === 'initialAssessment')
      return history.some((event) => serviceEvents.has(event.type)) ? 'active' : 'waitlist';
    return 'active';
  },
  encounters: {
    INITIAL_ASSESSMENT_DONE: () => 'VR',
    HEALTH_CHECK_DONE: (event) => (event.payload.mode === 'eVisit' ? 'VR' : 'AMB'),
    DOCTOR_ASSESSMENT_DONE: () => 'AMB',
  },
  carePlans: ['FOLLOW_UP_PLAN_MADE'],
  careManager: (history) =>
    history.findLast((event) => event.type === 'COORDINATOR_ASSIGNED' && event.payload.asCaseManager === true)?.actor,
};
