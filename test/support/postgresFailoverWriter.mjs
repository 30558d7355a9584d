// A writer process for the failover test: appends lifestyle-guidance cases continuously to a
// PostgreSQL store through the built package (`dist/`, as a host would), each case one batch of
// three events with event ids, and reports on stdout, one JSON object a line, every answer it got.
// A batch the store answers STORE_UNAVAILABLE is appended again, the same events with the same ids
// and the same expected seq, until the store settles it; that retry is the host's whole recovery.
//
//   node postgresFailoverWriter.mjs <database url> <case id prefix>
//
// stdin: `switch <url>` — the host points its pool at another server: a new pg.Pool and a new store
// on it (the old pool is ended); `stop` — finish the batch at hand, report, exit.
// stdout: {"event":"ready"}; {"event":"acknowledged","caseId","eventIds","alreadyRecorded","attempts","generation"};
// {"event":"unavailable","caseId","generation"} for each STORE_UNAVAILABLE answer; {"event":"failed","caseId","code"}
// for any other failure (the batch is then given up); {"event":"stopped","batches"}.
import { createInterface } from 'node:readline';
import pg from 'pg';
import { openCase } from '../../dist/index.js';
import { lifestyleGuidancePath } from '../../dist/paths.js';
import { createPostgresStore } from '../../dist/postgres.js';

const [firstUrl, prefix] = process.argv.slice(2);
const say = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);
const coach = { role: 'lifestyleCoach', id: 'lc-1' };

/** The host's pool and the store on it; `switch` replaces both. */
function connect(url) {
  // A connect timeout, so that a primary that is gone without refusing (a network partition) is an
  // answer too, not a wait for ever.
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 2000 });
  // Idle clients of a server that went away report it here; the store sees it on its next query.
  pool.on('error', () => undefined);
  return { pool, store: createPostgresStore({ pool }) };
}

let current = connect(firstUrl);
let generation = 0;
let stopping = false;

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const [command, url] = line.trim().split(' ');
  if (command === 'stop') stopping = true;
  if (command === 'switch') {
    const old = current.pool;
    current = connect(url);
    generation += 1;
    old.end().catch(() => undefined);
  }
});

/** The batch of case n: referred, enrolled, one session, each with its own event id. */
function batchOf(n) {
  const caseId = `${prefix}-${String(n).padStart(5, '0')}`;
  const caseRef = openCase(lifestyleGuidancePath, { caseId });
  const minute = (k) => new Date(Date.UTC(2025, 0, 1) + (n * 3 + k) * 60_000).toISOString();
  const inputs = [
    { type: 'REFERRED', actor: { role: 'referrer', id: 'nurse-1' }, payload: { source: 'workAbilitySupportService' } },
    { type: 'ENROLLED', actor: coach, payload: { mode: 'individual' } },
    { type: 'SESSION_HELD', actor: coach, payload: { channel: 'inPerson' } },
  ];
  for (const [k, event] of inputs.entries()) {
    const outcome = caseRef.record({ ...event, at: minute(k), eventId: `${caseId}/${k + 1}` });
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  }
  return { caseId, events: [...caseRef.history] };
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

say({ event: 'ready' });
let batches = 0;
while (!stopping) {
  const { caseId, events } = batchOf(batches);
  batches += 1;
  for (let attempts = 1; ; attempts++) {
    const used = generation;
    const saved = await current.store.append(caseId, events, { expectedSeq: 0 });
    if (saved.ok) {
      say({
        event: 'acknowledged',
        caseId,
        eventIds: events.map((event) => event.eventId),
        alreadyRecorded: saved.alreadyRecorded,
        attempts,
        generation: used,
      });
      break;
    }
    if (saved.failure.code !== 'STORE_UNAVAILABLE') {
      say({ event: 'failed', caseId, code: saved.failure.code, generation: used });
      break;
    }
    say({ event: 'unavailable', caseId, generation: used });
    await pause(25);
  }
}
say({ event: 'stopped', batches });
await current.pool.end().catch(() => undefined);
process.exit(0);
