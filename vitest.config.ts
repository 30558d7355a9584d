import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Tests and benchmarks import the package by its public names, as a host would. */
export const packageAliases = [
  { find: /^kykypolku\/paths$/, replacement: source('./machines/index.ts') },
  { find: /^kykypolku\/diagram$/, replacement: source('./src/diagram/index.ts') },
  { find: /^kykypolku\/testing$/, replacement: source('./src/testing/index.ts') },
  { find: /^kykypolku\/postgres$/, replacement: source('./src/store/postgres/index.ts') },
  { find: /^kykypolku$/, replacement: source('./src/index.ts') },
];

export default defineConfig({
  resolve: { alias: packageAliases },
  test: {
    // Every level: *.unit.test.ts, *.int.test.ts, *.e2e.test.ts (and a file not yet given one).
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**'],
    testTimeout: 60_000,
    // Finds the outside referees once, and fails the run when CI requires one that is missing.
    globalSetup: ['./test/support/refereesSetup.ts'],
    // After the default summary: the one line saying the SPIN cross-check did not run, when it did not.
    reporters: ['default', './test/support/refereesReporter.ts'],
  },
});
