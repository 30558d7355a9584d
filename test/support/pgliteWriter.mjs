// A second process for the PGlite lock tests: opens a PGlite store on a directory through the
// built package (`dist/`, as a host would), appends cases, and reports on stdout, one JSON object a
// line, what it did. It keeps the store open until it reads `close` on stdin (or stdin ends), so the
// test decides when it lets go, or kills it with SIGKILL while it holds the directory; `append <n>`
// on stdin appends n more cases.
//
//   node pgliteWriter.mjs <dataDir> <cases to append> <case id prefix>
//
// Lines: {"event":"opened","pid":…,"found":<events already stored>}, then one
// {"event":"acknowledged","caseId":…,"seq":…} per append the store answered ok, {"event":"holding"},
// and {"event":"closed"}; or {"event":"refused","failure":{…}} when the store could not be opened.
import { createInterface } from 'node:readline';
import { openCase } from '../../dist/index.js';
import { workabilityPath } from '../../dist/paths.js';
import { createPgliteStore } from '../../dist/postgres.js';

const [dataDir, count = '0', prefix = 'writer'] = process.argv.slice(2);
const say = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

let store;
try {
  store = await createPgliteStore({ dataDir });
} catch (error) {
  say({ event: 'refused', name: error?.name, failure: error?.failure ?? { message: String(error?.message ?? error) } });
  process.exit(0);
}

let found = 0;
for await (const _event of store.readAll()) found += 1;
say({ event: 'opened', pid: process.pid, found });

let appended = 0;
async function append(cases, prefix) {
  for (let index = 0; index < cases; index += 1) {
    const caseId = `${prefix}-${String(appended).padStart(5, '0')}`;
    appended += 1;
    const caseRef = openCase(workabilityPath, { caseId });
    const recorded = caseRef.record({
      type: 'CONTACT_RECEIVED',
      at: '2025-03-03T08:00:00Z',
      actor: { role: 'nurse', id: 'nurse-1' },
      payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
    });
    if (!recorded.ok) throw new Error(recorded.rejection.message);
    const saved = await store.append(caseId, [recorded.event], { expectedSeq: 0 });
    if (saved.ok) say({ event: 'acknowledged', caseId, seq: saved.seq });
    else say({ event: 'notStored', caseId, code: saved.failure.code });
  }
}

await append(Number(count), prefix);
say({ event: 'holding' });

const input = createInterface({ input: process.stdin });
let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  await store.close();
  say({ event: 'closed' });
  process.exit(0);
}
let work = Promise.resolve();
input.on('line', (line) => {
  const [command, cases] = line.trim().split(' ');
  if (command === 'close') work = work.then(close);
  if (command === 'append') work = work.then(() => append(Number(cases), prefix)).then(() => say({ event: 'holding' }));
});
input.on('close', () => {
  work = work.then(close);
});
