import fc from 'fast-check';
import type { AnyPathDefinition } from '../path/definition.js';
import { openCase } from '../case/openCase.js';
import type { AnyPathCase } from '../case/pathCase.js';
import type { CaseInputOf } from '../path/definition.js';
import { asCaseInput, recordAny } from '../case/typeErasure.js';
import { acceptedNow, recordableInputs, type RecordableInput } from './recordableInputs.js';

/** Constraints of {@link acceptedHistoryArbitrary}. */
export interface AcceptedHistoryConstraints {
  /** Most events in one history. Default 30. */
  readonly maxEvents?: number;
  /** The first event's `at`. Default `2025-01-01T08:00:00Z`. */
  readonly start?: string;
  /** Largest gap between two events, in minutes. Default 20 160 (two weeks). */
  readonly maxGapMinutes?: number;
}

/**
 * Walks a path: a list of inputs that the path records in order, with times increasing, typed as
 * the path's own inputs. Each step picks one of the (type, payload, role) choices the machine takes
 * at that point; when the case refuses it (a rule the guards do not enforce), the next choice is
 * tried, and a walk with no choice the case records ends there. Generation never throws for a
 * refusal, so fast-check shrinks any failure to a short, early walk. (A guard, action or rule that
 * throws is a bug of the definition and still throws its `PathRuntimeError`.)
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { openCase } from 'kykypolku';
 * import { workabilityPath } from 'kykypolku/paths';
 * import { acceptedHistoryArbitrary } from 'kykypolku/testing';
 *
 * fc.assert(fc.property(acceptedHistoryArbitrary(workabilityPath), (inputs) => {
 *   const caseRef = openCase(workabilityPath, { caseId: 'w' });
 *   return inputs.every((input) => caseRef.record(input).ok);
 * }));
 * ```
 */
export function acceptedHistoryArbitrary<D extends AnyPathDefinition>(
  definition: D,
  constraints: AcceptedHistoryConstraints = {},
): fc.Arbitrary<CaseInputOf<D>[]> {
  const maxEvents = constraints.maxEvents ?? 30;
  const start = Date.parse(constraints.start ?? '2025-01-01T08:00:00Z');
  const maxGap = constraints.maxGapMinutes ?? 20_160;
  const candidates = recordableInputs(definition);
  return fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: maxGap })), { maxLength: maxEvents }).map((steps) => {
    const caseRef: AnyPathCase = openCase(definition as AnyPathDefinition, { caseId: 'accepted-history' });
    const inputs: CaseInputOf<D>[] = [];
    let at = start;
    for (const [choice, gapMinutes] of steps) {
      at += gapMinutes * 60_000;
      const input = recordOneOf(caseRef, acceptedNow(caseRef, candidates), choice, new Date(at).toISOString());
      if (input === undefined) break;
      inputs.push(asCaseInput<D>(input));
    }
    return inputs;
  });
}

/**
 * Records the first of `accepted` (from `choice` on, round the list) that the case records, and
 * returns it; `undefined` when the case records none. A refused input leaves the case as it was.
 */
function recordOneOf(caseRef: AnyPathCase, accepted: readonly RecordableInput[], choice: number, at: string) {
  for (let offset = 0; offset < accepted.length; offset++) {
    const candidate = accepted[(choice + offset) % accepted.length]!;
    const input = { type: candidate.type, at, actor: { role: candidate.role, id: `${candidate.role}-1` }, payload: candidate.payload };
    if (recordAny(caseRef, input).ok) return input;
  }
  return undefined;
}
