/**
 * The stable codes of {@link PathDefinitionError}: `INVALID_SERVICE_TASK` when a path's service task
 * (its `serviceTask.coding`, set in `definePath` or by `withServiceTask`) is malformed,
 * `INVALID_PATH_DEFINITION` for every other fault of a definition.
 */
export type PathDefinitionErrorCode = 'INVALID_PATH_DEFINITION' | 'INVALID_SERVICE_TASK';

/**
 * Thrown by {@link definePath} when a path definition is malformed: a misuse a test should catch,
 * never an expected failure at run time. The message names the path and the fix.
 *
 * @example
 * ```ts
 * try {
 *   definePath({ ...workabilityPath, id: 'Not An Id' });
 * } catch (error) {
 *   if (error instanceof PathDefinitionError) console.error(error.code, error.message);
 * }
 * ```
 */
export class PathDefinitionError extends Error {
  override readonly name = 'PathDefinitionError';

  constructor(
    /** The id of the path whose definition is at fault. */
    readonly pathId: string,
    message: string,
    /** What kind of fault: a stable code to branch on. */
    readonly code: PathDefinitionErrorCode = 'INVALID_PATH_DEFINITION',
  ) {
    super(`path '${pathId}': ${message}`);
  }
}
