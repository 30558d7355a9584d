import fc from 'fast-check';
import type { AnyPathDefinition } from '../path/definition.js';
import { openCase } from '../case/openCase.js';
import type { AnyPathCase } from '../case/pathCase.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { replayCase } from '../case/replayCase.js';
import { canonicalJson } from '../json/canonicalJson.js';
import type { EventStore } from '../store/eventStore.js';
import { acceptedNow, recordableInputs, type RecordableInput } from './recordableInputs.js';
import { acceptsAny, recordAny } from '../case/typeErasure.js';

/**
 * What a store should hold, kept beside it during a model-based run: live cases of the path
 * (recorded through the rules) and every event appended, in append order.
 */
export interface EventStoreModel {
  readonly definition: AnyPathDefinition;
  /** The live cases; a case whose second writer won a race is replaced by that writer's copy. */
  readonly cases: AnyPathCase[];
  /** Every event the store accepted, in append order. */
  readonly appended: RecordedEvent[];
  /** Milliseconds of the next `at`; one minute later for every event. */
  clock: number;
}

/** The command type of {@link eventStoreCommands}. */
export type EventStoreCommand = fc.AsyncCommand<EventStoreModel, EventStore>;

/** Constraints of {@link eventStoreCommands} and {@link eventStoreProperty}. */
export interface EventStoreCommandsConstraints {
  /** How many cases a run writes to. Default 3. */
  readonly cases?: number;
  /** Most commands in one run. Default 40. */
  readonly maxCommands?: number;
  /**
   * Events of a long-run command: recorded cheaply (the same accepted input while the case takes
   * it) and appended in batches of up to 1 100, past the 1 000-row statement the SQL stores switch
   * at. Default 1 100; 0 leaves long runs out. To cross a store's read page (5 000 rows in the SQL
   * stores) in a short run, give the store a small page instead (`readPageSize`, for tests).
   */
  readonly longRun?: number;
}

/** Thrown by a command when the store does not do what the model says it must. */
export class EventStoreModelError extends Error {
  override readonly name = 'EventStoreModelError';
}

function same(actual: unknown, expected: unknown, what: string): void {
  // Stores may hand payload keys back in another order (a JSON column does): compare canonically.
  if (canonicalJson(actual) !== canonicalJson(expected)) {
    throw new EventStoreModelError(`${what}:\n  expected ${canonicalJson(expected)}\n  got      ${canonicalJson(actual)}`);
  }
}

/**
 * Strings every store must keep exactly although they are awkward: the replacement character a
 * lone surrogate would have become, letters outside ASCII, an emoji (a surrogate pair, whose
 * UTF-8 and UTF-16 orders differ), a long id. Case and actor ids are made with them.
 */
const awkwardSuffixes = ['', '-x\uFFFD', '-ä-Åström', '-🧭', `-${'0123456789abcdef'.repeat(4)}`];

function actorId(role: string, choice: number): string {
  return `${role}${awkwardSuffixes[choice % awkwardSuffixes.length]}`;
}

function recordOne(model: EventStoreModel, caseRef: AnyPathCase, input: RecordableInput, choice: number): RecordedEvent {
  const at = new Date(model.clock).toISOString();
  model.clock += 60_000;
  const outcome = recordAny(caseRef, {
    type: input.type,
    at,
    actor: { role: input.role, id: actorId(input.role, choice) },
    payload: input.payload,
  });
  if (!outcome.ok) throw new Error(`eventStoreCommands: the case accepts ${input.type} but refused it: ${outcome.rejection?.message}`);
  return outcome.event!;
}

function nextInputs(
  model: EventStoreModel,
  caseRef: AnyPathCase,
  choices: readonly number[],
  inputs: readonly RecordableInput[],
): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  for (const choice of choices) {
    const accepted = acceptedNow(caseRef, inputs);
    if (accepted.length === 0) break;
    recorded.push(recordOne(model, caseRef, accepted[choice % accepted.length]!, choice));
  }
  return recorded;
}

/**
 * Up to `length` events, cheaply: the chosen input again while the case still takes it (a loop such
 * as a session or a comment), and only then a new choice among all inputs.
 */
function longRunOf(
  model: EventStoreModel,
  caseRef: AnyPathCase,
  length: number,
  choice: number,
  inputs: readonly RecordableInput[],
): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  let input: RecordableInput | undefined;
  while (recorded.length < length) {
    if (!input || !acceptsAny(caseRef, input.type, input.payload)) {
      const accepted = acceptedNow(caseRef, inputs);
      if (accepted.length === 0) break;
      input = accepted[(choice + recorded.length) % accepted.length]!;
    }
    recorded.push(recordOne(model, caseRef, input, choice + recorded.length));
  }
  return recorded;
}

