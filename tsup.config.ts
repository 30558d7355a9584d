import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    paths: 'machines/index.ts',
    testing: 'src/testing/index.ts',
    cli: 'src/cli/bin.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', paths: 'machines/index.ts', testing: 'src/testing/index.ts' } },
  // fast-check is a peer of kykypolku/testing: never bundled, never loaded by the main entry.
  external: ['fast-check'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  // The built-in paths import the engine through relative paths; bundling keeps one copy per
  // format, shared through chunks, so `kykypolku` and `kykypolku/paths` see the same classes.
  treeshake: true,
});
