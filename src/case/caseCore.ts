import type { AnyMachineSnapshot } from 'xstate';
import type { CompiledPath } from './compilePath.js';
import type { RecordedEvent } from '../path/recordedEvent.js';

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
  /** The seq of the last event applied. */
  seq: number;
  /** Every recorded event, unless the core was made without history (a log validator's). */
  readonly history: RecordedEvent[];
  readonly keepsHistory: boolean;
  lastAt: string | undefined;
  /** The last event applied (kept even without history, for a log import). */
  lastEvent: RecordedEvent | undefined;
  /** The seq of each host-given event id in the history; made on the first event that has one. */
  eventIds: Map<string, number> | undefined;
}

/**
 * A new case core in the machine's initial state. Without history (`keepsHistory: false`) a core
 * holds only its snapshot, seq and last time: a validator streaming a million-line log keeps memory
 * proportional to its cases, not its lines.
 *
 * @internal
 */
export function createCaseCore(plan: CompiledPath, caseId: string, options: { readonly keepsHistory?: boolean } = {}): CaseCore {
  return {
    plan,
    caseId,
    snapshot: plan.stepper.initialSnapshot,
    seq: 0,
    history: [],
    keepsHistory: options.keepsHistory ?? true,
    lastAt: undefined,
    lastEvent: undefined,
    eventIds: undefined,
  };
}
