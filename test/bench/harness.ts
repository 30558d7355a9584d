/**
 * A small benchmark harness. Every figure is a ratio against a baseline measured in the same run,
 * round by round (baseline, then each candidate, repeated), because these machines are noisy and
 * absolute times do not compare across runs. Medians over the rounds are reported.
 */
import { performance } from 'node:perf_hooks';

export interface BenchTask<TState = unknown> {
  readonly name: string;
  /** Operations (events, cases, …) done by one call of `run`. */
  readonly opsPerRun: number;
  /** Prepares a run, untimed (e.g. opens the cases an event is recorded into). */
  readonly setup?: () => TState;
  readonly run: (state: TState) => void;
}

export interface BenchRow {
  readonly name: string;
  readonly nsPerOp: number;
  readonly opsPerSecond: number;
  /** Baseline time per op divided by this task's: above 1 is faster than the baseline. */
  readonly ratio: number;
}

export interface BenchOptions {
  readonly rounds?: number;
  /** Time each task runs for in one round, in ms. */
  readonly roundMs?: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function timeRound(task: BenchTask, roundMs: number): number {
  let ops = 0;
  let elapsed = 0;
  while (elapsed < roundMs) {
    const state = task.setup?.();
    const start = performance.now();
    task.run(state);
    elapsed += performance.now() - start;
    ops += task.opsPerRun;
  }
  return (elapsed * 1e6) / ops;
}

/** Measures the candidates against the baseline, interleaved round by round. */
export function compareWithBaseline(
  // biome-ignore lint/suspicious/noExplicitAny: each task has its own setup state; `any` lets one list hold them all
  baseline: BenchTask<any>,
  // biome-ignore lint/suspicious/noExplicitAny: as above
  candidates: readonly BenchTask<any>[],
  options: BenchOptions = {},
): BenchRow[] {
  const rounds = options.rounds ?? 9;
  const roundMs = options.roundMs ?? 150;
  const tasks = [baseline, ...candidates];
  for (const task of tasks) timeRound(task, roundMs); // warm-up: let the JIT settle
  const samples = tasks.map(() => [] as number[]);
  const ratios = candidates.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    const times = tasks.map((task) => timeRound(task, roundMs));
    times.forEach((time, index) => {
      samples[index]!.push(time);
    });
    candidates.forEach((_, index) => {
      ratios[index]!.push(times[0]! / times[index + 1]!);
    });
  }
  return tasks.map((task, index) => {
    const nsPerOp = median(samples[index]!);
    return {
      name: task.name,
      nsPerOp,
      opsPerSecond: 1e9 / nsPerOp,
      ratio: index === 0 ? 1 : median(ratios[index - 1]!),
    };
  });
}

/** Prints a table of rows with their ratio to the baseline (the first row). */
export function printRows(title: string, rows: readonly BenchRow[], unit = 'op'): void {
  const lines = [
    '',
    title,
    `  ${'task'.padEnd(72)} ${`${unit}s/s`.padStart(12)} ${`µs/${unit}`.padStart(10)} ${'× baseline'.padStart(11)}`,
    ...rows.map(
      (row) =>
        `  ${row.name.padEnd(72)} ${Math.round(row.opsPerSecond).toLocaleString('en-US').padStart(12)} ${(row.nsPerOp / 1000).toFixed(2).padStart(10)} ${row.ratio.toFixed(2).padStart(11)}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export interface AsyncBenchTask<TState = unknown> {
  readonly name: string;
  readonly opsPerRun: number;
  readonly setup?: () => TState | Promise<TState>;
  readonly run: (state: TState) => Promise<void> | void;
}

async function timeRoundAsync(task: AsyncBenchTask, roundMs: number): Promise<number> {
  let ops = 0;
  let elapsed = 0;
  // At least one run, so that a round of a task slower than roundMs (roundMs 0: one run) is measured.
  do {
    const state = await task.setup?.();
    const start = performance.now();
    await task.run(state);
    elapsed += performance.now() - start;
    ops += task.opsPerRun;
  } while (elapsed < roundMs);
  return (elapsed * 1e6) / ops;
}

/** {@link compareWithBaseline} for tasks that wait on I/O (a database), interleaved the same way. */
export async function compareWithBaselineAsync(
  // biome-ignore lint/suspicious/noExplicitAny: each task has its own setup state; `any` lets one list hold them all
  baseline: AsyncBenchTask<any>,
  // biome-ignore lint/suspicious/noExplicitAny: as above
  candidates: readonly AsyncBenchTask<any>[],
  options: BenchOptions = {},
): Promise<BenchRow[]> {
  const rounds = options.rounds ?? 9;
  const roundMs = options.roundMs ?? 150;
  const tasks = [baseline, ...candidates];
  for (const task of tasks) await timeRoundAsync(task, roundMs);
  const samples = tasks.map(() => [] as number[]);
  const ratios = candidates.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    const times: number[] = [];
    for (const task of tasks) times.push(await timeRoundAsync(task, roundMs));
    times.forEach((time, index) => {
      samples[index]!.push(time);
    });
    candidates.forEach((_, index) => {
      ratios[index]!.push(times[0]! / times[index + 1]!);
    });
  }
  return tasks.map((task, index) => {
    const nsPerOp = median(samples[index]!);
    return { name: task.name, nsPerOp, opsPerSecond: 1e9 / nsPerOp, ratio: index === 0 ? 1 : median(ratios[index - 1]!) };
  });
}

/** The median of some numbers. */
export function medianOf(values: readonly number[]): number {
  return median(values);
}
