import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    paths: 'machines/index.ts',
    testing: 'src/testing/index.ts',
    postgres: 'src/store/postgres/index.ts',
    diagram: 'src/diagram/index.ts',
    cli: 'src/cli/bin.ts',
    // The demo's cohort simulation, run in a worker thread beside the storing (src/cli/demoCohortSource.ts).
    demoCohortWorker: 'src/cli/demoCohortWorker.ts',
  },
  format: ['esm', 'cjs'],
  dts: {
    entry: {
      index: 'src/index.ts',
      paths: 'machines/index.ts',
      testing: 'src/testing/index.ts',
      postgres: 'src/store/postgres/index.ts',
      diagram: 'src/diagram/index.ts',
    },
  },
  // Peers, never bundled and never loaded by the main entry: fast-check of kykypolku/testing, the
  // database drivers of kykypolku/postgres (PGlite is loaded only when a PGlite store is made).
  // kykypolku/diagram's bpmn-moddle, elkjs and @hpcc-js/wasm-graphviz are dependencies, loaded by
  // dynamic import only when a BPMN layout or an SVG is asked for.
  external: ['fast-check', 'pg', '@electric-sql/pglite'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  // import.meta.url in the CommonJS bundle too: the PGlite store finds the template the build
  // writes beside it (dist/pglite-template.tar.gz, scripts/buildPgliteTemplate.mjs) from it.
  shims: true,
  splitting: true,
  // The built-in paths import the engine through relative paths; bundling keeps one copy per
  // format, shared through chunks, so `kykypolku` and `kykypolku/paths` see the same classes.
  treeshake: true,
});
