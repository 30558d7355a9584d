import type { FhirPathMapping } from '../../src/path/index.js';

/**
 * The coordinator service as FHIR: the eligibility check and consent are `waitlist`; from mapping on
 * `active`; a case that ends at the eligibility check (redirected to TYP, not in the target group) is
 * `cancelled`. The coordinator who walks alongside is the case manager (S3 `003_b3609eb1a20809d4.txt`:231).
 */
export const coordinatorFhirMapping: FhirPathMapping = {
  episodeStatus: ({ state, closed, history }) => {
    if (closed) return history.some((event) => event.type === 'ELIGIBILITY_CONFIRMED') ? 'finished' : 'cancelled';
    if (state === 'opened') return 'planned';
    if (state === 'eligibilityCheck' || state === 'consentPending') return 'waitlist';
    return 'active';
  },
  encounters: {
    PLAN_AGREED: () => 'AMB',
    INTERIM_REVIEW_HELD: () => 'AMB',
    FUNCTIONAL_CAPACITY_ASSESSED: () => 'AMB',
  },
  carePlans: ['PLAN_AGREED'],
  careManager: (history) => history.findLast((event) => event.actor.role === 'coordinator')?.actor,
};
