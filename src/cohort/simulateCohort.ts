import type { AnyPathDefinition } from '../path/definition.js';
import { openCase } from '../case/openCase.js';
import type { PathCase } from '../case/pathCase.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { RejectionCode } from '../case/rejection.js';
import { compilePath } from '../case/compilePath.js';
import { describePayloadDomain } from '../schema/payloadDomain.js';
import { addDays, dateOf } from '../time/calendar.js';
import { createSeededRandom, type SeededRandom } from './seededRandom.js';
import { acceptsAny, recordAny } from '../case/typeErasure.js';

/** Options of {@link simulateCohort}. */
export interface CohortOptions<D extends AnyPathDefinition = AnyPathDefinition> {
  /** Number of clients (cases). Default 1 000. */
  readonly clients?: number;
  /** Seed of the cohort: the same seed gives the same cohort, byte for byte. Default 1. */
  readonly seed?: number;
  /** First contact day of the cohort (ISO instant); contacts spread over the year after it. Default 2025-01-01T08:00:00Z. */
  readonly start?: string;
  /** Share of steps at which a faulty input is tried (wrong role, wrong state, …). Default 0.05. */
  readonly faultRate?: number;
  /** Most events recorded on one case; a case still open then stays open. Default 60. */
  readonly maxEventsPerCase?: number;
  /** Called after each case, for progress on long runs. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with each recorded event, in order: persist it here. */
  readonly onRecorded?: (event: RecordedEvent) => void;
  /**
   * Called with each case once its walk is over (the simulation does not change it afterwards),
   * in order: store it here while the next cases are simulated.
   */
  readonly onCase?: (caseRef: PathCase<D>) => void;
  /**
   * Keep every case for the result's `cases` (default true). A host that takes each case in
   * `onCase` can say false: `cases` is then empty, and a case is garbage once `onCase` returns.
   */
  readonly keepCases?: boolean;
}

/** What a synthetic cohort produced. */
export interface CohortResult<D extends AnyPathDefinition> {
  /** Every case, in order (none with `keepCases: false`). */
  readonly cases: readonly PathCase<D>[];
  /** Events recorded, over all cases. */
  readonly recorded: number;
  /** Faulty inputs tried, by the rejection code they got. */
  readonly rejections: Readonly<Partial<Record<RejectionCode, number>>>;
  /** Faulty inputs that were accepted or changed a case: always 0 unless the engine is broken. */
  readonly faultsNotRejected: number;
  /** How many cases ever entered each state (dotted path). */
  readonly reached: Readonly<Record<string, number>>;
}

type FaultKind = 'unknownType' | 'invalidPayload' | 'wrongRole' | 'notAllowed' | 'backwards' | 'afterClose';

const faultKinds: readonly FaultKind[] = ['unknownType', 'invalidPayload', 'wrongRole', 'notAllowed', 'backwards'];

interface Candidate {
  readonly type: string;
  readonly payload: Record<string, unknown>;
  /** The payload with its open dates filled by a placeholder, for asking whether it is accepted. */
  readonly probe: Record<string, unknown>;
}

/**
 * Runs a synthetic cohort on a path: for each client a walk of accepted events chosen with the
 * path's simulation profile, every event recorded through `record`, with faulty inputs tried now
 * and then to show that each is refused and changes nothing. Deterministic for a given seed.
 *
 * @example
 * ```ts
 * const cohort = simulateCohort(workabilityPath, { clients: 100, seed: 7 });
 * (cohort.reached.doctorAssessment ?? 0) / cohort.cases.length; // about one in three
 * ```
 */
