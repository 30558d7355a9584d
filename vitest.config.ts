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
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**'],
    testTimeout: 60_000,
  },
});
