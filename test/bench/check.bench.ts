/**
 * Issue 5's benchmark: checkPath against @xstate/graph's getShortestPaths on the same machine and
 * the same input alphabet, on every built-in path, in one run. Target: checkPath ≥ 5× faster while
 * also checking every rule and building counterexamples, and every built-in path fully checked in
 * under 100 ms. Also: how states and time grow when a path gains booleans that a guard reads.
 */
import { getShortestPaths } from '@xstate/graph';
import { it } from 'vitest';
import { assign, setup, type AnyStateMachine } from 'xstate';
import { z } from 'zod';
import { checkGuards, checkPath, definePath, enumeratePayloads, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { compareWithBaseline, printRows } from './harness.js';

/** The inputs checkPath tries: every event type some role may record × every enumerable payload. */
function alphabetOf(definition: AnyPathDefinition) {
  return Object.entries(definition.events)
    .filter(([type]) => (definition.permissions[type] ?? []).length > 0)
    .flatMap(([type, schema]) =>
      enumeratePayloads(schema).map((payload) => ({ type, payload: schema.parse(payload) as Record<string, unknown> })),
    );
}

/**
 * The path with `count` more booleans in its context, each toggled by an event of its own that
 * every open state takes, behind a guard that reads it (the toggle must change it).
 */
function withBooleans(definition: AnyPathDefinition, count: number): AnyPathDefinition {
  if (count === 0) return definition;
  const machine = definition.machine as AnyStateMachine;
  const config = machine.config as { context: Record<string, unknown>; on?: Record<string, unknown> };
  const label = (en: string) => ({ fi: en, sv: en, en });
  const names = Array.from({ length: count }, (_, index) => `flag${index}`);
  const events = Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_SET`, z.strictObject({ on: z.boolean() })]));
  const guards = Object.fromEntries(
    names.map((name) => [
      `${name}Changes`,
      ({ context, event }: { context: Record<string, unknown>; event: { payload: { on: boolean } } }) => context[name] !== event.payload.on,
    ]),
  );
  const actions = Object.fromEntries(
    names.map((name) => [`set${name}`, assign(({ event }: { event: { payload: { on: boolean } } }) => ({ [name]: event.payload.on }))]),
  );
  const variant = setup({
    guards: { ...(machine.implementations.guards as object), ...guards } as never,
    actions: { ...(machine.implementations.actions as object), ...actions } as never,
  }).createMachine({
    ...(config as object),
    context: { ...config.context, ...Object.fromEntries(names.map((name) => [name, false])) },
    on: {
      ...config.on,
      ...Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_SET`, { guard: `${name}Changes`, actions: `set${name}` }])),
    },
  } as never);
  const role = Object.keys(definition.roles)[0]!;
  return definePath({
    ...definition,
    id: `${definition.id}-plus-${count}`,
    machine: variant,
    events: { ...definition.events, ...events },
    permissions: { ...definition.permissions, ...Object.fromEntries(Object.keys(events).map((type) => [type, [role]])) },
    labels: {
      ...definition.labels,
      events: { ...definition.labels.events, ...Object.fromEntries(Object.keys(events).map((type) => [type, label(type)])) },
      guards: { ...definition.labels.guards, ...Object.fromEntries(Object.keys(guards).map((guard) => [guard, label(guard)])) },
    },
  } as never) as AnyPathDefinition;
}

/**
 * @xstate/graph's default serializer keeps only the state value and context, so on a machine with
 * history states it merges states that remember different children (on ips-job-coaching it finds
 * 433 of the 561). The same identity as checkPath's, for the same work.
 */
function serializeState(snapshot: { value: unknown; context: unknown; historyValue?: Record<string, readonly { id: string }[]> }): string {
  const history = Object.entries(snapshot.historyValue ?? {}).map(([id, nodes]) => [id, nodes.map((node) => node.id)]);
  return JSON.stringify({ value: snapshot.value, context: snapshot.context, history });
}

function compare(definition: AnyPathDefinition) {
  const events = alphabetOf(definition);
  const check = checkPath(definition);
  const options = { events: events as never, serializeState: serializeState as never };
  const graphStates = getShortestPaths(definition.machine, options).length;
  if (!check.complete || graphStates !== check.states) {
    throw new Error(`${definition.id}: checkPath reached ${check.states} states, getShortestPaths ${graphStates}`);
  }
  const rows = compareWithBaseline(
    {
      name: `baseline: @xstate/graph getShortestPaths (${events.length} inputs)`,
      opsPerRun: check.states,
      run: () => getShortestPaths(definition.machine, options),
    },
    [{ name: 'checkPath: every state, every rule, counterexamples', opsPerRun: check.states, run: () => checkPath(definition) }],
    { rounds: 5, roundMs: 300 },
  );
  printRows(
    `${definition.id}: ${check.states} states, ${check.transitions} transitions (states/second; ratio to getShortestPaths)`,
    rows,
    'state',
  );
  const [graph, ours] = rows;
  return {
    id: definition.id,
    states: check.states,
    transitions: check.transitions,
    ms: (ours!.nsPerOp * check.states) / 1e6,
    graphMs: (graph!.nsPerOp * check.states) / 1e6,
    ratio: ours!.ratio,
  };
}

it('checkPath against @xstate/graph getShortestPaths, on every built-in path and with booleans added', () => {
  const results = [];
  for (const path of builtInPaths as readonly AnyPathDefinition[]) {
    for (const added of [0, 1, 2]) results.push({ added, ...compare(withBooleans(path, added)) });
  }
  const lines = [
    '',
    'summary: whole check, absolute (this run) and ratio',
    `  ${'path'.padEnd(30)} ${'+bool'.padStart(5)} ${'states'.padStart(7)} ${'×states'.padStart(8)} ${'checkPath'.padStart(10)} ${'×time'.padStart(6)} ${'graph'.padStart(9)} ${'ratio'.padStart(6)}`,
  ];
  for (const result of results) {
    const base = results.find((candidate) => candidate.added === 0 && result.id.startsWith(candidate.id))!;
    lines.push(
      `  ${result.id.padEnd(30)} ${String(result.added).padStart(5)} ${String(result.states).padStart(7)} ${(result.states / base.states).toFixed(2).padStart(8)} ${`${result.ms.toFixed(1)} ms`.padStart(10)} ${(result.ms / base.ms).toFixed(2).padStart(6)} ${`${result.graphMs.toFixed(0)} ms`.padStart(9)} ${`${result.ratio.toFixed(1)}×`.padStart(6)}`,
    );
  }
  for (const path of builtInPaths as readonly AnyPathDefinition[]) {
    const rounds = 5;
    let total = 0;
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      checkGuards(path);
      total += performance.now() - started;
    }
    lines.push(`  ${path.id}: checkGuards (every guard removed in turn, each mutant fully checked): ${(total / rounds).toFixed(0)} ms`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
});
