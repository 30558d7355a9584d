import type { FhirPathMapping } from '../../src/path/index.js';

/**
 * The Keski-Suomi team intake as FHIR: a need identified is `planned`, the intake and the team
 * `active`. The case manager (asiakasvastaava, S2 `002_f1ffdd193307e45a.txt`:48) is the careManager.
 */
export const teamIntakeFhirMapping: FhirPathMapping = {
  episodeStatus: ({ state, closed }) => {
    if (closed) return 'finished';
    if (state === 'opened' || state === 'needIdentified') return 'planned';
    return 'active';
  },
  encounters: { INTAKE_STARTED: () => 'AMB', TEAM_MEETING_HELD: () => 'AMB' },
  carePlans: ['SUPPORT_PLAN_CREATED'],
  careManager: (history) => history.findLast((event) => event.type === 'CASE_MANAGER_ASSIGNED')?.actor,
};
