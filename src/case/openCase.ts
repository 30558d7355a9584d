import type { AnyPathDefinition } from '../definition.js';
import { createCaseCore } from './caseCore.js';
import { compilePath } from './compilePath.js';
import { PathCase } from './pathCase.js';

/** Options of {@link openCase}. */
export interface OpenCaseOptions {
  /** The host's id of the case: any non-empty string up to 200 characters, never a personal id. */
  readonly caseId: string;
}

/**
 * Opens a new case on a path, in the machine's initial state with an empty history. Throws a
 * `TypeError` when `caseId` is not a non-empty string of at most 200 characters: a programming
 * error, not an event to reject.
 *
 * @example
 * ```ts
 * import { openCase } from 'kykypolku';
 * import { workabilityPath } from 'kykypolku/paths';
 *
 * const caseRef = openCase(workabilityPath, { caseId: 'case-2025-0001' });
 * caseRef.state.value; // 'opened'
 * ```
 */
export function openCase<D extends AnyPathDefinition>(definition: D, options: OpenCaseOptions): PathCase<D> {
  assertCaseId(options?.caseId);
  return new PathCase(definition, createCaseCore(compilePath(definition), options.caseId));
}

/** @internal */
export function assertCaseId(caseId: unknown): asserts caseId is string {
  if (typeof caseId !== 'string' || caseId.length === 0 || caseId.length > 200) {
    throw new TypeError(`caseId must be a non-empty string of at most 200 characters, got ${JSON.stringify(caseId)}`);
  }
}
