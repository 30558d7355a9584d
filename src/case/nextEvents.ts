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
  return plan.eventTypes.filter((type) => {
    if (role !== undefined && !plan.permittedRoles.get(type)!.has(role)) return false;
    if (!plan.stepper.mayAccept(snapshot, type)) return false;
    return plan.samplePayloads.get(type)!.some((payload) => plan.stepper.accepts(snapshot, { type, payload } as { type: string }));
  });
}

/**
 * Whether the machine has an enabled transition for the event in the case's current state.
 *
 * @internal
 */
export function machineAccepts(core: CaseCore, type: string, payload: unknown): boolean {
  const { plan, snapshot } = core;
  const parse = plan.payloadParsers.get(type);
  if (!parse || snapshot.status !== 'active' || !plan.stepper.mayAccept(snapshot, type)) return false;
  const parsed = parse(payload === undefined ? {} : payload);
  if (!parsed.success) return false;
  const event: { type: string; payload: unknown } = { type, payload: parsed.data };
  return plan.stepper.accepts(snapshot, event);
}
