import type { AnyStateMachine, ContextFrom, EventFromLogic, SnapshotFrom, StateMachine } from 'xstate';
import type { z } from 'zod';
import type { DeadlineKind, DeadlineRule } from './deadline.js';
import type { RecordedEventFor } from './recordedEvent.js';
import type { SimulationProfile } from './simulationProfile.js';
import type { Label } from './label.js';
import type { AnyPathMigration, PathMigration } from './pathMigration.js';
import type { PathRule } from './rule.js';
import type { SourceRef } from './source.js';
import { validatePathSpec } from './validatePathSpec.js';

/**
 * One zod payload schema per event type of a path. Payloads are codes, dates and flags, never free
 * text, so every schema is a (strict) object.
 *
 * @example
 * ```ts
 * const events = {
 *   SITUATION_MAPPED: z.strictObject({}),
 *   CLOSED: z.strictObject({ endReason: z.enum(['employed', 'other']) }),
 * } satisfies EventSchemas;
 * ```
 */
export type EventSchemas = Readonly<Record<string, z.ZodObject>>;

/** The event type names of a set of event schemas. */
export type EventTypeOf<TEvents extends EventSchemas> = keyof TEvents & string;

/**
 * The event objects a path's machine receives: `{ type, payload }`, the payload already parsed by
 * its schema. Declare a machine with `setup({ types: { events: {} as MachineEventOf<typeof events> } })`.
 *
 * @example
 * ```ts
 * type WorkabilityMachineEvent = MachineEventOf<typeof workabilityEvents>;
 * ```
 */
export type MachineEventOf<TEvents extends EventSchemas> = {
  [K in EventTypeOf<TEvents>]: { readonly type: K; readonly payload: z.output<TEvents[K]> };
}[EventTypeOf<TEvents>];

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
export type StatePathOf<TMachine extends AnyStateMachine> = StatePathOfValue<
  SnapshotFrom<TMachine>['value']
>;

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

/** A seed document a path is built from. */
export interface SourceDocument {
  /** The short id used in domain notes, e.g. `S1`. */
  readonly id: string;
  /** The file name under `shared/seeds/`. */
  readonly seed: string;
  readonly title: string;
}

/**
 * A path definition: what one service path is, for the engine to run, check, draw and store.
 * Made with {@link definePath}; every type a host sees is inferred from it.
 */
export interface PathDefinition<
  TMachine extends AnyStateMachine,
  TEvents extends EventSchemas,
  TRole extends string,
  TOutcome extends string,
  TRuleId extends string,
  TDeadlineId extends string,
> {
  /** Stable id, lowercase with dashes (`workability-path`). */
  readonly id: string;
  /** Raised whenever the machine changes; recorded on every event. */
  readonly version: number;
  readonly title: Label;
  /** The XState v5 machine, made with `setup({...}).createMachine({...})`. */
  readonly machine: TMachine;
  /** One payload schema per event type. */
  readonly events: TEvents;
  /** The professional roles (and the client, where a client records) of the path. */
  readonly roles: Readonly<Record<TRole, Label>>;
  /** Which roles may record each event type. */
  readonly permissions: Readonly<{ [K in EventTypeOf<TEvents>]: readonly TRole[] }>;
  readonly labels: {
    readonly states: Readonly<Record<StatePathOf<TMachine>, Label>>;
    readonly events: Readonly<Record<EventTypeOf<TEvents>, Label>>;
    /** A readable condition for every guard, for diagrams and messages. */
    readonly guards: Readonly<Record<GuardNameOf<TMachine>, Label>>;
  };
  /** The hard rules: each one a named invariant and the guards that enforce it. */
  readonly rules: readonly PathRule<TMachine, TEvents, TRuleId>[];
  /** Soft targets and decisions due, computed from the history and a given `now`. */
  readonly deadlines: readonly DeadlineRule<TMachine, TEvents, TRole, TDeadlineId>[];
  /** The end reasons a closed case can carry. */
  readonly outcomes: Readonly<Record<TOutcome, Label>>;
  /** Reads the end reason of a case from its state; `undefined` while the case is open. */
  outcomeOf(view: StateView<TMachine>): TOutcome | undefined;
  /** The seed documents the path is built from. */
  readonly sources: readonly SourceDocument[];
  /** How a typical cohort moves along the path, for synthetic cohorts (optional). */
  readonly simulation?: SimulationProfile<TEvents>;
  /**
   * The host's id of the professional currently responsible for the case (a coach, a case
   * manager), read from the history, for caseloads and work lists (optional).
   */
  assigneeOf?(history: readonly RecordedEventFor<TEvents, TRole>[], state: StateView<TMachine>): string | undefined;
  /**
   * How open cases of earlier versions move to this version (optional). A case recorded under a
   * version this list does not name stays on that version for good. See docs/developers.md,
   * "Path versions".
   */
  readonly migrations?: readonly PathMigration<TEvents>[];
}

