import type { FhirPathMapping, RecordedEvent } from '../../src/path/index.js';

const serviceEvents = new Set(['INITIAL_ASSESSMENT_DONE', 'HEALTH_CHECK_DONE', 'COORDINATOR_ASSIGNED', 'DOCTOR_ASSESSMENT_DONE']);

// Met in person, not remote: at an association partner's premises or a joint reception (S1:186).
const inPersonChannels = new Set(['partnerPremises', 'jointReception']);

/** The channel of the latest booking before the assessment; none booked (a network meeting) reads as remote. */
const bookedChannel = (history: readonly RecordedEvent[]) =>
  history.findLast((event) => event.type === 'INITIAL_ASSESSMENT_BOOKED')?.payload.channel;

/**
 * The work-ability path as FHIR (domain.md §5). Waiting for the first service is `waitlist`; a case
 * closed before any service was given is `cancelled` (withdrawn before the start). The initial
 * assessment is remote when booked by phone or e-booking (S0 `000_a7d8ebcb45cc7bbc.txt`:133) and in
 * person at partner premises or a joint reception (S1 `001_55550c4af1568658.txt`:186); a health check
 * is at the clinic or an eVisit. The coordinator is the case manager only when assigned as one (S1 `001_55550c4af1568658.txt`:167).
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
    INITIAL_ASSESSMENT_DONE: (_event, history) => (inPersonChannels.has(String(bookedChannel(history))) ? 'AMB' : 'VR'),
    HEALTH_CHECK_DONE: (event) => (event.payload.mode === 'eVisit' ? 'VR' : 'AMB'),
    DOCTOR_ASSESSMENT_DONE: () => 'AMB',
  },
  carePlans: ['FOLLOW_UP_PLAN_MADE'],
  careManager: (history) =>
    history.findLast((event) => event.type === 'COORDINATOR_ASSIGNED' && event.payload.asCaseManager === true)?.actor,
};
