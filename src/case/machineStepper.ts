import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

/**
 * Computes a machine's next snapshot from any snapshot, through XState's public `ActorLogic`
 * interface (`machine.transition(snapshot, event, actorScope)`), with one actor scope kept for the
 * machine's lifetime.
 *
 * XState's own stateless `transition()` builds a new actor for every call only to get such a scope;
 * that is most of its cost. A path machine has no children, timers or side effects (definePath
 * refuses invokes and `after`), so one inert scope, built the way XState builds its own, serves
 * every case and every event. Equality with `transition()` is checked by a property test.
 *
 * @internal
 */
export interface MachineStepper {
  /** The machine's initial snapshot, computed once and shared by every new case (it is immutable). */
  readonly initialSnapshot: AnyMachineSnapshot;
  /** The next snapshot; throws whatever a guard or action of the machine throws. */
  next(snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot;
}

/** @internal */
export function createMachineStepper(machine: AnyStateMachine): MachineStepper {
  const self = createActor(machine);
  const ignore = (): void => {};
  const scope: AnyActorScope = {
    self,
    id: '',
    sessionId: '',
    logger: ignore,
    defer: ignore,
    emit: ignore,
    system: self.system,
    stopChild: ignore,
    actionExecutor: ignore,
  };
  return {
    initialSnapshot: machine.getInitialSnapshot(scope, undefined) as AnyMachineSnapshot,
    next: (snapshot, event) => machine.transition(snapshot, event, scope) as AnyMachineSnapshot,
  };
}
