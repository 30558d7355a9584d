import type { AnyMachineSnapshot } from 'xstate';
import { excerptOf } from '../clientExcerpt.js';
import { describeStateValue } from '../machine/stateNodes.js';
import { eventTypeMaxLength } from '../schema/codeStrings.js';
import type { CaseCore } from './caseCore.js';
import { clientSafeIssues, describeIssues } from './clientSafeIssues.js';
import { caseInputEnvelope } from './envelope.js';
import { isWellFormedInput } from './envelopeCheck.js';
import { explainRefusal, ruleViolated } from './explainRefusal.js';
import type { EventActor, RecordedEvent } from '../path/recordedEvent.js';
import type { EventIssue, Rejection } from './rejection.js';
import { copyInputIntoDomain, type PlainValue } from '../schema/valueDomain.js';
import { describeFieldPath } from './fieldPath.js';
import { ruleHolds } from './typeErasure.js';
import { isInstantBefore } from '../time/instant.js';
import { markFrozenRecordedHere } from './recordedHere.js';

/** The outcome of one step of the pipeline. @internal */
export type StepResult =
  | { readonly ok: true; readonly event: RecordedEvent; readonly rejection?: never }
  | { readonly ok: false; readonly rejection: Rejection; readonly event?: never };

/**
 * Thrown when a path definition's own code (a guard, an action, a rule) throws while an event is
 * applied: a bug in the definition, not bad input. The case is left as it was before the event:
 * the next snapshot is only committed after every check has passed.
 */
export class PathRuntimeError extends Error {
  override readonly name = 'PathRuntimeError';