/**
 * Any path definition, for engine code that works over every path and for hosts that keep cases of
 * several paths in one list. Every {@link PathDefinition} is assignable to it. Functions of the
 * definition take `never` here: only the engine calls them, with values of the definition's own
 * types.
 *
 * @example
 * ```ts
 * const catalogue: readonly AnyPathDefinition[] = [workabilityPath];
 * ```
 */
export interface AnyPathDefinition {
  readonly id: string;
  readonly version: number;
  readonly title: Label;
  readonly machine: AnyStateMachine;
  readonly events: EventSchemas;
  readonly roles: Readonly<Record<string, Label>>;
  readonly permissions: Readonly<Record<string, readonly string[]>>;
  readonly labels: {
    readonly states: Readonly<Record<string, Label>>;
    readonly events: Readonly<Record<string, Label>>;
    readonly guards: Readonly<Record<string, Label>>;
  };
  readonly rules: readonly AnyPathRule[];
  readonly deadlines: readonly AnyDeadlineRule[];
  readonly outcomes: Readonly<Record<string, Label>>;
  outcomeOf(view: never): string | undefined;
  readonly sources: readonly SourceDocument[];
  readonly simulation?: SimulationProfile<EventSchemas>;
  assigneeOf?(history: never, state: never): string | undefined;
  readonly migrations?: readonly AnyPathMigration[];
}

/** Any rule of any path, as the engine handles it. */
export interface AnyPathRule {
  readonly id: string;
  readonly name: Label;
  readonly sentence: Label;
  readonly source: SourceRef;
  readonly enforcedBy: readonly string[];
  holds(step: never): boolean;
}

/** Any deadline rule of any path, as the engine handles it. */
export interface AnyDeadlineRule {
  readonly id: string;
  readonly label: Label;
  readonly source: SourceRef;
  readonly kind: DeadlineKind;
  dueAt(history: never, state: never): string | undefined;
}

// The helpers below read a definition through a conditional type on purpose: that keeps TypeScript
// from measuring a variance for D, so that a PathCase of one path stays assignable to
// PathCase<AnyPathDefinition> (keyof would make D contravariant and break that).

/** The role names of a path. */
export type RoleOf<D extends AnyPathDefinition> = D['roles'] extends infer R ? keyof R & string : never;
/** The event type names of a path. */
export type EventTypeOfPath<D extends AnyPathDefinition> = D['events'] extends infer E ? keyof E & string : never;
/** The end reasons of a path. */
export type OutcomeOf<D extends AnyPathDefinition> = D['outcomes'] extends infer O ? keyof O & string : never;
/** The rule ids of a path. */
export type RuleIdOf<D extends AnyPathDefinition> = D['rules'][number]['id'];
/** The state value type of a path's machine. */
export type StateValueOf<D extends AnyPathDefinition> = SnapshotFrom<D['machine']>['value'];
/** The context type of a path's machine. */
export type ContextOf<D extends AnyPathDefinition> = ContextFrom<D['machine']>;

type MachineAcceptsEvents<TMachine extends AnyStateMachine, TEvents extends EventSchemas> = [
  EventFromLogic<TMachine>,
] extends [MachineEventOf<TEvents>]
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
 *   title: { fi: 'Työkyvyn tuen palvelu', en: 'Work-ability support service' },
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
  spec: PathDefinition<TMachine, TEvents, TRole, TOutcome, TRuleId, TDeadlineId> &
    MachineAcceptsEvents<TMachine, TEvents>,
): PathDefinition<TMachine, TEvents, TRole, TOutcome, TRuleId, TDeadlineId> {
  validatePathSpec(spec);
  return Object.freeze({ ...spec });
}

export type { SourceRef };
