/**
 * Where a path's own types meet engine code that works over any path, and where XState's loosely
 * typed APIs are called. `AnyPathDefinition` and `AnyPathCase` take `never` in their callbacks and
 * methods, so that every `PathDefinition` and `PathCase` is assignable to them; the engine must
 * then call those with a value TypeScript cannot prove to be of the path's own type. Every such
 * cast in `src/` and `machines/` is here, once, next to the reason it is safe; a test
 * (test/typeErasure.unit.test.ts) keeps `as never` out of every other file.
 *
 * @internal
 * @packageDocumentation
 */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { AnyDeadlineRule, AnyPathDefinition, AnyPathRule, CaseInputOf } from '../path/definition.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { Rejection } from './rejection.js';

/** What a definition's rules, deadlines and outcome see of a case: a state value and a context. @internal */
export interface ErasedView {
  readonly value: unknown;
  readonly context: unknown;
}

/** A step as a rule sees it, of any path. @internal */
export interface ErasedStep {
  readonly from: ErasedView;
  readonly event: object;
  readonly to: ErasedView;
}

/**
 * Whether a rule of any path holds on a step. Safe: the engine builds every step from the rule's
 * own path (snapshots of its machine, an event its schema parsed) or, in the checker, from proxies
 * that answer every read the way such a step would; a rule is pure and may only read.
 *
 * @internal
 */
export function ruleHolds(rule: AnyPathRule, step: ErasedStep): boolean {
  return rule.holds(step as never);
}

/**
 * The end reason a definition reads from a state of its own machine. Safe: `view` is always a
 * snapshot (or a value/context pair) of `definition.machine`, which is what `outcomeOf` takes.
 *
 * @internal
 */
export function outcomeOfView(definition: AnyPathDefinition, view: ErasedView): string | undefined {
  return definition.outcomeOf(view as never);
}

/**
 * When a deadline of a path falls due for a case of that path. Safe: `history` was recorded through
 * the same definition (its events, types and roles) and `view` is a state of its machine.
 *
 * @internal
 */
export function deadlineDueAt(deadline: AnyDeadlineRule, history: readonly RecordedEvent[], view: ErasedView): string | undefined {
  return deadline.dueAt(history as never, view as never);
}

/**
 * Who the definition says is responsible for a case of its path. Safe for the reason of
 * {@link deadlineDueAt}.
 *
 * @internal
 */
export function assigneeOfCase(definition: AnyPathDefinition, history: readonly RecordedEvent[], view: ErasedView): string | undefined {
  return definition.assigneeOf?.(history as never, view as never);
}

/** What engine code needs of a case of any path to record into it. @internal */
export interface ErasedRecorder {
  record(input: never): { readonly ok: boolean; readonly event?: RecordedEvent; readonly rejection?: Rejection };
  accepts(type: never, payload?: never): boolean;
}

/** What recording into a case of any path answers. @internal */
export type ErasedRecordResult =
  | { readonly ok: true; readonly event: RecordedEvent; readonly alreadyRecorded: boolean; readonly rejection?: never }
  | { readonly ok: false; readonly rejection: Rejection; readonly event?: never };

/**
 * Records an input of any shape (a fault the simulator injects, a host's input typed for another
 * view of the path). Safe: `record` takes its input as `unknown` at run time, copies it into the
 * value domain and checks every field, answering a wrong shape with a typed rejection; the input
 * type is a compile-time aid for hosts only.
 *
 * @internal
 */
export function recordAny(caseRef: ErasedRecorder, input: unknown): ErasedRecordResult {
  // Every case's `record` answers a RecordResult, of which this is the erased form.
  return caseRef.record(input as never) as ErasedRecordResult;
}

/**
 * Whether a case of any path would take an event now. Safe as {@link recordAny}: `accepts` parses
 * the payload with the type's schema and answers false for an unknown type or a bad payload.
 *
 * @internal
 */
export function acceptsAny(caseRef: ErasedRecorder, type: string, payload: unknown): boolean {
  return caseRef.accepts(type as never, payload as never);
}

/**
 * The event types a case of any path accepts now from a role of any name. Safe: `nextEvents` takes
 * the role as a string at run time and answers no event for a role the path does not know.
 *
 * @internal
 */
export function nextEventsForAnyRole(caseRef: { nextEvents(role?: never): readonly string[] }, role: string): readonly string[] {
  return caseRef.nextEvents(role as never);
}

/**
 * An input of any shape, as the input `openCaseStore().record` takes for a catalogue of any paths
 * (a deadline's firing event, which its path declares). Safe as {@link recordAny}: `record` copies
 * it into the value domain and checks every field at run time, answering a wrong one with a typed
 * rejection.
 *
 * @internal
 */
export function asStoreInput(input: unknown): never {
  return input as never;
}

/**
 * An input built by engine code from a definition's own event types, roles and sample payloads
 * (or one the case has just recorded), as the path's typed input. Safe: it has the envelope's
 * shape, a type of `D`, a payload its schema allows and a role `D` permits; `record` checks it all
 * again at run time.
 *
 * @internal
 */
export function asCaseInput<D extends AnyPathDefinition>(input: {
  readonly type: string;
  readonly at: string;
  readonly actor: { readonly role: string; readonly id: string };
  readonly payload: Record<string, unknown>;
}): CaseInputOf<D> {
  return input as unknown as CaseInputOf<D>;
}

/**
 * The snapshot `resolveState` makes of a state value and context of a machine's own state, keeping
 * its history value. Safe: XState keeps `historyValue` on every machine snapshot but leaves it out
 * of the public snapshot type; `resolveState` takes it back as it is.
 *
 * @internal
 */
export function resolveWithContext(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  context: Record<string, unknown>,
): AnyMachineSnapshot {
  const { historyValue } = snapshot as unknown as { historyValue?: Parameters<AnyStateMachine['resolveState']>[0]['historyValue'] };
  return machine.resolveState({
    value: snapshot.value,
    context,
    historyValue,
    status: snapshot.status,
    output: snapshot.output,
  }) as AnyMachineSnapshot;
}

/** A guard of `setup({ guards })` as the checker calls it. @internal */
export type GuardImplementation = (args: { readonly context: unknown; readonly event: unknown }, params: unknown) => unknown;

/**
 * A guard implementation read from `machine.implementations.guards`, when it is a function. Safe:
 * XState calls every guard that is not higher-order (`and`, `or`, `not`) as `(args, params)`,
 * which is all the checker does with it.
 *
 * @internal
 */
export function asGuardImplementation(implementation: unknown): GuardImplementation | undefined {
  return typeof implementation === 'function' ? (implementation as GuardImplementation) : undefined;
}
