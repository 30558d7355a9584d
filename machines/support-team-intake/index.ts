import { definePath } from '../../src/path/index.js';
import { teamIntakeEvents } from './events.js';
import { teamIntakeLabels, teamIntakeOutcomes } from './labels.js';
import { teamIntakeMachine } from './machine.js';
import { teamIntakePermissions, teamIntakeRoles } from './roles.js';
import { teamIntakeRules } from './rules.js';
import { teamIntakeSimulation } from './simulation.js';
import { hostChosenServiceTask } from '../shared/serviceTasks.js';

/**
 * Keski-Suomi's work-ability support team intake ("Meijän kyvyt käyttöön"): the intake service handles
 * a need or refers the client to the multi-professional team, where a named case manager and a
 * work-ability support plan follow. Sources: S2 `002_f1ffdd193307e45a.txt`:45–75; domain.md §9(e).
 *
 * @example
 * ```ts
 * import { openCase } from 'kykypolku';
 * import { supportTeamIntakePath } from 'kykypolku/paths';
 *
 * const caseRef = openCase(supportTeamIntakePath, { caseId: 'ks-1' });
 * ```
 */
export const supportTeamIntakePath = definePath({
  id: 'support-team-intake',
  version: 1,
  title: {
    fi: 'Työkyvyn tuen tiimi, Keski-Suomi',
    sv: 'Teamet för stöd för arbetsförmågan, Mellersta Finland',
    en: 'Work-ability support team intake, Keski-Suomi',
  },
  machine: teamIntakeMachine,
  events: teamIntakeEvents,
  roles: teamIntakeRoles,
  permissions: teamIntakePermissions,
  labels: teamIntakeLabels,
  rules: teamIntakeRules,
  deadlines: [],
  outcomes: teamIntakeOutcomes,
  outcomeOf: ({ context }) => context.outcome ?? undefined,
  sources: [
    { id: 'S2', seed: '002_f1ffdd193307e45a.txt', title: 'Keski-Suomen sairaanhoitopiiri: Meidän kyvyt käyttöön' },
    // The consent rule's source: Eksote's model of the same multi-professional team work.
    {
      id: 'S3',
      seed: '003_b3609eb1a20809d4.txt',
      title: 'Socomin aamukahveilla 16.2.2023: Työ- ja toimintakyvyn tuen ekosysteemimäisen mallin kehittäminen (Eksote)',
    },
  ],
  serviceTask: hostChosenServiceTask,
  simulation: teamIntakeSimulation,
  // The case manager (asiakasvastaava) once named; until then, nobody.
  assigneeOf: (history) => history.findLast((event) => event.type === 'CASE_MANAGER_ASSIGNED')?.actor.id,
});
