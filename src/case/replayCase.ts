import type { z } from 'zod';
import { excerptOf } from '../clientExcerpt.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { clientSafeIssues, describeIssues } from './clientSafeIssues.js';
import type { PathVersion, RecordedEvent } from '../path/recordedEvent.js';
import { createCaseCore, type CaseCore, type PrefixReplay } from './caseCore.js';
import { deepFreeze } from './deepFreeze.js';
import { compilePath } from './compilePath.js';
import { recordedEventEnvelope } from './envelope.js';
import { isReadFromText } from './readFromText.js';
import { envelopeStringsIssue, isWellFormedSafely, payloadDomainIssue, storedEventIssue } from './storedEventDomain.js';
import { assertCaseId, caseIdProblem } from './caseId.js';
import { eventTypeMaxLength } from '../schema/codeStrings.js';
import { PathCase } from './pathCase.js';
import { applyEvent, applyParsedEvent, PathRuntimeError, type StepResult } from './eventPipeline.js';
import { planThatRecorded } from './recordedHere.js';
import type { EventIssue, Rejection } from './rejection.js';
import { checkDomain } from '../schema/valueDomain.js';

/**
 * Why a log could not be replayed. Every failure names the first bad event by its position in the
 * log (`index`) and, when it could be read, its `seq`.
 */
export type ReplayFailure =
  | {
      /** The event is not a well-formed recorded event. */
      readonly code: 'MALFORMED_EVENT';
      readonly message: string;
      readonly index: number;
      readonly seq: number | undefined;
      readonly issues: readonly EventIssue[];
    }
  | {
      /** The event belongs to another case than the log's first event (or the given caseId). */
      readonly code: 'WRONG_CASE';
      readonly message: string;
      readonly index: number;
      readonly seq: number;
      readonly expectedCaseId: string;
      readonly foundCaseId: string;
    }
  | {
      /** The event was recorded under another path or version than the definition given. */
      readonly code: 'WRONG_PATH';
      readonly message: string;
      readonly index: number;
      readonly seq: number;
      readonly expected: PathVersion;
      readonly found: PathVersion;
    }
  | {
      /** The seqs are not 1, 2, 3, … in order: an event is missing, repeated or out of place. */
      readonly code: 'OUT_OF_SEQUENCE';
      readonly message: string;
      readonly index: number;
      readonly seq: number;
      readonly expectedSeq: number;
    }
  | {
      /** The definition refuses the event now: the log breaks the path's rules. */
      readonly code: 'EVENT_REJECTED';
      readonly message: string;
      readonly index: number;
      readonly seq: number;
      readonly rejection: Rejection;
    }
  | {
      /** The log is empty and no caseId was given. */
      readonly code: 'EMPTY_LOG';
      readonly message: string;
    };

/** The failure codes of {@link replayCase}. */
export type ReplayFailureCode = ReplayFailure['code'];

/** The result of {@link replayCase}: the rebuilt case, or the first reason it could not be. */
export type ReplayResult<D extends AnyPathDefinition> =
  | { readonly ok: true; readonly case: PathCase<D>; readonly failure?: never }
  | { readonly ok: false; readonly failure: ReplayFailure; readonly case?: never };

/** Options of {@link replayCase}. */
export interface ReplayCaseOptions {
  /** The case the log belongs to; required only to replay an empty log. */
  readonly caseId?: string;
}

/**
 * Rebuilds a case from its recorded events, checking every event again through the same pipeline
 * as `record`. The rebuilt case has the same state, context and history, bit for bit, as the case
 * that recorded them. A log the definition does not accept gives a typed failure naming the first
 * bad event; nothing is emitted during a replay. Events recorded under an earlier version of the
 * path are accepted only when the definition declares a migration from that version (see
 * `PathMigration`); to replay each case under the version it was recorded under, use
 * `replayFromCatalogue`.
 *
 * @example
 * ```ts
 * const replayed = replayCase(workabilityPath, await store.read('case-1'));
 * if (!replayed.ok) throw new Error(`${replayed.failure.code}: ${replayed.failure.message}`);
 * replayed.case.state.value;
 * ```
 */
