/**
 * Issue 4's benchmark: for every built-in path, `record` and `replayCase` against XState's stateless
 * `transition()` on the same event sequence, in one run (targets ≥ 2× and ≥ 3×), and the caseload check
 * over 10 000 active cases as a ratio to one `record`.
 */
import { it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import {
  checkCaseload,
  createCaseloadIndex,
  createMemoryStore,
  openCase,
  replayCase,
  simulateCohort,
  type AnyPathDefinition,
  type RecordedEvent,
} from 'kykypolku';
import { builtInPaths, ipsJobCoachingPath } from 'kykypolku/paths';
import { createPgliteStore } from '../../src/store/postgres/pgliteStore.js';
import { compareWithBaseline, printRows } from './harness.js';

const casesPerRun = 40;

/** A typical closed case of the path: from a seeded cohort, the closed case whose length is the median. */
function typicalHistory(definition: AnyPathDefinition): readonly RecordedEvent[] {
  const cohort = simulateCohort(definition, { clients: 200, seed: 11, faultRate: 0 });
  const closed = cohort.cases.filter((caseRef) => caseRef.state.status === 'closed').map((caseRef) => caseRef.history);
  closed.sort((a, b) => a.length - b.length);
  return closed[Math.floor(closed.length / 2)]!;
}

it('record and replayCase against transition(), every built-in path', async () => {
  // The events as an SQL store gives them back: appended, then read (digests verified, rows parsed).
  const store = await createPgliteStore();
  for (const definition of builtInPaths as readonly AnyPathDefinition[]) {
    const history = typicalHistory(definition);
    const caseId = history[0]!.caseId;
    const appended = await store.append(caseId, history, { expectedSeq: 0 });
    if (!appended.ok) throw new Error(`append failed: ${appended.failure.code}`);
    const fromStore = await store.read(caseId);
    const inputs = history.map(({ type, at, actor, payload }) => ({ type, at, actor, payload }));
    // The same events as a file or an SQL store gives them back: not the objects record made, so every check runs.
    const parsed = JSON.parse(JSON.stringify(history)) as readonly RecordedEvent[];
    const machineEvents = history.map(({ type, payload }) => ({ type, payload }));
    const initial = initialTransition(definition.machine)[0];
    const events = history.length;
    const rows = compareWithBaseline(
      {
        name: 'baseline: xstate transition() per event',
        opsPerRun: casesPerRun * events,
        run: () => {
          for (let c = 0; c < casesPerRun; c++) {
            let snapshot = initial;
            for (const event of machineEvents) snapshot = transition(definition.machine, snapshot, event as never)[0];
          }
        },
      },
      [
        {
          name: 'record on an open case',
          opsPerRun: casesPerRun * events,
          setup: () => Array.from({ length: casesPerRun }, (_, c) => openCase(definition, { caseId: `c${c}` })),
          run: (cases: ReturnType<typeof openCase<AnyPathDefinition>>[]) => {
            for (const caseRef of cases) for (const input of inputs) caseRef.record(input as never);
          },
        },
        {
          name: 'replayCase of the events record made',
          opsPerRun: casesPerRun * events,
          run: () => {
            for (let c = 0; c < casesPerRun; c++) replayCase(definition, history);
          },
        },
        {
          name: 'replayCase of the events parsed from JSON',
          opsPerRun: casesPerRun * events,
          run: () => {
            for (let c = 0; c < casesPerRun; c++) replayCase(definition, parsed);
          },
        },
        {
          name: 'replayCase of the events read from a PGlite store',
          opsPerRun: casesPerRun * events,
          run: () => {
            for (let c = 0; c < casesPerRun; c++) replayCase(definition, fromStore);
          },
        },
      ],
      { rounds: 7, roundMs: 120 },
    );
    printRows(`${definition.id}: events/second on a typical ${events}-event case (ratio to transition())`, rows, 'event');
  }
  await store.close();
});

it('caseload check over 10 000 active cases in the memory store, against one record', async () => {
  const store = createMemoryStore();
  for (let index = 0; index < 10_000; index++) {
    const caseRef = openCase(ipsJobCoachingPath, { caseId: `load-${index}` });
    caseRef.record({
      type: 'REFERRAL_RECEIVED',
      at: '2024-01-01T09:00:00Z',
      actor: { role: 'referrer', id: 'r' },
      payload: { source: 'typ', hasClientData: true },
    });
    caseRef.record({ type: 'COACH_ASSIGNED', at: '2024-01-02T09:00:00Z', actor: { role: 'coach', id: `coach-${index % 500}` } });
    await store.append(caseRef.caseId, caseRef.history, { expectedSeq: 0 });
  }
  const index = createCaseloadIndex([ipsJobCoachingPath]);
  await index.catchUp(store);
  const checks = 2_000;
  const timeChecks = async () => {
    const start = performance.now();
    for (let i = 0; i < checks; i++) await checkCaseload(index, { pathId: 'ips-job-coaching', assignee: `coach-${i % 500}` });
    return ((performance.now() - start) * 1e6) / checks;
  };
  const input = { type: 'COACH_ASSIGNED', at: '2024-02-01T09:00:00Z', actor: { role: 'coach', id: 'coach-x' } } as const;
  const timeRecords = () => {
    const cases = Array.from({ length: checks }, (_, i) => {
      const caseRef = openCase(ipsJobCoachingPath, { caseId: `r-${i}` });
      caseRef.record({
        type: 'REFERRAL_RECEIVED',
        at: '2024-01-01T09:00:00Z',
        actor: { role: 'referrer', id: 'r' },
        payload: { source: 'typ', hasClientData: true },
      });
      return caseRef;
    });
    const start = performance.now();
    for (const caseRef of cases) caseRef.record(input);
    return ((performance.now() - start) * 1e6) / checks;
  };
  const ratios: number[] = [];
  const checkTimes: number[] = [];
  const recordTimes: number[] = [];
  for (let round = 0; round < 7; round++) {
    const record = timeRecords();
    const check = await timeChecks();
    recordTimes.push(record);
    checkTimes.push(check);
    ratios.push(check / record);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  process.stdout.write(
    `\ncaseload check over 10 000 active IPS cases (500 coaches, memory store + caseload index)\n` +
      `  one check: ${(median(checkTimes) / 1000).toFixed(2)} µs; one record: ${(median(recordTimes) / 1000).toFixed(2)} µs; check / record = ${median(ratios).toFixed(2)}×\n` +
      `  (building the index from the store once: replays every event; see docs/performance.md)\n`,
  );
});
