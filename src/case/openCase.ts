import type { AnyPathDefinition } from '../path/definition.js';
import { assertCaseId } from './caseId.js';
import { createCaseCore } from './caseCore.js';
import { compilePath } from './compilePath.js';
import { PathCase } from './pathCase.js';

/** Options of {@link openCase}. */
export interface OpenCaseOptions {
  /**
   * The host's id of the case, never a personal id: 1 to 200 characters of well-formed text
   * without NUL (the value domain of docs/developers.md).
   */
  readonly caseId: string;
}

/**
 * Opens a new case on a path, in the machine's initial state with an empty history. Throws a
 * `TypeError` when `caseId` is not 1 to 200 characters of well-formed text without NUL: a
 * programming error, not an event to reject.
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
