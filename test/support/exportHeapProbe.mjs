// Run with `node --expose-gc` from the repository root: exports a store through the built
// package's exportEvents and reports, as JSON on standard output, the live heap (after a full
// collection) every 5 000 events. A streaming export keeps it flat; one that held the events would
// grow with every page. `--buffer` holds every line, to show what growth that is.
//   node --expose-gc test/support/exportHeapProbe.mjs (--data-dir <dir> | --database-url <url>) [--buffer]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportEvents } from '../../dist/index.js';
import { createPgliteStore, createPostgresStore } from '../../dist/postgres.js';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const buffer = args.includes('--buffer');
let store;
let close;
if (option('--database-url')) {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: option('--database-url'), max: 2 });
  store = createPostgresStore({ pool });
  close = () => pool.end();
} else {
  store = await createPgliteStore({ dataDir: option('--data-dir') });
  close = () => store.close();
}
const out = createWriteStream('/dev/null');
const held = [];
const heapMb = () => {
  globalThis.gc();
  return Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10;
};
const samples = [];
const { events } = await exportEvents(
  store,
  async (line) => {
    if (buffer) held.push(line);
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  },
  { progressEvery: 5000, onProgress: (written) => samples.push({ written, heapMb: heapMb() }) },
);
await close();
process.stdout.write(JSON.stringify({ events, held: held.length, samples }));
