import fc from 'fast-check';
import type { AnyPathDefinition } from '../path/definition.js';
import type { CaseInputOf } from '../path/definition.js';
import { asCaseInput } from '../case/typeErasure.js';
import { payloadArbitrary } from './payloadArbitrary.js';

/** Constraints of {@link inputArbitrary}. */
export interface InputConstraints {
  /** Earliest `at`, as an ISO instant. Default `2025-01-01T00:00:00Z`. */
  readonly from?: string;
  /** Latest `at`, as an ISO instant. Default `2026-12-31T23:59:59Z`. */
  readonly to?: string;
}

/**
 * Well-formed inputs of a path: a known event type, a payload its schema allows, a role that may
 * record it and an ISO `at` in range. Whether the case accepts one depends on its state.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { openCase } from 'kykypolku';
 * import { workabilityPath } from 'kykypolku/paths';
 * import { inputArbitrary } from 'kykypolku/testing';
 *
 * fc.assert(fc.property(inputArbitrary(workabilityPath), (input) => {
 *   openCase(workabilityPath, { caseId: 'p' }).record(input); // never throws
 * }));
 * ```
 */
export function inputArbitrary<D extends AnyPathDefinition>(
  definition: D,
  constraints: InputConstraints = {},
): fc.Arbitrary<CaseInputOf<D>> {
  const from = Date.parse(constraints.from ?? '2025-01-01T00:00:00Z');
  const to = Date.parse(constraints.to ?? '2026-12-31T23:59:59Z');
  if (!(from <= to)) throw new RangeError(`inputArbitrary: 'from' (${constraints.from}) must not be after 'to' (${constraints.to})`);
  const byType = Object.keys(definition.events).map((type) => {
    const roles = definition.permissions[type] ?? [];
    return fc.record({
      type: fc.constant(type),
      at: fc.integer({ min: from, max: to }).map((millis) => new Date(millis).toISOString()),
      actor: fc.record({
        role: roles.length > 0 ? fc.constantFrom(...roles) : fc.constant('nobody'),
        id: fc.constantFrom('p-1', 'p-2', 'p-3'),
      }),
      payload: payloadArbitrary(definition.events[type]!),
    });
  });
  return fc.oneof(...byType).map((input) => asCaseInput<D>(input));
}