  constructor(
    readonly pathId: string,
    readonly eventType: string,
    override readonly cause: unknown,
  ) {
    super(
      `path '${pathId}': applying ${eventType} threw inside the definition (a guard, action or rule): ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
  }
}

// Every INVALID_EVENT passes through here: its issues lose what the client sent, and its message
// lists them from the cleaned issues, so neither can echo a 1 MB value.
function invalid(heading: string, issues: readonly EventIssue[]): StepResult {
  const safeIssues = clientSafeIssues(issues);
  return { ok: false, rejection: { code: 'INVALID_EVENT', message: `${heading}: ${describeIssues(safeIssues)}`, issues: safeIssues } };
}

/** The message of EVENT_ID_TAKEN, the same from `record`, `store.append` and `openCaseStore`. @internal */
export function eventIdTakenMessage(seq: number): string {
  return `the event id already names seq ${seq} of the case, a different event`;
}

// Events without a payload (a third of them) share one empty payload, frozen once.
const emptyPayload: Readonly<Record<string, unknown>> = Object.freeze({});

// The payload is the pipeline's own copy (zod's parse, the fast parser's or a domain reader's), never
// the host's object: freezing it, and every object inside it (a Kykyviisari record's area scores, a
// referral's source), keeps the history unchangeable by whoever holds it, and touches nothing a host holds.
function frozenPayloadOf(payload: Record<string, unknown>): Readonly<Record<string, unknown>> {
  let empty = true;
  for (const key in payload) {
    empty = false;
    const value = payload[key];
    if (typeof value === 'object' && value !== null) freezeThrough(value);
  }
  return empty ? emptyPayload : Object.freeze(payload);
}

/** Freezes a payload's inner object and everything inside it, by `for…in`: no array of values per object. */
function freezeThrough(value: object): void {
  Object.freeze(value);
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key];
    if (typeof inner === 'object' && inner !== null) freezeThrough(inner);
  }
}

function prefixIssues(issues: readonly EventIssue[], prefix: PropertyKey): EventIssue[] {
  return issues.map((issue) => ({ ...issue, path: [prefix, ...issue.path] }));
}

/**
 * Steps 2–5 of the pipeline for an input whose envelope (type known, `at` and `actor` well
 * formed) has been checked: payload schema → event id not taken → role → open case → time order → does the machine
 * accept it → would the result break a rule → commit. Nothing is changed unless every step
 * passes.
 *
 * @internal
 */
export function applyEvent(core: CaseCore, type: string, at: string, actor: EventActor, rawPayload: unknown, eventId?: string): StepResult {
  // Only a missing payload stands for an empty one; `null` is a wrong payload, as JSON Schema says too.
  const parsed = core.plan.payloadParsers.get(type)!(rawPayload === undefined ? {} : rawPayload);
  if (!parsed.success) {
    return invalid(`${type} has an invalid payload`, prefixIssues(parsed.error.issues, 'payload'));
  }
  return applyParsedEvent(core, type, at, actor, parsed.data, eventId);
}

/**
 * {@link applyEvent} for a payload already parsed by the event type's schema (or read by its domain
 * reader, which gives the same): from the event id on.
 *
 * `madeHere` is a stored event this plan's pipeline made (see `planThatRecorded`), replayed: its
 * payload is already what the schema gave, and the event itself becomes the history entry.
 *
 * @internal
 */
export function applyParsedEvent(
  core: CaseCore,
  type: string,
  at: string,
  actor: EventActor,
  payload: Record<string, unknown>,
  eventId?: string,
  madeHere?: RecordedEvent,
): StepResult {
  const plan = core.plan;
  if (eventId !== undefined) {
    const takenBy = core.eventIds?.get(eventId);
    if (takenBy !== undefined) {
      // The id is client text: the message names the seq it is taken by, never the id itself.
      return { ok: false, rejection: { code: 'EVENT_ID_TAKEN', message: eventIdTakenMessage(takenBy), seq: takenBy } };
    }
  }

  const permitted = plan.permittedRoles.get(type)!;
  if (!permitted.has(actor.role)) {
    return {
      ok: false,
      rejection: {
        code: 'ROLE_NOT_PERMITTED',
        message:
          `role '${excerptOf(actor.role)}' may not record ${type} on ${plan.pathVersion.id}; ` +
          `permitted: ${[...permitted].join(', ') || 'nobody'}`,
        role: actor.role,
        eventType: type,
        permittedRoles: [...permitted],
      },
    };
  }

  const previous = core.snapshot;
  if (previous.status !== 'active') {
    const state = describeStateValue(previous.value);
    return {
      ok: false,
      rejection: {
        code: 'CASE_CLOSED',
        message: `the case is closed (state '${state}'); ${type} cannot be recorded`,
        eventType: type,
        state,
      },
    };
  }

  if (core.lastAt !== undefined && isInstantBefore(at, core.lastAt)) {
    return {
      ok: false,
      rejection: {
        code: 'TIME_WENT_BACKWARDS',
        message: `${type} at ${at} is earlier than the case's last event at ${core.lastAt}`,
        at,
        lastAt: core.lastAt!,
      },
    };
  }

  const machineEvent = { type, payload };
  let next: AnyMachineSnapshot | undefined;
  try {
    next = plan.stepper.advance(previous, machineEvent);
  } catch (error) {
    throw new PathRuntimeError(plan.pathVersion.id, type, error);
  }
  if (next === undefined) return { ok: false, rejection: explainRefusal(plan, previous, machineEvent) };

  const rules = plan.rules;
  // The step object a rule reads is built only for a path that has rules.
  const step = rules.length > 0 ? { from: previous, event: machineEvent, to: next } : undefined;
  for (const rule of rules) {
    let holds: boolean;
    try {
      holds = ruleHolds(rule, step!);
    } catch (error) {
      throw new PathRuntimeError(plan.pathVersion.id, type, error);
    }
    if (!holds) return { ok: false, rejection: ruleViolated(rule, type, describeStateValue(previous.value)) };
  }

  const seq = core.seq + 1;
  const event = madeHere ?? newEvent(core, seq, type, at, actor, payload, eventId);
  if (eventId !== undefined) {
    core.eventIds ??= new Map();
    core.eventIds.set(eventId, seq);
  }
  if (core.keepsHistory) core.history.push(event);
  core.seq = seq;
  core.snapshot = next;
  core.lastAt = at;
  core.lastEvent = event;
  return { ok: true, event };
}

function newEvent(
  core: CaseCore,
  seq: number,
  type: string,
  at: string,
  actor: EventActor,
  payload: Record<string, unknown>,
  eventId: string | undefined,
): RecordedEvent {
  const plan = core.plan;
  const frozenActor = sharedActorOf(core, actor);
  const frozenPayload = frozenPayloadOf(payload);
  // The key is left out, not set to undefined, when the host gave no id: stored and replayed
  // events then compare equal whatever a store does with absent columns.
  const event: RecordedEvent =
    eventId === undefined
      ? { caseId: core.caseId, seq, type, at, actor: frozenActor, payload: frozenPayload, path: plan.pathVersion }
      : { caseId: core.caseId, seq, type, at, actor: frozenActor, payload: frozenPayload, path: plan.pathVersion, eventId };
  // frozenPayloadOf froze every object inside the payload: nothing below it is left to check.
  markFrozenRecordedHere(event, plan);
  return Object.freeze(event);
}

