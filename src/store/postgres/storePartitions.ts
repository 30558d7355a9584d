/**
 * How a SQL store's tables are partitioned, when a host asks for it: the events, case rows, heads
 * and armed deadlines split by hash of the case id into `byHashOfCase` partitions each, with native
 * PostgreSQL partitioning. Every statement about one case then reads and writes one partition of
 * each table (docs/operations.md, "Partitioning").
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStore } from 'kykypolku/postgres';
 *
 * const store = createPostgresStore({ pool: new pg.Pool(), partitions: { byHashOfCase: 16 } });
 * const report = await store.migrate(); // report.partitions: { byHashOfCase: 16 }
 * ```
 */
export interface StorePartitions {
  /**
   * How many partitions each table is split into, by hash of the case id: an integer from 2 to
   * 1 024. It is fixed when the store is first migrated with it; asking a partitioned store for
   * another count is refused (`PartitioningError`, code `PARTITIONS_MISMATCH`).
   */
  readonly byHashOfCase: number;
}

/** The most partitions a table may be split into; a few dozen is what a store needs (docs/operations.md). */
export const largestPartitionCount = 1024;

/**
 * The host's `partitions` option checked: none, or a count within bounds. A misuse a host's test
 * catches, thrown when the store is created, before any SQL; the message never repeats the value.
 *
 * @internal
 */
export function checkPartitions(partitions: unknown): StorePartitions | undefined {
  if (partitions === undefined) return undefined;
  if (typeof partitions !== 'object' || partitions === null || !('byHashOfCase' in partitions)) {
    throw new TypeError('partitions must be { byHashOfCase: <count> }, the number of partitions by hash of the case id');
  }
  const count = (partitions as { byHashOfCase: unknown }).byHashOfCase;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 2 || count > largestPartitionCount) {
    throw new RangeError('partitions.byHashOfCase must be an integer from 2 to 1 024');
  }
  return { byHashOfCase: count };
}
