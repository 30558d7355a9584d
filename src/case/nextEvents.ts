import type { CaseCore } from './caseCore.js';

/**
 * The event types a case would accept now (for a role, if given), in declaration order. An event
 * type counts when one of its sample payloads (every combination of its finite fields) passes the
 * machine's guards in the current state.
 *
 * @internal
 */
export function listNextEvents(core: CaseCore, role?: string): string[] {
  const { plan, snapshot } = core;
  if (snapshot.status !== 'active') return [];
  const machine = plan.definition.machine;
  return plan.eventTypes.filter((type) => {
    if (role !== undefined && !plan.permittedRoles.get(type)!.has(role)) return false;
    return plan.samplePayloads.get(type)!.some((payload) => machine.getTransitionData(snapshot, { type, payload }).length > 0);
  });
}

/**
 * Whether the machine has an enabled transition for the event in the case's current state.
 *
 * @internal
 */
export function machineAccepts(core: CaseCore, type: string, payload: unknown): boolean {
  const { plan, snapshot } = core;
  const schema = plan.payloadSchemas.get(type);
  if (!schema || snapshot.status !== 'active') return false;
  const parsed = schema.safeParse(payload === undefined ? {} : payload);
  if (!parsed.success) return false;
  return plan.definition.machine.getTransitionData(snapshot, { type, payload: parsed.data }).length > 0;
}
