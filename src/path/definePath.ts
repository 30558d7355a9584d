import type { AnyStateMachine, EventFromLogic } from 'xstate';
import type { PathDefinition } from './definition.js';
import type { EventSchemas, MachineEventOf } from './eventSchemas.js';
import { validatePathSpec } from './validatePathSpec.js';

type MachineAcceptsEvents<TMachine extends AnyStateMachine, TEvents extends EventSchemas> = [EventFromLogic<TMachine>] extends [
  MachineEventOf<TEvents>,
]
  ? [MachineEventOf<TEvents>] extends [EventFromLogic<TMachine>]
    ? unknown
    : { machineEventsMustBe: 'MachineEventOf<typeof events>' }
  : { machineEventsMustBe: 'MachineEventOf<typeof events>' };

/**
 * Declares a service path. The spec is checked once, here: a malformed definition (an event the
 * machine handles but has no schema, a state without a label, a rule naming a guard that does not
 * exist, an XState `after` timer) throws a {@link PathDefinitionError} that names the fix. The
 * returned definition is frozen.
 *
 * @example
 * ```ts
 * export const workabilityPath = definePath({
 *   id: 'workability-path',
 *   version: 1,
 *   title: { fi: 'Työkyvyn tuen palvelu', sv: 'Stöd för arbetsförmåga', en: 'Work-ability support service' },
 *   machine: workabilityMachine,
 *   events: workabilityEvents,
 *   roles, permissions, labels, rules, deadlines, outcomes,
 *   outcomeOf: ({ context }) => context.endReason ?? undefined,
 *   sources,
 * });
 * ```
 */
export function definePath<
  TMachine extends AnyStateMachine,
  TEvents extends EventSchemas,
  TRole extends string,
  TOutcome extends string,
  TRuleId extends string,
  TDeadlineId extends string,
>(
  spec: PathDefinition<TMachine, TEvents, TRole, TOutcome, TRuleId, TDeadlineId> & MachineAcceptsEvents<TMachine, TEvents>,
): PathDefinition<TMachine, TEvents, TRole, TOutcome, TRuleId, TDeadlineId> {
  validatePathSpec(spec);
  return Object.freeze({ ...spec });
}
