/**
 * Thrown by a SQL store's `migrate()` when the store is already partitioned by hash of the case id
 * into another number of partitions than the `partitions` it was opened with. Nothing was changed:
 * open it with the count it has (`partitioned`), or without `partitions`. Repartitioning a store is
 * not built (docs/operations.md, "Partitioning").
 *
 * @example
 * ```ts
 * try {
 *   await sqlStore.migrate();
 * } catch (error) {
 *   if (error instanceof PartitioningError) exitWith(error.code, error.message);
 *   else throw error;
 * }
 * ```
 */
export class PartitioningError extends Error {
  override readonly name = 'PartitioningError';
  /** Stable code, as the CLI prints it. */
  readonly code = 'PARTITIONS_MISMATCH';
  /** The partitions each table of the store has. */
  readonly partitioned: number;
  /** The partitions the store was opened asking for. */
  readonly asked: number;

  constructor(partitioned: number, asked: number) {
    super(
      `the store is partitioned by hash of the case id into ${partitioned} partitions, and it was opened asking for ${asked}: ` +
        `open it with partitions: { byHashOfCase: ${partitioned} } (or none)`,
    );
    this.partitioned = partitioned;
    this.asked = asked;
  }
}
