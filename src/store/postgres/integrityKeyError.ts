/**
 * Thrown by a SQL store's `migrate()` when the store's events were chained under another integrity
 * key than the one it was opened with (or under a key when it was opened without one, or the
 * reverse). Nothing was read or written: open the store with the key it was sealed with.
 *
 * @example
 * ```ts
 * try {
 *   await sqlStore.migrate();
 * } catch (error) {
 *   if (error instanceof IntegrityKeyError) exitWith(error.code, error.message);
 *   else throw error;
 * }
 * ```
 */
export class IntegrityKeyError extends Error {
  override readonly name = 'IntegrityKeyError';
  /** Stable code, as the CLI prints it. */
  readonly code = 'INTEGRITY_KEY_MISMATCH';
}
