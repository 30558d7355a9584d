import { createActor, type AnyActor, type AnyMachineSnapshot } from 'xstate';
import type { CompiledPath } from './compilePath.js';
import type { RecordedEvent } from './recordedEvent.js';

/**
 * The mutable inside of one case: a long-lived XState actor and the history. One actor per case
 * is kept between events instead of being rebuilt for each, which is what makes `record` and
 * `replayCase` several times faster than XState's stateless `transition()`.
 *
 * @internal
 */
export interface CaseCore {
  readonly plan: CompiledPath;
  readonly caseId: string;
  actor: AnyActor;
  snapshot: AnyMachineSnapshot;
  readonly history: RecordedEvent[];
  lastAt: string | undefined;
  lastAtMillis: number;
  /** An error thrown inside the machine (a guard or action of the definition), if any. */
  machineError: { readonly error: unknown } | undefined;
}

function startActor(core: Pick<CaseCore, 'plan'> & Partial<CaseCore>, snapshot?: AnyMachineSnapshot): AnyActor {
  const machine = core.plan.definition.machine;
  const actor = snapshot
    ? createActor(machine, { snapshot: machine.getPersistedSnapshot(snapshot) })
    : createActor(machine);
  // An error observer keeps XState from rethrowing a definition's error on a timer, where no
  // caller could catch it; the runtime reports it synchronously instead.
  actor.subscribe({
    error: (error: unknown) => {
      (core as CaseCore).machineError = { error };
    },
  });
  actor.start();
  return actor;
}

/** A new case core in the machine's initial state. @internal */
export function createCaseCore(plan: CompiledPath, caseId: string): CaseCore {
  const core = { plan, caseId, history: [], lastAt: undefined, lastAtMillis: -Infinity, machineError: undefined } as unknown as CaseCore;
  core.actor = startActor(core);
  core.snapshot = core.actor.getSnapshot() as AnyMachineSnapshot;
  return core;
}

/**
 * Puts the case's actor back to a snapshot it had before an event that was then refused. Only the
 * rare refusal after the machine moved pays for a new actor; accepted events never do.
 *
 * @internal
 */
export function restoreCaseCore(core: CaseCore, snapshot: AnyMachineSnapshot): void {
  core.actor.stop();
  core.machineError = undefined;
  core.actor = startActor(core, snapshot);
  core.snapshot = core.actor.getSnapshot() as AnyMachineSnapshot;
}
