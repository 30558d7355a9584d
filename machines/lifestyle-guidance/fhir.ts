import type { FhirPathMapping } from '../../src/path/index.js';

const remote = new Set(['video', 'phone', 'online']);

/**
 * Lifestyle guidance as FHIR: interested is `planned`, enrolled `waitlist`, planning and guidance
 * `active`; a case closed before enrolment is `cancelled` (most who tried never started, S0
 * `000_a7d8ebcb45cc7bbc.txt`:54). Remote sessions are virtual encounters.
 */
export const lifestyleFhirMapping: FhirPathMapping = {
  episodeStatus: ({ state, closed, history }) => {
    if (closed) return history.some((event) => event.type === 'ENROLLED') ? 'finished' : 'cancelled';
    if (state === 'opened' || state === 'interested') return 'planned';
    if (state === 'enrolled') return 'waitlist';
    return 'active';
  },
  encounters: {
    SESSION_HELD: (event) => (remote.has(String(event.payload.channel)) ? 'VR' : 'AMB'),
    FOLLOW_UP_SESSION_HELD: () => 'AMB',
  },
  carePlans: ['PLAN_CREATED'],
  careManager: (history) => history.findLast((event) => event.type === 'ENROLLED' || event.type === 'PLAN_CREATED')?.actor,
};
