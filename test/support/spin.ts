import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What SPIN says about a Promela model. */
export interface SpinRun {
  /** `states, stored` (depth-first), or the nominal states stored (breadth-first). */
  readonly states: number;
  readonly errors: number;
  /** On an error: the inputs (EVENT numbers) of the trail, in order, and the rule it breaks. */
  readonly trail: readonly number[];
  readonly violated: string | undefined;
}

const artifacts = fileURLToPath(new URL('../../test-artifacts/spin/', import.meta.url));

/**
 * Runs SPIN on a model: `spin -a`, compile the verifier, run it, and on an error replay the trail.
 * Depth-first counts states exactly; breadth-first (`bfs`) finds a shortest trail. SPIN is Debian's
 * `spin` package (`.ci/run` installs it); the verifier is compiled with the system's gcc.
 */
export async function runSpin(name: string, text: string, options: { readonly bfs?: boolean } = {}): Promise<SpinRun> {
  const directory = `${artifacts}${name}${options.bfs ? '-bfs' : ''}`;
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  writeFileSync(`${directory}/model.pml`, text);
  // Asynchronous, so that the tests can run several verifiers at once.
  const run = async (command: string, args: readonly string[]) =>
    (await promisify(execFile)(command, [...args], { cwd: directory, encoding: 'utf8' })).stdout;
  await run('spin', ['-a', 'model.pml']);
  await run('gcc', ['-O0', ...(options.bfs ? ['-DBFS'] : []), '-o', 'pan', 'pan.c']);
  let output: string;
  try {
    output = await run('./pan', ['-m1000000', '-w20']);
  } catch (error) {
    // pan exits non-zero on some errors; its report is still on standard output.
    output = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const errors = Number(/errors: (\d+)/.exec(output)?.[1]);
  const states = Number((options.bfs ? /(\d+) nominal states/ : /(\d+) states, stored/).exec(output)?.[1]);
  if (Number.isNaN(errors) || Number.isNaN(states)) throw new Error(`could not read pan's report:\n${output}`);
  if (errors === 0) return { states, errors, trail: [], violated: undefined };
  const replay = await run('spin', ['-t', 'model.pml']);
  return {
    states,
    errors,
    trail: [...replay.matchAll(/EVENT (\d+)/g)].map((match) => Number(match[1])),
    violated: /VIOLATED (\S+)/.exec(replay)?.[1],
  };
}