/** A command on one of the model's cases, picked by index. */
abstract class CaseCommand implements EventStoreCommand {
  constructor(readonly caseIndex: number) {}
  protected caseOf(model: Readonly<EventStoreModel>): AnyPathCase {
    return model.cases[this.caseIndex % model.cases.length]!;
  }
  check(model: Readonly<EventStoreModel>): boolean {
    return this.caseOf(model).seq > 0;
  }
  abstract run(model: EventStoreModel, store: EventStore): Promise<void>;
  abstract toString(): string;
}

class RecordAndAppend extends CaseCommand {
  constructor(
    caseIndex: number,
    readonly choices: readonly number[],
    readonly inputs: readonly RecordableInput[],
  ) {
    super(caseIndex);
  }
  override check(model: Readonly<EventStoreModel>): boolean {
    return acceptedNow(this.caseOf(model), this.inputs).length > 0;
  }
  async run(model: EventStoreModel, store: EventStore): Promise<void> {
    const caseRef = this.caseOf(model);
    const expectedSeq = caseRef.seq;
    const events = nextInputs(model, caseRef, this.choices, this.inputs);
    const saved = await store.append(caseRef.caseId, events, { expectedSeq });
    same(
      saved,
      { ok: true, seq: caseRef.seq, alreadyRecorded: false },
      `append of ${events.length} event(s) to ${caseRef.caseId} at seq ${expectedSeq}`,
    );
    model.appended.push(...events);
  }
  toString(): string {
    return `record and append ${this.choices.length} to case ${this.caseIndex} (choices ${this.choices.join(',')})`;
  }
}

/** Checks that readAll gives the run's events, each once, in append order. */
async function checkReadAll(model: Readonly<EventStoreModel>, store: EventStore): Promise<void> {
  const mine = new Set(model.cases.map((caseRef) => caseRef.caseId));
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) if (mine.has(event.caseId)) events.push(event);
  if (events.length !== model.appended.length) {
    throw new EventStoreModelError(`readAll, in append order: ${model.appended.length} events appended, ${events.length} read`);
  }
  same(events, model.appended, 'readAll, in append order');
}

/** The batch size of long runs: past the 1 000 rows the SQL stores send as VALUES. */
const longRunBatch = 1100;

class AppendLongRun extends CaseCommand {
  constructor(
    caseIndex: number,
    readonly length: number,
    readonly choice: number,
    readonly inputs: readonly RecordableInput[],
  ) {
    super(caseIndex);
  }
  override check(model: Readonly<EventStoreModel>): boolean {
    return acceptedNow(this.caseOf(model), this.inputs).length > 0;
  }
  async run(model: EventStoreModel, store: EventStore): Promise<void> {
    const caseRef = this.caseOf(model);
    const events = longRunOf(model, caseRef, this.length, this.choice, this.inputs);
    for (let from = 0; from < events.length; from += longRunBatch) {
      const batch = events.slice(from, from + longRunBatch);
      const expectedSeq = batch[0]!.seq - 1;
      const saved = await store.append(caseRef.caseId, batch, { expectedSeq });
      same(
        saved,
        { ok: true, seq: batch[batch.length - 1]!.seq, alreadyRecorded: false },
        `append of a long run of ${batch.length} event(s) to ${caseRef.caseId} at seq ${expectedSeq}`,
      );
      model.appended.push(...batch);
    }
    // Read everything back at once: a long run is what carries a log past a store's read page.
    await checkReadAll(model, store);
  }
  toString(): string {
    return `append a long run of up to ${this.length} to case ${this.caseIndex} (choice ${this.choice})`;
  }
}

