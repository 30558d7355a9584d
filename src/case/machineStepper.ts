import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { compileStepper, type CompiledStepReport } from '../machine/compiledStepper.js';

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
 * Steps are answered by the machine compiled once (`compileStepper`): per state and event type
 * the candidate transitions with their guards and assigns, called directly, and XState's own step
 * for whatever the compiler leaves to it (`report`).
 *
 * @internal
 */
export interface MachineStepper {
  /** The machine's initial snapshot, computed once and shared by every new case (it is immutable). */
  readonly initialSnapshot: AnyMachineSnapshot;
  /** The next snapshot; throws whatever a guard or action of the machine throws. */
  next(snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot;
  /**
   * The next snapshot, or `undefined` when the machine has no enabled transition for the event
   * (it refuses it). Throws whatever a guard or action of the machine throws.
   */
  step(snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot | undefined;
  /**
   * {@link step}, but a step that changes neither the state nor the context answers with the snapshot
   * given, not a new, equal one (see `CompiledStepper.advance`). For the case pipeline, which treats
   * snapshots as values.
   */
  advance(snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot | undefined;
  /** Whether the machine has an enabled transition for the event, without taking it. */
  accepts(snapshot: AnyMachineSnapshot, event: EventObject): boolean;
  /** False when no transition for the event type leaves the snapshot's state, whatever the payload. */
  mayAccept(snapshot: AnyMachineSnapshot, eventType: string): boolean;
  /** Which transitions are compiled and which XState answers. */
  readonly report: CompiledStepReport;
}

/**
 * An actor scope for stepping a path machine outside any running actor, built the way XState builds
 * its own: nothing it is asked to log, defer, emit or execute has an effect (a path machine has no
 * children, timers or side effects).
 *
 * @internal
 */
export function inertActorScope(machine: AnyStateMachine): AnyActorScope {
  const self = createActor(machine);
  const ignore = (): void => {};
  return {
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
}

/** @internal */
export function createMachineStepper(machine: AnyStateMachine): MachineStepper {
  const scope = inertActorScope(machine);
  const compiled = compileStepper(machine, scope, (snapshot, event) => machine.transition(snapshot, event, scope) as AnyMachineSnapshot);
  return {
    initialSnapshot: machine.getInitialSnapshot(scope, undefined) as AnyMachineSnapshot,
    next: (snapshot, event) => compiled.step(snapshot, event) ?? snapshot,
    step: compiled.step,
    advance: compiled.advance,
    accepts: compiled.accepts,
    mayAccept: compiled.mayAccept,
    report: compiled.report,
  };
}
