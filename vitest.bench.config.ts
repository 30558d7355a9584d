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
  exclude: [],
  fileParallelism: false,
  disableConsoleIntercept: true,
  testTimeout: 600_000,
  env: { NODE_ENV: 'production' },
},
});
