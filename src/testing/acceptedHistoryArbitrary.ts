import fc from 'fast-check';
import type { AnyPathDefinition } from '../path/definition.js';
import { openCase } from '../case/openCase.js';
import type { AnyPathCase } from '../case/pathCase.js';
import { acceptedNow, recordableInputs } from './recordableInputs.js';

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
 * Walks a path: a list of inputs that the path accepts when recorded in order, with times
 * increasing. Each step picks one of the (type, payload, role) choices the case accepts at that
 * point, so histories shrink towards short, early walks.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(acceptedHistoryArbitrary(workabilityPath), (inputs) => {
 *   const caseRef = openCase(workabilityPath, { caseId: 'w' });
 *   return inputs.every((input) => caseRef.record(input).ok);
 * }));
 * ```
 */
export function acceptedHistoryArbitrary<D extends AnyPathDefinition>(
  definition: D,
  constraints: AcceptedHistoryConstraints = {},
): fc.Arbitrary<Record<string, unknown>[]> {
  const maxEvents = constraints.maxEvents ?? 30;
  const start = Date.parse(constraints.start ?? '2025-01-01T08:00:00Z');
  const maxGap = constraints.maxGapMinutes ?? 20_160;
  const candidates = recordableInputs(definition);
  return fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: maxGap })), { maxLength: maxEvents })
    .map((steps) => {
      const caseRef: AnyPathCase = openCase(definition as AnyPathDefinition, { caseId: 'accepted-history' });
      const inputs: Record<string, unknown>[] = [];
      let at = start;
      for (const [choice, gapMinutes] of steps) {
        const accepted = acceptedNow(caseRef, candidates);
        if (accepted.length === 0) break;
        const candidate = accepted[choice % accepted.length]!;
        at += gapMinutes * 60_000;
        const input = { type: candidate.type, at: new Date(at).toISOString(), actor: { role: candidate.role, id: `${candidate.role}-1` }, payload: candidate.payload };
        const outcome = caseRef.record(input as never);
        if (!outcome.ok) throw new Error(`acceptedHistoryArbitrary: the machine accepts ${candidate.type} but the case refused it: ${outcome.rejection?.message}`);
        inputs.push(input);
      }
      return inputs;
    });
}
