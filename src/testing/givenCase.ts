import type { AnyPathDefinition, CaseInputOf } from '../path/definition.js';
import type { StatePathOf } from '../path/stateView.js';
import { describeStateValue } from '../machine/stateNodes.js';
import { openCase } from '../case/openCase.js';
import type { PathCase } from '../case/pathCase.js';
import type { Rejection, RejectionCode, RejectionOf } from '../case/rejection.js';

/** The outcome of `when`, to state what must have happened. */
export interface ScenarioOutcome<D extends AnyPathDefinition> {
  /** Asserts the input was recorded (and, if given, that the case is now in `state`). */
  thenAccepted(state?: StatePathOf<D['machine']>): PathCase<D>;
  /**
   * Asserts the input was refused with `code` (and the given fields), and that the case is
   * exactly as it was before: same state, same context, same history.
   */
  thenRejected<C extends RejectionCode>(code: C, fields?: Partial<Omit<RejectionOf<C>, 'code' | 'message'>>): RejectionOf<C>;
}

/** A case with a given history, waiting for one more input. */
export interface CaseScenario<D extends AnyPathDefinition> {
  readonly caseRef: PathCase<D>;
  when(input: CaseInputOf<D>): ScenarioOutcome<D>;
}

/** Thrown by a scenario whose expectation does not hold; the message says what happened instead. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Given a case with this history, when this input arrives, then expect this: a path's rules
 * written as examples. Works with any test runner; a failed expectation throws a
 * {@link ScenarioError}.
 *
 * @example
 * ```ts
 * givenCase(workabilityPath, [contactReceived, assessmentBooked])
 *   .when({ type: 'DOCTOR_VISIT_BOOKED', at, actor: nurse, payload: { visitOn: '2025-03-20' } })
 *   .thenRejected('RULE_VIOLATED', { ruleId: 'situation-mapped-before-doctor' });
 * ```
 */
export function givenCase<D extends AnyPathDefinition>(
  definition: D,
  history: readonly CaseInputOf<D>[] = [],
  options: { readonly caseId?: string } = {},
): CaseScenario<D> {
  const caseRef = openCase(definition, { caseId: options.caseId ?? 'scenario' });
  history.forEach((input, index) => {
    const outcome = caseRef.record(input);
    if (!outcome.ok) {
      throw new ScenarioError(
        `givenCase: history input ${index} (${input.type}) was refused: ${outcome.rejection.code} ${outcome.rejection.message}`,
      );
    }
  });
  return {
    caseRef,
    when(input) {
      const before = { state: caseRef.state, history: [...caseRef.history], seq: caseRef.seq };
      const outcome = caseRef.record(input);
      return {
        thenAccepted(state) {
          if (!outcome.ok) {
            throw new ScenarioError(
              `expected ${input.type} to be accepted, but it was refused: ${outcome.rejection.code} ${outcome.rejection.message}`,
            );
          }
          if (state !== undefined && caseRef.stateName !== state) {
            throw new ScenarioError(`expected the case in '${state}' after ${input.type}, but it is in '${caseRef.stateName}'`);
          }
          return caseRef;
        },
        thenRejected(code, fields) {
          if (outcome.ok) {
            throw new ScenarioError(
              `expected ${input.type} to be refused with ${code}, but it was recorded (case now in '${caseRef.stateName}')`,
            );
          }
          const rejection: Rejection = outcome.rejection;
          if (rejection.code !== code) {
            throw new ScenarioError(
              `expected ${input.type} to be refused with ${code}, but it got ${rejection.code}: ${rejection.message}`,
            );
          }
          for (const [key, value] of Object.entries(fields ?? {})) {
            const actual = (rejection as unknown as Record<string, unknown>)[key];
            if (!same(actual, value)) {
              throw new ScenarioError(`expected ${code} with ${key} = ${JSON.stringify(value)}, got ${JSON.stringify(actual)}`);
            }
          }
          if (caseRef.seq !== before.seq || !same(caseRef.history, before.history) || !same(caseRef.state, before.state)) {
            throw new ScenarioError(
              `${input.type} was refused but the case changed (now in '${describeStateValue(caseRef.state.value)}', seq ${caseRef.seq})`,
            );
          }
          return rejection as RejectionOf<typeof code>;
        },
      };
    },
  };
}