/** Two writers that loaded the case at the same seq append different events at once. */
class RaceAppend extends CaseCommand {
  constructor(
    caseIndex: number,
    readonly choices: readonly [number, number],
    readonly inputs: readonly RecordableInput[],
  ) {
    super(caseIndex);
  }
  override check(model: Readonly<EventStoreModel>): boolean {
    return acceptedNow(this.caseOf(model), this.inputs).length > 0;
  }
  async run(model: EventStoreModel, store: EventStore): Promise<void> {
    const index = this.caseIndex % model.cases.length;
    const first = model.cases[index]!;
    const replayed = replayCase(model.definition, first.history, { caseId: first.caseId });
    if (!replayed.ok) throw new Error(`eventStoreCommands: a live case does not replay: ${replayed.failure.message}`);
    const second = replayed.case as AnyPathCase;
    const expectedSeq = first.seq;
    const writers = [first, second].map((caseRef, writer) => {
      const accepted = acceptedNow(caseRef, this.inputs);
      // The second writer records a minute later (and maybe as another actor): the events differ.
      return {
        caseRef,
        events: [recordOne(model, caseRef, accepted[this.choices[writer]! % accepted.length]!, this.choices[writer]! + writer)],
      };
    });
    const results = await Promise.all(writers.map(({ caseRef, events }) => store.append(caseRef.caseId, events, { expectedSeq })));
    const won = results.flatMap((result, writer) => (result.ok ? [writer] : []));
    if (won.length !== 1)
      throw new EventStoreModelError(
        `two writers appending to ${first.caseId} at seq ${expectedSeq}: exactly one must win, got ${canonicalJson(results)}`,
      );
    const lost = results[1 - won[0]!]!;
    if (lost.ok || lost.failure.code !== 'CONCURRENCY_CONFLICT' || lost.failure.actualSeq !== expectedSeq + 1) {
      throw new EventStoreModelError(
        `the writer that lost the race on ${first.caseId} must get CONCURRENCY_CONFLICT at seq ${expectedSeq + 1}, ` +
          `got ${canonicalJson(lost)}`,
      );
    }
    const winner = writers[won[0]!]!;
    model.cases[index] = winner.caseRef;
    model.appended.push(...winner.events);
    same(await store.read(first.caseId), winner.caseRef.history, `${first.caseId} after a race of two writers`);
  }
  toString(): string {
    return `race two writers on case ${this.caseIndex} (choices ${this.choices.join(',')})`;
  }
}

class AppendStale extends CaseCommand {
  async run(model: EventStoreModel, store: EventStore): Promise<void> {
    const caseRef = this.caseOf(model);
    const last = caseRef.history[caseRef.history.length - 1]!;
    // A second writer that saw the case one event ago appends the same event again.
    const saved = await store.append(caseRef.caseId, [last], { expectedSeq: last.seq - 1 });
    if (saved.ok || saved.failure.code !== 'CONCURRENCY_CONFLICT' || saved.failure.actualSeq !== caseRef.seq) {
      throw new EventStoreModelError(
        `a stale append to ${caseRef.caseId} must get CONCURRENCY_CONFLICT with actualSeq ${caseRef.seq}, got ${canonicalJson(saved)}`,
      );
    }
    same(await store.read(caseRef.caseId), caseRef.history, `${caseRef.caseId} after a refused stale append`);
  }
  toString(): string {
    return `append stale to case ${this.caseIndex}`;
  }
}

class AppendBroken extends CaseCommand {
  private otherOf(model: Readonly<EventStoreModel>): AnyPathCase {
    return model.cases[(this.caseIndex + 1) % model.cases.length]!;
  }
  override check(model: Readonly<EventStoreModel>): boolean {
    return model.cases.length > 1 && this.otherOf(model).seq > 0;
  }
  async run(model: EventStoreModel, store: EventStore): Promise<void> {
    const caseRef = this.caseOf(model);
    const other = this.otherOf(model);
    // An event of another case, at this case's next seq: not this case's, so nothing is written.
    const foreign = { ...other.history[0]!, seq: caseRef.seq + 1 };
    const saved = await store.append(caseRef.caseId, [foreign], { expectedSeq: caseRef.seq });
    if (saved.ok || saved.failure.code !== 'INVALID_APPEND') {
      throw new EventStoreModelError(
        `appending another case's event to ${caseRef.caseId} must get INVALID_APPEND, got ${canonicalJson(saved)}`,
      );
    }
    same(await store.read(caseRef.caseId), caseRef.history, `${caseRef.caseId} after a refused invalid append`);
  }
  toString(): string {
    return `append another case's event to case ${this.caseIndex}`;
  }
}

class ReadBack extends CaseCommand {
  override check(): boolean {
    return true;
  }
  async run(model: EventStoreModel, store: EventStore): Promise<void> {
    const caseRef = this.caseOf(model);
    same(await store.read(caseRef.caseId), caseRef.history, `read of ${caseRef.caseId}`);
  }
  toString(): string {
    return `read case ${this.caseIndex}`;
  }
}

class ReplayFromStore extends CaseCommand {
  async run(model: EventStoreModel, store: EventStore): Promise<void> {
    const caseRef = this.caseOf(model);
    const replayed = replayCase(model.definition, await store.read(caseRef.caseId));
    if (!replayed.ok)
      throw new EventStoreModelError(
        `replaying ${caseRef.caseId} from the store failed: ${replayed.failure.code} ${replayed.failure.message}`,
      );
    same(replayed.case.state, caseRef.state, `state of ${caseRef.caseId} replayed from the store`);
  }
  toString(): string {
    return `replay case ${this.caseIndex} from the store`;
  }
}

