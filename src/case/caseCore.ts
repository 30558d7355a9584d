import type { AnyMachineSnapshot } from 'xstate';
import type { CompiledPath } from './compilePath.js';
import type { RecordedEvent } from './recordedEvent.js';

/**
 * The mutable inside of one case: its current machine snapshot and its history. Snapshots are
 * immutable, so a case holds no actor: an event computes the next snapshot through the path's one
 * kept actor scope (see `machineStepper.ts`), and a refused event simply leaves the old snapshot
 * in place.
 *
 * @internal
 */
export interface CaseCore {
  readonly plan: CompiledPath;
  readonly caseId: string;
  snapshot: AnyMachineSnapshot;
  readonly history: RecordedEvent[];
  lastAt: string | undefined;
  lastAtMillis: number;
}

/** A new case core in the machine's initial state. @internal */
export function createCaseCore(plan: CompiledPath, caseId: string): CaseCore {
  return { plan, caseId, snapshot: plan.stepper.initialSnapshot, history: [], lastAt: undefined, lastAtMillis: -Infinity };
}