/**
 * The frozen actor of a new event: the one the path's cases share (see `SharedActors`), or the one
 * an earlier event of the case by the same actor has, if any. A case is recorded by a few people
 * taking turns (a coordinator and the team members, a nurse and a doctor): each is frozen once, not
 * once per change of turn. At most {@link sharedActorsPerCase} are kept per case, so a core without
 * history stays small.
 */
function sharedActorOf(core: CaseCore, actor: EventActor): EventActor {
  const shared = core.plan.sharedActors.get(actor.role, actor.id);
  if (shared !== undefined) return shared;
  const known = core.actors;
  for (let index = 0; index < known.length; index++) {
    const candidate = known[index]!;
    if (candidate.role === actor.role && candidate.id === actor.id) return candidate;
  }
  const frozen = Object.freeze({ role: actor.role, id: actor.id });
  if (known.length < sharedActorsPerCase) known.push(frozen);
  // The event passed every check: its actor's strings are inside the domain, and other cases may share it.
  core.plan.sharedActors.add(frozen);
  return frozen;
}

const sharedActorsPerCase = 8;

function payloadIssuesOf(core: CaseCore, input: unknown): EventIssue[] {
  if (typeof input !== 'object' || input === null) return [];
  const { type, payload } = input as { type?: unknown; payload?: unknown };
  const schema = typeof type === 'string' ? core.plan.payloadSchemas.get(type) : undefined;
  if (!schema) return [];
  const parsed = schema.safeParse(payload === undefined ? {} : payload);
  return parsed.success ? [] : prefixIssues(parsed.error.issues, 'payload');
}

/**
 * The rejection of an input outside the value domain (docs/developers.md, "The value domain"):
 * one issue, naming the field path and why.
 *
 * @internal
 */
export function outsideDomain(issue: EventIssue): Rejection {
  return { code: 'INVALID_EVENT', message: `not a well-formed event: ${describeFieldPath(issue.path)}: ${issue.message}`, issues: [issue] };
}

/**
 * The one plain copy of a host's input that the pipeline works on, or the rejection of an input
 * that is outside the value domain or cannot be read (a getter or Proxy that throws). Never throws.
 *
 * @internal
 */
export function copyInput(
  input: unknown,
): { readonly ok: true; readonly input: PlainValue } | { readonly ok: false; readonly rejection: Rejection } {
  const copied = copyInputIntoDomain(input);
  return copied.ok ? { ok: true, input: copied.value } : { ok: false, rejection: outsideDomain(copied.issue) };
}

/**
 * The whole pipeline for an input of any shape, as the log validator runs it: one plain copy
 * inside the value domain, then {@link recordPlainInput}.
 *
 * @internal
 */
export function recordInput(core: CaseCore, input: unknown): StepResult {
  const copied = copyInput(input);
  return copied.ok ? recordPlainInput(core, copied.input) : { ok: false, rejection: copied.rejection };
}

/**
 * The pipeline for a plain copy of an input (see {@link copyInput}): a known event type, a
 * well-formed envelope (zod's issues for the payload too, so a host fixes everything at once), then
 * {@link applyEvent}. It reads only the copy, so nothing the host holds can change between checks.
 *
 * @internal
 */
export function recordPlainInput(core: CaseCore, input: PlainValue): StepResult {
  if (typeof input === 'object' && input !== null && 'type' in input) {
    const type = (input as { type: unknown }).type;
    // A type longer than any event type can be is not a type at all: the envelope's INVALID_EVENT
    // says so, and the rejection then holds no 1 MB `eventType`.
    if (typeof type === 'string' && type.length > 0 && type.length <= eventTypeMaxLength && !core.plan.payloadSchemas.has(type)) {
      return {
        ok: false,
        rejection: {
          code: 'UNKNOWN_EVENT_TYPE',
          message: `path '${core.plan.pathVersion.id}' has no event '${excerptOf(type)}'`,
          eventType: type,
        },
      };
    }
  }
  if (isWellFormedInput(input)) return applyEvent(core, input.type, input.at, input.actor, input.payload, input.eventId);
  const envelope = caseInputEnvelope.safeParse(input);
  if (!envelope.success) {
    const issues = [...envelope.error.issues, ...payloadIssuesOf(core, input)];
    return invalid('not a well-formed event', issues);
  }
  const { type, at, actor, payload, eventId } = envelope.data;
  return applyEvent(core, type, at, actor, payload, eventId);
}