export function replayCase<D extends AnyPathDefinition>(
  definition: D,
  events: readonly unknown[],
  options: ReplayCaseOptions = {},
): ReplayResult<D> {
  const plan = compilePath(definition);
  let caseId = options.caseId;
  if (caseId !== undefined) assertCaseId(caseId);
  if (caseId === undefined) {
    const first = events[0];
    if (first === undefined) {
      return { ok: false, failure: { code: 'EMPTY_LOG', message: 'the log is empty and no caseId was given' } };
    }
    // Only the case id is read here; the whole first event is checked once, with the others, below.
    const firstCaseId = fieldOf(first, 'caseId');
    caseId = caseIdProblem(firstCaseId) === undefined ? (firstCaseId as string) : undefined;
  }
  if (caseId === undefined) {
    const issue = storedEventIssue(events[0]);
    return { ok: false, failure: malformed(0, events[0], issue ? [issue] : []) };
  }
  const core = createCaseCore(plan, caseId, { replayPrefix });
  for (let index = 0; index < events.length; index++) {
    const failure = applyRecordedEvent(core, events[index], index);
    if (failure) return { ok: false, failure };
  }
  return { ok: true, case: new PathCase(definition, core) };
}

/** One field of a raw event, or undefined when it cannot be read (a throwing getter, a revoked Proxy). */
function fieldOf(raw: unknown, key: 'caseId' | 'seq'): unknown {
  try {
    return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

function malformed(index: number, raw: unknown, issues: readonly EventIssue[]): ReplayFailure {
  const rawSeq = fieldOf(raw, 'seq');
  const safeIssues = clientSafeIssues(issues);
  return {
    code: 'MALFORMED_EVENT',
    message: `event ${index} is not a recorded event: ${describeIssues(safeIssues) || 'no caseId'}`,
    index,
    seq: typeof rawSeq === 'number' ? rawSeq : undefined,
    issues: safeIssues,
  };
}

/**
 * Checks one stored event against the case it continues (its case, its path and version, the next
 * seq) and applies it through the pipeline. Shared by `replayCase` and the log validator.
 *
 * @internal
 */
export function applyRecordedEvent(core: CaseCore, raw: unknown, index: number): ReplayFailure | undefined {
  // An event this compiled path made here is frozen and was checked whole when it was made: only
  // where it stands in this case (its case, its seq) and the path's own steps are left to check.
  if (planThatRecorded(raw) === core.plan) return applyEventMadeHere(core, raw as RecordedEvent, index);
  const expected = core.plan.pathVersion;
  // The value domain too, as `record` and `store.append` check it: a log holding what a store
  // cannot keep (NUL, a lone surrogate, -0) is refused, not replayed into a case no store can hold.
  // A payload the event type's domain reader takes is inside the domain and what its schema gives:
  // one read instead of a walk and a parse.
  let issue: EventIssue | undefined;
  let readPayload: Record<string, unknown> | undefined;
  if (isWellFormedSafely(raw)) {
    const plan = core.plan;
    // The strings of an envelope an SQL store made from its text columns are inside the domain by
    // construction (see readFromText.ts); its shape, lengths and instant were checked just above.
    if (!isReadFromText(raw)) issue = envelopeStringsIssue(raw, core.lastEvent, plan.knownStrings, core.caseId);
    if (!issue && raw.path.id === expected.id && raw.path.version === expected.version && raw.payload !== undefined)
      readPayload = plan.domainPayloadReaders.get(raw.type)?.(raw.payload);
    if (!issue && !readPayload) issue = payloadDomainIssue(raw.payload);
  } else issue = storedEventIssue(raw, core.lastEvent);
  if (issue) {
    const parsed = checkDomain(raw).ok ? recordedEventEnvelope.safeParse(raw) : undefined;
    return malformed(index, raw, parsed && !parsed.success ? parsed.error.issues : [issue]);
  }
  const event = raw as z.infer<typeof recordedEventEnvelope>;
  if (event.caseId !== core.caseId) return wrongCase(core, event, index);
  let type = event.type;
  let payload = event.payload;
  let migrated = false;
  if (event.path.id !== expected.id || event.path.version !== expected.version) {
    // An event of an earlier version is replayed through this version's migration from it, if the
    // definition declares one: rewritten into this version's terms, then checked like any other.
    const migrations = core.plan.migrations;
    const migration = event.path.id === expected.id ? migrations.get(event.path.version) : undefined;
    if (!migration) {
      return {
        code: 'WRONG_PATH',
        message:
          `event seq ${event.seq} was recorded under ${excerptOf(event.path.id)}@${event.path.version}, ` +
          `not ${expected.id}@${expected.version}` +
          (migrations.size > 0 ? ` or a version it migrates from (${[...migrations.keys()].join(', ')})` : ''),
        index,
        seq: event.seq,
        expected,
        found: { id: event.path.id, version: event.path.version },
      };
    }
    if (migration.event) {
      let rewritten: { readonly type: string; readonly payload?: unknown };
      try {
        rewritten = migration.event(event as RecordedEvent);
      } catch (error) {
        throw new PathRuntimeError(expected.id, event.type, error);
      }
      type = rewritten.type;
      payload = rewritten.payload;
    }
    migrated = true;
  }
  if (event.seq !== core.seq + 1) return outOfSequence(core, event, index);
  // A payload read by its type's domain reader is of one of the path's own types, not migrated.
  if (readPayload === undefined && !core.plan.payloadSchemas.has(type)) {
    // A migration's rewrite can name any type; the rejection keeps it only as an excerpt.
    const message = `path '${expected.id}' has no event '${excerptOf(type)}'`;
    const eventType = typeof type === 'string' && type.length <= eventTypeMaxLength ? type : excerptOf(type);
    return {
      code: 'EVENT_REJECTED',
      message: `seq ${event.seq}: ${message}`,
      index,
      seq: event.seq,
      rejection: { code: 'UNKNOWN_EVENT_TYPE', message, eventType },
    };
  }
  const step = readPayload
    ? applyParsedEvent(core, type, event.at, event.actor, readPayload, event.eventId)
    : applyEvent(core, type, event.at, event.actor, payload, event.eventId);
  const failure = failureOf(step, index, event.seq);
  // A migrated case's history is what the store holds, not the rewrite: load equals read.
  if (!failure && migrated && core.keepsHistory)
    core.history[core.history.length - 1] = deepFreeze(structuredClone(event)) as RecordedEvent;
  return failure;
}

function applyEventMadeHere(core: CaseCore, event: RecordedEvent, index: number): ReplayFailure | undefined {
  if (event.caseId !== core.caseId) return wrongCase(core, event, index);
  if (event.seq !== core.seq + 1) return outOfSequence(core, event, index);
  const payload = event.payload as Record<string, unknown>;
  return failureOf(applyParsedEvent(core, event.type, event.at, event.actor, payload, event.eventId, event), index, event.seq);
}

function wrongCase(core: CaseCore, event: { readonly caseId: string; readonly seq: number }, index: number): ReplayFailure {
  return {
    code: 'WRONG_CASE',
    message: `event ${index} (seq ${event.seq}) belongs to case '${excerptOf(event.caseId)}', not '${excerptOf(core.caseId)}'`,
    index,
    seq: event.seq,
    expectedCaseId: core.caseId,
    foundCaseId: event.caseId,
  };
}

function outOfSequence(core: CaseCore, event: { readonly seq: number }, index: number): ReplayFailure {
  return {
    code: 'OUT_OF_SEQUENCE',
    message: `event ${index} has seq ${event.seq}; expected ${core.seq + 1}`,
    index,
    seq: event.seq,
    expectedSeq: core.seq + 1,
  };
}

function failureOf(result: StepResult, index: number, seq: number): ReplayFailure | undefined {
  if (result.ok) return undefined;
  return { code: 'EVENT_REJECTED', message: `seq ${seq}: ${result.rejection.message}`, index, seq, rejection: result.rejection };
}

/** What a core replays the part of a migrated case before its migration with. @internal */
export const replayPrefix: PrefixReplay = (definition, events) => {
  const replayed = replayCase(definition, events);
  return replayed.ok ? { history: replayed.case.history, view: replayed.case.state } : undefined;
};
