/**
 * Thrown by {@link definePath} when a path definition is malformed: a misuse a test should catch,
 * never an expected failure at run time. The message names the path and the fix.
 *
 * @example
 * ```ts
 * try {
 *   definePath({ ...workabilityPath, id: 'Not An Id' });
 * } catch (error) {
 *   if (error instanceof PathDefinitionError) console.error(error.message);
 * }
 * ```
 */
export class PathDefinitionError extends Error {
  override readonly name = 'PathDefinitionError';

  constructor(
    /** The id of the path whose definition is at fault. */
    readonly pathId: string,
    message: string,
  ) {
    super(`path '${pathId}': ${message}`);
  }
}
