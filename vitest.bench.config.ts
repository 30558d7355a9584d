import { defineConfig } from 'vitest/config';
import { packageAliases } from './vitest.config.js';

// Benchmarks run apart from the tests (`npm run bench`), one file at a time, and against XState's
// production build, the one a host's Node process loads. Vitest would otherwise pick the
// development build through the `development` export condition.
export default defineConfig({
  ssr: { resolve: { conditions: ['node', 'import', 'module', 'default'], externalConditions: ['node', 'import'] } },
  resolve: { alias: packageAliases, conditions: ['node', 'import', 'module', 'default'] },
  test: {
    include: ['test/bench/**/*.bench.ts'],
    // The store benchmarks run under vitest.bench-store.config.ts: with the conditions above, Node
    // would load pg's own dependencies as ES modules from its CommonJS code, which breaks pg.
    // telemetry.bench.ts too: under the `module` condition Node would load @opentelemetry/api's
    // ES build, whose imports have no file extensions.
    exclude: [
      'test/bench/store.bench.ts',
      'test/bench/indicators.bench.ts',
      'test/bench/deadlines.bench.ts',
      'test/bench/telemetry.bench.ts',
    ],
    fileParallelism: false,
    disableConsoleIntercept: true,
    testTimeout: 600_000,
    env: { NODE_ENV: 'production' },
  },
});
