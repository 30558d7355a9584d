import { assign, setup } from 'xstate';
import type { MachineEventOf } from '../../src/path/index.js';
import type { WorkabilityEventsV2 } from './events.js';
import { contextUpdates, initialContext, sharedGuards, type WorkabilityContext, whileOpen, workabilityStates } from './machine.js';

const workabilitySetupV2 = setup({
  types: {
    context: {} as WorkabilityContext,
    events: {} as MachineEventOf<WorkabilityEventsV2>,
  },
  guards: {
    ...sharedGuards,
    /**
     * S1 `001_55550c4af1568658.txt`:167 read both ways: the coordinator is the case manager *when* the client
     * has no social-care own-worker, and not when the client has one (then the own-worker is). So an
     * assignment names the coordinator as case manager exactly when there is no own-worker, and every case
     * past assignment has exactly one case manager. Version 1 refused only the coordinator beside an own-worker.
     */
    caseManagerAllowed: ({ event }) =>
      event.type !== 'COORDINATOR_ASSIGNED' || event.payload.asCaseManager !== event.payload.clientHasSocialCareOwnWorker,
  },
  actions: {
    recordContact: assign(contextUpdates.recordContact),
    assignCoordinator: assign(contextUpdates.assignCoordinator),
    markSituationMapped: assign(contextUpdates.markSituationMapped),
    recordEndReason: assign(contextUpdates.recordEndReason),
  },
});

/**
 * Version 2 of the work-ability machine: version 1's states (one shared table, `workabilityStates`), every open
 * state also accepting `NO_FURTHER_VISIT_NEEDED` (S0 `000_a7d8ebcb45cc7bbc.txt`:133), and the case-manager guard
 * read both ways (S1 `001_55550c4af1568658.txt`:167).
 */
export const workabilityMachineV2 = workabilitySetupV2.createMachine({
  id: 'workability',
  initial: 'opened',
  context: initialContext,
  states: workabilityStates({ ...whileOpen, NO_FURTHER_VISIT_NEEDED: {} }),
});
