import { definePath } from '../../src/path/index.js';
import { teamIntakeIndicators } from './indicators.js';
import { hostChosenServiceTask } from '../shared/serviceTasks.js';
import { teamIntakeEvents } from './events.js';
import { teamIntakeLabels, teamIntakeOutcomes } from './labels.js';
import { teamIntakeMachine, teamIntakeMachineV2 } from './machine.js';
import { teamIntakePermissions, teamIntakePermissionsV2, teamIntakeRoles } from './roles.js';
import { teamIntakeRules } from './rules.js';
import { teamIntakeSimulation, teamIntakeSimulationV2 } from './simulation.js';

/** What both versions share: everything but the machine, the permissions and the simulation. */
const teamIntakeCommon = {
  id: 'support-team-intake',
  title: {
    fi: 'Työkyvyn tuen tiimi, Keski-Suomi',
    sv: 'Teamet för stöd för arbetsförmågan, Mellersta Finland',
    en: 'Work-ability support team intake, Keski-Suomi',
  },
  events: teamIntakeEvents,
  roles: teamIntakeRoles,
  labels: teamIntakeLabels,
  deadlines: [],
  outcomes: teamIntakeOutcomes,
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
} as const;

/**
 * The team intake, version 1, as published: kept so that its stored cases replay exactly as they did
 * (the catalogue `builtInPathVersions` holds it). Every client passes the intake service on the way to
 * the team. New cases open on {@link supportTeamIntakePath}.
 *
 * @example
 * ```ts
 * import { createPathCatalogue } from 'kykypolku';
 * import { supportTeamIntakePath, supportTeamIntakePathV1 } from 'kykypolku/paths';
 *
 * const catalogue = createPathCatalogue([supportTeamIntakePathV1, supportTeamIntakePath]);
 * ```
 */
export const supportTeamIntakePathV1 = definePath({
  ...teamIntakeCommon,
  version: 1,
  machine: teamIntakeMachine,
  permissions: teamIntakePermissions,
  rules: teamIntakeRules,
  outcomeOf: ({ context }) => context.outcome ?? undefined,
  simulation: teamIntakeSimulation,
  // The case manager (asiakasvastaava) once named; until then, nobody.
  assigneeOf: (history) => history.findLast((event) => event.type === 'CASE_MANAGER_ASSIGNED')?.actor.id,
});

/**
 * Keski-Suomi's work-ability support team intake ("Meijän kyvyt käyttöön"): the intake service handles
 * a need or refers the client to the multi-professional team, or the client goes straight to the team
 * (S2:73, 75); a team case has a named case manager and a work-ability support plan. Sources: S2
 * `002_f1ffdd193307e45a.txt`:45–75; domain.md §9(e). Version 2; open version 1 cases move to it
 * unchanged (`migrations: [{ from: 1 }]`).
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
  ...teamIntakeCommon,
  version: 2,
  indicators: teamIntakeIndicators,
  machine: teamIntakeMachineV2,
  permissions: teamIntakePermissionsV2,
  rules: teamIntakeRules,
  outcomeOf: ({ context }) => context.outcome ?? undefined,
  simulation: teamIntakeSimulationV2,
  assigneeOf: (history) => history.findLast((event) => event.type === 'CASE_MANAGER_ASSIGNED')?.actor.id,
  // Version 2 only adds a way in: every version 1 event means the same.
  migrations: [{ from: 1 }],
});