export function simulateCohort<D extends AnyPathDefinition>(definition: D, options: CohortOptions<D> = {}): CohortResult<D> {
  const clients = options.clients ?? 1000;
  if (!Number.isInteger(clients) || clients < 0) throw new RangeError(`clients must be a non-negative integer, got ${clients}`);
  const random = createSeededRandom(options.seed ?? 1);
  const plan = compilePath(definition);
  const profile = definition.simulation ?? {};
  const start = options.start ?? '2025-01-01T08:00:00Z';
  const faultRate = options.faultRate ?? 0.05;
  const maxEvents = options.maxEventsPerCase ?? 60;
  const roles = Object.keys(definition.roles);
  const candidates = plan.eventTypes.flatMap((type) =>
    plan.samplePayloads.get(type)!.map((payload) => {
      const filled = fillOpenFields(definition, type, payload);
      return { type, payload: filled, probe: withDates(filled, '2025-01-01T08:00:00Z') };
    }),
  );
  const eventWeight = (type: string, state: string): number =>
    (profile.eventWeightsIn as Record<string, Record<string, number>> | undefined)?.[state]?.[type] ??
    (profile.eventWeights as Record<string, number> | undefined)?.[type] ??
    1;
  const payloadWeight = ({ type, payload }: Candidate): number => {
    const fields = (profile.payloadWeights as Record<string, Record<string, Record<string, number>>> | undefined)?.[type];
    let weight = 1;
    if (fields) for (const [field, values] of Object.entries(fields)) weight *= values[String(payload[field])] ?? 1;
    return weight;
  };
  const daysBetween = (type: string): readonly [number, number] => {
    const ranges = profile.daysBetween as Record<string, readonly [number, number]> | undefined;
    return ranges?.[type] ?? ranges?.default ?? [0, 14];
  };

  const acceptedNow = acceptedCandidates(candidates);
  const cases: PathCase<D>[] = [];
  const rejections: Partial<Record<RejectionCode, number>> = {};
  const reached: Record<string, number> = {};
  let recorded = 0;
  let faultsNotRejected = 0;

  for (let client = 0; client < clients; client++) {
    // Worked on as any path inside; the cases are D's own, as the result type says.
    // Case ids carry the path id, so cohorts of several paths can share one store.
    const caseRef: PathCase<AnyPathDefinition> = openCase(definition as AnyPathDefinition, {
      caseId: `${definition.id}-${String(client + 1).padStart(6, '0')}`,
    });
    if (options.onRecorded) caseRef.on('recorded', options.onRecorded);
    const seen = new Set<string>([caseRef.stateName]);
    let at = addDays(start, random.integer(0, 364));
    const tryFault = (kind: FaultKind): void => {
      const input = faultyInput(kind, caseRef, candidates, acceptedNow(caseRef), roles, at, random);
      if (!input) return;
      const seqBefore = caseRef.seq;
      const stateBefore = caseRef.state;
      const outcome = recordAny(caseRef, input);
      if (outcome.ok || caseRef.seq !== seqBefore || caseRef.state !== stateBefore) faultsNotRejected++;
      if (!outcome.ok) rejections[outcome.rejection.code] = (rejections[outcome.rejection.code] ?? 0) + 1;
    };

    for (let step = 0; step < maxEvents && caseRef.state.status === 'open'; step++) {
      if (step > 0 && random.next() < faultRate) tryFault(faultKinds[random.integer(0, faultKinds.length - 1)]!);
      // First the event type by its weight, then one of its accepted payloads by theirs, so that an
      // event with many payload variants is not chosen more often for that reason alone.
      const accepted = acceptedNow(caseRef);
      const stateName = caseRef.stateName;
      const type = random.weighted([...new Set(accepted.map((candidate) => candidate.type))], (candidate) =>
        eventWeight(candidate, stateName),
      );
      const choice = random.weighted(
        accepted.filter((candidate) => candidate.type === type),
        payloadWeight,
      );
      if (!choice) break;
      const [minDays, maxDays] = daysBetween(choice.type);
      at = addDays(at, random.integer(minDays, maxDays));
      const permittedRoles = definition.permissions[choice.type] ?? [];
      const role = permittedRoles[random.integer(0, permittedRoles.length - 1)]!;
      const outcome = caseRef.record({
        type: choice.type,
        at,
        actor: { role, id: `${role}-${random.integer(1, 9)}` },
        payload: withDates(choice.payload, at),
      });
      if (!outcome.ok) throw new Error(`simulateCohort: an accepted candidate was refused: ${outcome.rejection.message}`);
      recorded++;
      seen.add(caseRef.stateName);
    }
    if (caseRef.state.status === 'closed' && random.next() < faultRate * 2) tryFault('afterClose');
    for (const state of seen) reached[state] = (reached[state] ?? 0) + 1;
    if (options.keepCases !== false) cases.push(caseRef as unknown as PathCase<D>);
    options.onCase?.(caseRef as unknown as PathCase<D>);
    options.onProgress?.(client + 1, clients);
  }
  return { cases, recorded, rejections, faultsNotRejected, reached };
}

