import type { AnyStateMachine, ContextFrom, SnapshotFrom } from 'xstate';
import type { z } from 'zod';
import type { DeadlineKind, DeadlineMigration, DeadlineRule } from './deadline.js';
import type { EventSchemas, EventTypeOf } from './eventSchemas.js';
import type { Label } from './label.js';
import type { PathIndicator } from './indicator.js';
import type { EventActor, RecordedEvent, RecordedEventFor } from './recordedEvent.js';
import type { PathRule } from './rule.js';
import type { ServiceTask } from './serviceTask.js';
import type { ConsentDeclaration } from './consentDeclaration.js';
import type { SimulationProfile } from './simulationProfile.js';
import type { SourceRef } from './source.js';
import type { GuardNameOf, StatePathOf, StateView } from './stateView.js';

// The types of a path definition, and the types a host reads off one. `definePath` (which checks a
// spec) lives in definePath.ts, above validatePathSpec.ts, so that the validation can name these
// types without an import circle.

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
  /**
   * The role that does the work an event records, where it is not the first role permitted to
   * record it (a referral recorded by the coordinator is the referrer's work). The BPMN draws the
   * event's task in this role's lane. Each must be among the event's permitted roles.
   */
  readonly performers?: Readonly<{ [K in EventTypeOf<TEvents>]?: TRole }>;
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
  /**
   * The social-care service task (palvelutehtävä) the path's cases are filed under: what the sources
   * say of it, and the code once the host supplies it (`withServiceTask`). Configuration, not part
   * of the machine: setting it changes no stored case. Retention by service task keys on it.
   */
  readonly serviceTask?: ServiceTask;
  /**
   * Which events record the client's consent to share the case with a partner (optional): what lets
   * a partner organisation read the case while the consent is in force. See docs/developers.md,
   * "Consent-gated sharing". Setting it changes no stored case.
   */
  readonly consent?: ConsentDeclaration<EventTypeOf<TEvents>>;
  /**
   * The service indicators of the path (optional): shares, distributions and changes the engine
   * counts in the database by period and path version. See docs/hosts.md, "Indicators".
   */
  readonly indicators?: readonly PathIndicator<EventTypeOf<TEvents>>[];
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
  readonly performers?: Readonly<Record<string, string | undefined>>;
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
  readonly serviceTask?: ServiceTask;
  readonly consent?: ConsentDeclaration;
  readonly indicators?: readonly PathIndicator[];
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
  readonly onDue?:
    | { readonly kind: 'notice' }
    | {
        readonly kind: 'event';
        event(due: { readonly dueAt: string; readonly now: string }): {
          readonly type: string;
          readonly actor: { readonly role: string; readonly id: string };
          readonly payload: unknown;
        };
      };
  readonly onMigration?: DeadlineMigration;
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

/**
 * A recorded event of a path, typed per event type.
 *
 * @example
 * ```ts
 * caseRef.on('recorded', (event: RecordedEventOf<typeof workabilityPath>) => save(event));
 * ```
 */
export type RecordedEventOf<D extends AnyPathDefinition> = RecordedEventFor<D['events'], RoleOf<D>>;

/**
 * The payload of an event without fields: `{}` or left out. (What zod infers for an empty strict
 * schema, `Record<string, never>`, has an index signature; among the members of a path's input
 * union, TypeScript then elaborated a wrong value of any other event's payload against it, and
 * every wrong enum value read "not assignable to type 'never'". This names no index signature.)
 */
export interface NoPayloadFields {
  readonly noFields?: never;
}

// `{}` (not `object`): a schema whose fields are all optional allows `{}`, and so may be left out.
type PayloadField<TPayload> = string extends keyof TPayload
  ? { readonly payload?: NoPayloadFields }
  : // biome-ignore lint/complexity/noBannedTypes: `{} extends P` asks whether every payload field is optional
    {} extends TPayload
    ? { readonly payload?: TPayload }
    : { readonly payload: TPayload };

/**
 * What a host records on a case: the event type, when it happened, who recorded it, the payload
 * its schema describes and, optionally, the host's id of the event. A payload may be left out when
 * the event has no fields.
 *
 * @example
 * ```ts
 * const input: CaseInputOf<typeof workabilityPath> = {
 *   type: 'SITUATION_MAPPED',
 *   at: '2025-03-10T10:00:00+02:00',
 *   actor: { role: 'coordinator', id: 'c-4' },
 * };
 * ```
 */
export type CaseInputOf<D extends AnyPathDefinition> = {
  [K in EventTypeOf<D['events']>]: {
    readonly type: K;
    readonly at: string;
    readonly actor: EventActor<RoleOf<D>>;
    /**
     * The host's id of this event (at most 200 characters), to make a retry safe: recording or
     * appending an event whose id the case already holds answers `alreadyRecorded` and writes
     * nothing.
     */
    readonly eventId?: string;
  } & PayloadField<z.input<D['events'][K]>>;
}[EventTypeOf<D['events']>];

// How a case of an earlier version moves to this one: here, beside the definition, since a migration
// may name the earlier version's definition (`fromPath`).

/** An event in the terms of a newer version of a path: its type and payload there. */
export type MigratedEventFor<TEvents extends EventSchemas> = {
  [K in EventTypeOf<TEvents>]: { readonly type: K; readonly payload?: z.input<TEvents[K]> };
}[EventTypeOf<TEvents>];

/**
 * How an open case recorded under an earlier version of a path moves to this version. Moving a
 * case replays its whole history through this version's machine and rules, each earlier event
 * first rewritten by `event` (left as it is when `event` is not given), so a case that this
 * version's rules would refuse is never moved. Stored events are never changed: the rewrite runs
 * again whenever the case is loaded, so a published migration must never change.
 *
 * @example
 * ```ts
 * // v2 added the state `active.escalated`; every v1 event means the same in v2.
 * const fromV1: PathMigration<typeof reviewEventsV2> = { from: 1 };
 * // v3 renamed PAUSED to ON_HOLD.
 * const fromV2: PathMigration<typeof reviewEventsV3> = {
 *   from: 2,
 *   // Every other event keeps its type and payload, which v3 declares as v2 did.
 *   event: ({ type, payload }) =>
 *     type === 'PAUSED' ? { type: 'ON_HOLD', payload: {} } : ({ type, payload } as MigratedEventFor<typeof reviewEventsV3>),
 * };
 * ```
 */
export interface PathMigration<TEvents extends EventSchemas> {
  /** The earlier version of the same path whose open cases may move to this one. */
  readonly from: number;
  /**
   * One event recorded under `from`, in this version's terms: same seq, time and actor, a type and
   * payload of this version. Pure and deterministic, like a rule.
   */
  event?(event: RecordedEvent): MigratedEventFor<TEvents>;
  /**
   * The version `from` itself, needed when a deadline of this version keeps something of the due
   * date that version armed (`onMigration: 'keep-due-date'` or `'keep-remaining'`): its rule says
   * what that date was. It must be that path at version `from`.
   */
  readonly fromPath?: AnyPathDefinition;
}

/** Any migration of any path, as the engine handles it. */
export interface AnyPathMigration {
  readonly from: number;
  event?(event: RecordedEvent): { readonly type: string; readonly payload?: unknown };
  readonly fromPath?: AnyPathDefinition;
}
