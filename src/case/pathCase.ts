import { EventEmitter } from 'eventemitter3';
import type { StateValue } from 'xstate';
import type { z } from 'zod';
import type {
  AnyPathDefinition,
  CaseInputOf,
  ContextOf,
  EventTypeOfPath,
  OutcomeOf,
  RecordedEventOf,
  RoleOf,
  StateValueOf,
} from '../path/definition.js';
import type { Deadline } from '../path/deadline.js';
import { describeStateValue } from '../machine/stateNodes.js';
import { canonicalJson } from '../json/canonicalJson.js';
import type { CaseCore } from './caseCore.js';
import { deepFreeze } from './deepFreeze.js';
import { computeDeadlines } from './computeDeadlines.js';
import { listNextEvents, machineAccepts } from './nextEvents.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { copyInput, recordPlainInput } from './eventPipeline.js';
import type { Rejection } from './rejection.js';
import type { PlainValue } from '../schema/valueDomain.js';
import { outcomeOfView } from './typeErasure.js';

/**
 * The event an input repeats: same event id, and the event it would record is the one recorded
 * under that id (type, time, actor and the payload as its schema parses it). Anything else under a
 * taken id is refused by the pipeline with EVENT_ID_TAKEN.
 */
function findRetriedEvent(core: CaseCore, input: PlainValue): RecordedEvent | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { eventId, type, at, actor, payload } = input as {
    eventId?: unknown;
    type?: unknown;
    at?: unknown;
    actor?: { role?: unknown; id?: unknown };
    payload?: unknown;
  };
  const seq = typeof eventId === 'string' ? core.eventIds?.get(eventId) : undefined;
  const recorded = seq === undefined ? undefined : core.history[seq - 1];
  if (!recorded || recorded.type !== type || recorded.at !== at) return undefined;
  if (recorded.actor.role !== actor?.role || recorded.actor.id !== actor?.id) return undefined;
  const parsed = core.plan.payloadParsers.get(recorded.type)?.(payload === undefined ? {} : payload);
  return parsed?.success && canonicalJson(parsed.data) === canonicalJson(recorded.payload) ? recorded : undefined;
}

/**
 * The result of recording an event: the recorded event, or the reason it was refused. Narrow on
 * `ok` before reading either field.
 *
 * @example
 * ```ts
 * const outcome = caseRef.record(input);
 * if (outcome.ok) await store.append(outcome.event.caseId, [outcome.event], { expectedSeq: outcome.event.seq - 1 });
 * else console.warn(outcome.rejection.code, outcome.rejection.message);
 * ```
 */
export type RecordResult<D extends AnyPathDefinition> =
  | {
      readonly ok: true;
      readonly event: RecordedEventOf<D>;
      /**
       * True when the input carried an `eventId` the case already holds for the same event (a
       * retry): `event` is the one recorded before, and nothing was recorded or emitted now. The
       * same flag, by the same name, as `store.append`'s and `openCaseStore().record`'s.
       */
      readonly alreadyRecorded: boolean;
      readonly rejection?: never;
    }
  | { readonly ok: false; readonly rejection: Rejection; readonly event?: never };

/**
 * Where a case is now: the machine's state value and context, whether it is open, and its end
 * reason once closed.
 */
export interface CaseState<D extends AnyPathDefinition> {
  readonly value: StateValueOf<D>;
  readonly context: ContextOf<D>;
  readonly status: 'open' | 'closed';
  /** The end reason, once the case is closed. */
  readonly outcome: OutcomeOf<D> | undefined;
}

/**
 * The events a case emits: `recorded` after an event is committed (persist it), `rejected` after
 * an input is refused (the case is unchanged). Listeners run synchronously after the commit; an
 * error thrown by a listener propagates out of `record`, and the event stays recorded.
 */
export interface CaseEvents<D extends AnyPathDefinition> {
  recorded: [event: RecordedEventOf<D>];
  rejected: [rejection: Rejection, input: unknown];
}

/**
 * A case of any path, for code that keeps cases of several paths together (a catalogue, a
 * cohort, a report). Every {@link PathCase} is assignable to it; methods that need the path's own
 * types take `never` here, so record through the `PathCase` of the path itself.
 *
 * @example
 * ```ts
 * const open: AnyPathCase[] = [openCase(workabilityPath, { caseId: 'a' })];
 * open.map((caseRef) => caseRef.stateName);
 * ```
 */
export interface AnyPathCase {
  readonly caseId: string;
  readonly definition: AnyPathDefinition;
  readonly seq: number;
  readonly history: readonly RecordedEvent[];
  readonly state: {
    readonly value: StateValue;
    readonly context: unknown;
    readonly status: 'open' | 'closed';
    readonly outcome: string | undefined;
  };
  readonly stateName: string;
  record(input: never): { readonly ok: boolean; readonly event?: RecordedEvent; readonly rejection?: Rejection };
  nextEvents(role?: never): string[];
  accepts(type: never, payload?: never): boolean;
  deadlines(now: string): Deadline[];
}

/**
 * One client's case on one path. Open one with {@link openCase}, rebuild one with
 * {@link replayCase}.
 *
 * @example
 * ```ts
 * const caseRef = openCase(workabilityPath, { caseId: 'case-1' });
 * caseRef.on('recorded', (event) => pending.push(event));
 * caseRef.record({
 *   type: 'CONTACT_RECEIVED',
 *   at: '2025-03-03T09:00:00+02:00',
 *   actor: { role: 'nurse', id: 'n-17' },
 *   payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
 * });
 * caseRef.state.value; // 'contacted'
 * ```
 */
