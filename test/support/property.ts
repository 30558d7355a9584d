import type fc from 'fast-check';

/**
 * Run options for a property test that print the seed before running, so a failure can be
 * replayed: `KYKYPOLKU_SEED=<seed> [KYKYPOLKU_PATH=<path>] npm test`. fast-check adds the shrink
 * path to its failure message.
 */
export function propertyRun(name: string, numRuns = 200): fc.Parameters<unknown> {
  const fromEnvironment = process.env.KYKYPOLKU_SEED;
  // Tests may read the clock; the library never does. A fresh seed each run widens the search.
  const seed = fromEnvironment !== undefined ? Number(fromEnvironment) : Date.now() % 2_147_483_647;
  const path = process.env.KYKYPOLKU_PATH;
  process.stdout.write(`[property] ${name}: seed ${seed}${path ? `, path ${path}` : ''} (replay: KYKYPOLKU_SEED=${seed} npm test)\n`);
  return { seed, numRuns, ...(path ? { path } : {}) };
}