function accepts(caseRef: PathCase<AnyPathDefinition>, candidate: Candidate): boolean {
  return acceptsAny(caseRef, candidate.type, candidate.probe);
}

/**
 * The candidates a case accepts now, asked once per state of the case: a fault tried at a step
 * and the step itself ask about the same state (a refused fault changes nothing).
 */
function acceptedCandidates(candidates: readonly Candidate[]): (caseRef: PathCase<AnyPathDefinition>) => readonly Candidate[] {
  let askedAt: { readonly caseRef: PathCase<AnyPathDefinition>; readonly seq: number } | undefined;
  let accepted: readonly Candidate[] = [];
  return (caseRef) => {
    if (askedAt?.caseRef !== caseRef || askedAt.seq !== caseRef.seq) {
      accepted = candidates.filter((candidate) => accepts(caseRef, candidate));
      askedAt = { caseRef, seq: caseRef.seq };
    }
    return accepted;
  };
}

/** Open date fields get a placeholder here and the event's own date when it is recorded. */
const openDateMarker = '__event_date__';

function fillOpenFields(definition: AnyPathDefinition, type: string, payload: Record<string, unknown>): Record<string, unknown> {
  const domain = describePayloadDomain(definition.events[type]!);
  const filled = { ...payload };
  for (const [field, fieldDomain] of Object.entries(domain)) {
    if (fieldDomain.kind === 'open' && fieldDomain.format === 'date' && field in filled) filled[field] = openDateMarker;
  }
  return filled;
}

function withDates(payload: Record<string, unknown>, at: string): Record<string, unknown> {
  let result = payload;
  for (const [field, value] of Object.entries(payload)) {
    // The date the event happened on, as a Finnish client would write it: its Helsinki calendar date.
    if (value === openDateMarker) result = { ...result, [field]: dateOf(at) };
  }
  return result;
}

function faultyInput(
  kind: FaultKind,
  caseRef: PathCase<AnyPathDefinition>,
  candidates: readonly Candidate[],
  acceptedNow: readonly Candidate[],
  roles: readonly string[],
  at: string,
  random: SeededRandom,
): unknown {
  const definition = caseRef.definition;
  const pick = <T>(items: readonly T[]): T | undefined => items[random.integer(0, items.length - 1)];
  const someone = (type: string) => ({ role: definition.permissions[type]?.[0] ?? roles[0]!, id: 'fault-1' });
  switch (kind) {
    case 'unknownType':
      return { type: 'NOT_AN_EVENT', at, actor: { role: roles[0], id: 'fault-1' }, payload: {} };
    case 'invalidPayload': {
      const candidate = pick(acceptedNow);
      return (
        candidate && {
          type: candidate.type,
          at,
          actor: someone(candidate.type),
          payload: { ...withDates(candidate.payload, at), unexpectedField: true },
        }
      );
    }
    case 'wrongRole': {
      const options = acceptedNow.flatMap((candidate) =>
        roles.filter((role) => !(definition.permissions[candidate.type] ?? []).includes(role)).map((role) => ({ candidate, role })),
      );
      const choice = pick(options);
      return (
        choice && {
          type: choice.candidate.type,
          at,
          actor: { role: choice.role, id: 'fault-1' },
          payload: withDates(choice.candidate.payload, at),
        }
      );
    }
    case 'notAllowed': {
      const refused = caseRef.history.length > 0 ? candidates.filter((candidate) => !acceptedNow.includes(candidate)) : [];
      const candidate = pick(refused);
      return candidate && { type: candidate.type, at, actor: someone(candidate.type), payload: withDates(candidate.payload, at) };
    }
    case 'backwards': {
      const candidate = pick(acceptedNow);
      const last = caseRef.history[caseRef.history.length - 1];
      return (
        candidate &&
        last && {
          type: candidate.type,
          at: addDays(last.at, -1),
          actor: someone(candidate.type),
          payload: withDates(candidate.payload, at),
        }
      );
    }
    case 'afterClose': {
      const candidate = pick(candidates);
      const last = caseRef.history[caseRef.history.length - 1];
      return (
        candidate &&
        last && { type: candidate.type, at: addDays(last.at, 1), actor: someone(candidate.type), payload: withDates(candidate.payload, at) }
      );
    }
  }
}