export class PathCase<D extends AnyPathDefinition> {
  readonly #core: CaseCore;
  // Untyped inside so that a PathCase<D> stays assignable to PathCase<AnyPathDefinition>; the
  // typed on/once/off below are the only way in. Made on the first listener: most cases (every
  // replayed one) never have one, and a case made per replay should cost no emitter.
  #emitter: EventEmitter | undefined;
  #state: CaseState<AnyPathDefinition> | undefined;

  /** @internal Use {@link openCase} or {@link replayCase}. */
  constructor(
    /** The path this case runs on. */
    readonly definition: D,
    core: CaseCore,
  ) {
    this.#core = core;
  }

  /** The host's id of the case. */
  get caseId(): string {
    return this.#core.caseId;
  }

  /** The seq of the last recorded event; 0 before the first. */
  get seq(): number {
    return this.#core.seq;
  }

  /** Every recorded event, oldest first. */
  get history(): readonly RecordedEventOf<D>[] {
    // Every event in the history passed D's own schemas on the way in, so it has D's types.
    return this.#core.history as unknown as readonly RecordedEventOf<D>[];
  }

  /** Where the case is now. */
  get state(): CaseState<D> {
    const snapshot = this.#core.snapshot;
    const cached = this.#state;
    if (cached && cached.value === snapshot.value && cached.context === snapshot.context) return cached as CaseState<D>;
    const closed = snapshot.status !== 'active';
    const state: CaseState<D> = Object.freeze({
      value: snapshot.value as StateValueOf<D>,
      context: deepFreeze(snapshot.context) as ContextOf<D>,
      status: closed ? 'closed' : 'open',
      outcome: closed ? (outcomeOfView(this.definition, snapshot) as OutcomeOf<D> | undefined) : undefined,
    });
    this.#state = state as CaseState<AnyPathDefinition>;
    return state;
  }

  /** The current state as one readable string (`healthCheck`, `active.jobSearch`). */
  get stateName(): string {
    return describeStateValue(this.#core.snapshot.value);
  }

  /**
   * Records what happened: checks the input against the path (schema, role, open case, time
   * order, machine, rules) and either commits it and emits `recorded`, or refuses it, emits
   * `rejected` and changes nothing. Never throws for bad input, whatever its shape: the input is
   * read once, into a plain copy inside the value domain (docs/developers.md), and an input that
   * cannot be copied (a throwing getter, a revoked Proxy, NUL, a lone surrogate, -0, year 10000, a
   * cycle) is an `INVALID_EVENT` naming the field.
   */
  record(input: CaseInputOf<D>): RecordResult<D> {
    // One plain copy, read once: every check below and the recorded event see the same values,
    // whatever getters or Proxies the host's object holds.
    const copied = copyInput(input);
    if (!copied.ok) {
      this.#emitter?.emit('rejected', copied.rejection, input);
      return { ok: false, rejection: copied.rejection };
    }
    const retried = this.#core.eventIds === undefined ? undefined : findRetriedEvent(this.#core, copied.input);
    if (retried) return { ok: true, event: retried as RecordedEventOf<D>, alreadyRecorded: true };
    const result = recordPlainInput(this.#core, copied.input);
    if (!result.ok) {
      this.#emitter?.emit('rejected', result.rejection, input);
      return result;
    }
    this.#emitter?.emit('recorded', result.event);
    return { ok: true, event: result.event as RecordedEventOf<D>, alreadyRecorded: false };
  }

  /**
   * The event types the case would accept now, in declaration order: for a role, only those it
   * may record. An event type is listed when some payload its schema allows would be accepted.
   */
  nextEvents(role?: RoleOf<D>): EventTypeOfPath<D>[] {
    return listNextEvents(this.#core, role) as EventTypeOfPath<D>[];
  }

  /**
   * Whether the machine would take this event in the case's current state, without recording it
   * and without the role and time checks: for a host's form that greys out what cannot happen.
   * An invalid payload is never accepted.
   */
  accepts<K extends EventTypeOfPath<D>>(type: K, payload?: z.input<D['events'][K]>): boolean {
    return machineAccepts(this.#core, type, payload);
  }

  /**
   * What is due for the case at `now` (an ISO instant), soonest first: soft targets and decisions
   * computed from the history. Throws a `RangeError` when `now` is not an ISO instant.
   */
  deadlines(now: string): Deadline<D['deadlines'][number]['id']>[] {
    return computeDeadlines(this.#core, now) as Deadline<D['deadlines'][number]['id']>[];
  }

  /** Listens to `recorded` or `rejected`. */
  on<E extends keyof CaseEvents<D>>(event: E, listener: (...args: CaseEvents<D>[E]) => void): this {
    this.#emitter ??= new EventEmitter();
    this.#emitter.on(event, listener);
    return this;
  }

  /** Listens to one `recorded` or `rejected` event. */
  once<E extends keyof CaseEvents<D>>(event: E, listener: (...args: CaseEvents<D>[E]) => void): this {
    this.#emitter ??= new EventEmitter();
    this.#emitter.once(event, listener);
    return this;
  }

  /** Stops listening. */
  off<E extends keyof CaseEvents<D>>(event: E, listener: (...args: CaseEvents<D>[E]) => void): this {
    this.#emitter?.off(event, listener);
    return this;
  }
}
