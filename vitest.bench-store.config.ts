import { defineConfig } from 'vitest/config';
import { packageAliases } from './vitest.config.js';

// The store benchmark (`npm run bench` runs it after the others): a PostgreSQL server and PGlite,
// with the default module conditions, so that pg loads its CommonJS dependencies as CommonJS.
export default defineConfig({
  resolve: { alias: packageAliases },
  test: {
    include: [
      'test/bench/store.bench.ts',
      'test/bench/storeLoad.bench.ts',
      'test/bench/indicators.bench.ts',
      'test/bench/deadlines.bench.ts',
      'test/bench/telemetry.bench.ts',
    ],
    fileParallelism: false,
    disableConsoleIntercept: true,
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'production' },
  },
});
