/**
 * Issue 6's benchmark, in one run:
 * 1. exporting all four formats for every built-in path, and building the full report from a
 *    10 000-case store, each as a ratio to replaying those cases (the report should cost less than
 *    the replay it summarises);
 * 2. the same cohort through kykypolku (every rule checked) and through bpmn-engine executing the
 *    exported BPMN, cases per second side by side (kykypolku should be ≥ 100× faster).
 */
import { it } from 'vitest';
import { createMemoryStore, openCase, replayCase, type AnyPathDefinition } from 'kykypolku';
import { buildReport, describePathGraph, historiesFromStore, toBpmn, toDot, toMermaid, toScxml } from 'kykypolku/diagram';
import { builtInPaths, workabilityPath } from 'kykypolku/paths';
import { simulateCohort } from '../../src/cohort/simulateCohort.js';
import { loadBpmnProcess } from '../support/bpmnEngine.js';
import { leafStatesOf } from '../support/caseProbe.js';
import { compareWithBaselineAsync, printRows } from './harness.js';

const storeCases = 10_000;

it('exports and the report against replaying a 10 000-case store', async () => {
  const store = createMemoryStore();
  const caseIds: { definition: AnyPathDefinition; caseId: string }[] = [];
  // 10 000 cases in all, shared between the built-in paths.
  for (const [index, definition] of builtInPaths.entries()) {
    const clients = Math.floor(storeCases / builtInPaths.length) + (index < storeCases % builtInPaths.length ? 1 : 0);
    const cohort = simulateCohort(definition, { clients, seed: 11, faultRate: 0 });
    for (const caseRef of cohort.cases) {
      await store.append(caseRef.caseId, caseRef.history, { expectedSeq: 0 });
      caseIds.push({ definition, caseId: caseRef.caseId });
    }
  }
  const events =
    caseIds.length === 0
      ? 0
      : (await Promise.all(caseIds.map(({ caseId }) => store.read(caseId)))).reduce((sum, history) => sum + history.length, 0);
  process.stdout.write(`\nstore: ${caseIds.length} cases, ${events} events, ${builtInPaths.length} path(s)\n`);
  const rows = await compareWithBaselineAsync(
    {
      name: `baseline: replayCase of all ${caseIds.length} cases from the store`,
      opsPerRun: 1,
      run: async () => {
        for (const { definition, caseId } of caseIds) {
          const result = replayCase(definition, await store.read(caseId));
          if (!result.ok) throw new Error(result.failure.message);
        }
      },
    },
    [
      {
        name: 'export Mermaid, DOT, SCXML and BPMN (laid out) of every path',
        opsPerRun: 1,
        run: async () => {
          for (const definition of builtInPaths) {
            toMermaid(definition);
            toDot(definition);
            toScxml(definition);
            await toBpmn(definition);
          }
        },
      },
      {
        name: 'build the full HTML report from the store',
        opsPerRun: 1,
        run: async () => {
          const paths = [];
          for (const definition of builtInPaths)
            paths.push({ definition, histories: await historiesFromStore(store, definition.id), casesFrom: 'store' });
          await buildReport(paths);
        },
      },
    ],
    { rounds: 5, roundMs: 0 },
  );
  printRows('Exports and report vs replaying the store (ratio > 1: cheaper than the replay)', rows, 'job');
}, 900_000);

it('the same cohort through kykypolku and through bpmn-engine running the exported BPMN', async () => {
  const definition = workabilityPath;
  const cases = simulateCohort(definition, { clients: 5, seed: 3, faultRate: 0 }).cases.map((caseRef) =>
    caseRef.history.map(({ type, at, actor, payload }) => ({ type, at, actor, payload })),
  );
  const events = cases.reduce((sum, history) => sum + history.length, 0);
  const graph = describePathGraph(definition);
  const initial = leafStatesOf(openCase(definition, { caseId: 'initial' }).state.value)[0]!;
  const final = new Set(graph.states.filter((state) => state.kind === 'final').map((state) => state.id));
  const engine = await loadBpmnProcess((await toBpmn(definition)).text, { initial, final });
  process.stdout.write(`\ncohort: ${cases.length} cases, ${events} events (${(events / cases.length).toFixed(1)} a case)\n`);
  const rows = await compareWithBaselineAsync(
    {
      name: 'baseline: bpmn-engine runs the exported BPMN (an instance per event)',
      opsPerRun: cases.length,
      run: async () => {
        for (const history of cases) {
          const result = await engine.run(history);
          if (result.kind === 'stuck') throw new Error(`bpmn-engine stuck at ${result.event}`);
        }
      },
    },
    [
      {
        name: 'kykypolku: openCase + record, every rule checked',
        opsPerRun: cases.length,
        run: () => {
          for (const [index, history] of cases.entries()) {
            const caseRef = openCase(definition, { caseId: `bench-${index}` });
            for (const input of history) if (!caseRef.record(input as never).ok) throw new Error('refused');
          }
        },
      },
    ],
    { rounds: 3, roundMs: 1500 },
  );
  printRows('Cases per second: bpmn-engine and kykypolku on the same cohort (ratio: × faster than bpmn-engine)', rows, 'case');
}, 900_000);
