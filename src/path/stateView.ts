import type { AnyStateMachine, ContextFrom, SnapshotFrom, StateMachine } from 'xstate';

/** The names of the guards declared in a machine's `setup({ guards })`. */
export type GuardNameOf<TMachine extends AnyStateMachine> =
  TMachine extends StateMachine<
    infer _Context,
    infer _Event,
    infer _Children,
    infer _Actor,
    infer _Action,
    infer TGuard,
    infer _Delay,
    infer _StateValue,
    infer _Tag,
    infer _Input,
    infer _Output,
    infer _Emitted,
    infer _Meta,
    infer _Schema,
    infer _TransitionMeta
  >
    ? TGuard extends { type: infer TName extends string }
      ? TName
      : never
    : never;

type StatePathOfValue<TValue> = TValue extends string
  ? TValue
  : TValue extends object
    ? {
        [K in keyof TValue & string]: K | `${K}.${StatePathOfValue<NonNullable<TValue[K]>>}`;
      }[keyof TValue & string]
    : never;

/** Every state of a machine as a dotted path (`coordinatorSupport`, `active.jobSearch`). */
export type StatePathOf<TMachine extends AnyStateMachine> = StatePathOfValue<SnapshotFrom<TMachine>['value']>;

/**
 * What a rule, a deadline or an outcome sees of a case: the machine's state value and context.
 *
 * @example
 * ```ts
 * const mapped = (view: StateView<typeof workabilityMachine>) => view.context.situationMapped;
 * ```
 */
export interface StateView<TMachine extends AnyStateMachine> {
  readonly value: SnapshotFrom<TMachine>['value'];
  readonly context: ContextFrom<TMachine>;
}