class ReadAll implements EventStoreCommand {
  check(): boolean {
    return true;
  }
  async run(model: EventStoreModel, store: EventStore): Promise<void> {
    await checkReadAll(model, store);
  }
  toString(): string {
    return 'read all';
  }
}

let runs = 0;

/**
 * A fresh model for one run: `cases` new cases of the path. Case ids carry a run number, so runs
 * against a store that outlives them (a database) never share a case.
 *
 * @example
 * ```ts
 * await fc.asyncModelRun(() => ({ model: eventStoreModel(workabilityPath), real: createMemoryStore() }), commands);
 * ```
 */
export function eventStoreModel(definition: AnyPathDefinition, constraints: EventStoreCommandsConstraints = {}): EventStoreModel {
  const run = ++runs;
  const count = constraints.cases ?? 3;
  return {
    definition,
    cases: Array.from({ length: count }, (_, index) =>
      openCase(definition, { caseId: `model-run-${run}-case-${index}${awkwardSuffixes[index % awkwardSuffixes.length]}` }),
    ),
    appended: [],
    clock: Date.UTC(2025, 0, 6, 8),
  };
}

/**
 * `fc.commands` for model-based testing of an {@link EventStore} against a path: record accepted
 * inputs on live cases and append them (one to eight at a time, with the expected seq), append a
 * long run (up to `longRun` events, in batches past 1 000), race two writers at the same seq
 * (exactly one wins, the other conflicts), append as a stale writer (must conflict and write
 * nothing), append another case's event (must be refused and write nothing), read a case back,
 * read everything, replay a case from the store. Case and actor ids include awkward but accepted
 * strings (U+FFFD, letters outside ASCII, an emoji, a long id). After every command the store must
 * agree with the model.
 *
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(eventStoreCommands(workabilityPath), async (commands) => {
 *   await fc.asyncModelRun(() => ({ model: eventStoreModel(workabilityPath), real: createMemoryStore() }), commands);
 * }));
 * ```
 */
export function eventStoreCommands(
  definition: AnyPathDefinition,
  constraints: EventStoreCommandsConstraints = {},
): fc.Arbitrary<Iterable<EventStoreCommand>> {
  const inputs = recordableInputs(definition);
  const caseIndex = fc.nat({ max: Math.max(0, (constraints.cases ?? 3) - 1) });
  const longRun = constraints.longRun ?? 1100;
  return fc.commands<EventStoreModel, EventStore, false>(
    [
      fc
        .tuple(caseIndex, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }))
        .map(([index, choices]) => new RecordAndAppend(index, choices, inputs)),
      ...(longRun > 0
        ? [
            fc
              .tuple(caseIndex, fc.oneof(fc.constant(longRun), fc.integer({ min: 1, max: longRun })), fc.nat())
              .map(([index, length, choice]) => new AppendLongRun(index, length, choice, inputs)),
          ]
        : []),
      fc.tuple(caseIndex, fc.nat(), fc.nat()).map(([index, a, b]) => new RaceAppend(index, [a, b], inputs)),
      caseIndex.map((index) => new AppendStale(index)),
      caseIndex.map((index) => new AppendBroken(index)),
      caseIndex.map((index) => new ReadBack(index)),
      caseIndex.map((index) => new ReplayFromStore(index)),
      fc.constant(new ReadAll()),
    ],
    { maxCommands: constraints.maxCommands ?? 40 },
  );
}

/**
 * The whole model-based test of a host's own store, as one property: a fresh store from
 * `createStore` per run, {@link eventStoreCommands} against {@link eventStoreModel}. Pass it to
 * `fc.assert` with your parameters (and print the seed).
 *
 * @example
 * ```ts
 * await fc.assert(eventStoreProperty(workabilityPath, () => createMyPostgresStore()), { numRuns: 50 });
 * ```
 */
export function eventStoreProperty(
  definition: AnyPathDefinition,
  createStore: () => EventStore | Promise<EventStore>,
  constraints: EventStoreCommandsConstraints = {},
): fc.IAsyncProperty<[Iterable<EventStoreCommand>]> {
  return fc.asyncProperty(eventStoreCommands(definition, constraints), async (commands) => {
    const store = await createStore();
    await fc.asyncModelRun(() => ({ model: eventStoreModel(definition, constraints), real: store }), commands);
  });
}
