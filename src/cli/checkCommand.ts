import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { checkGuards, type GuardCheck } from '../check/checkGuards.js';
import { checkPath } from '../check/checkPath.js';
import { formatGuardCheck } from '../check/formatGuardCheck.js';
import { formatPathCheck } from '../check/formatPathCheck.js';
import type { PathCheck, TimeBudget } from '../check/pathCheck.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { languages, type Language } from '../path/label.js';
import { selectPaths } from './catalogue.js';
import { integerOption, languageOption, UsageError, type CliCommand, type CommandIo } from './command.js';
import { loadPathModules } from './loadPathModules.js';
import { createProgress } from './progress.js';

/** Default time budget of one check, in seconds. */
const defaultSeconds = 60;

/** Options of {@link runCheck}. @internal */
export interface RunCheckOptions {
  readonly paths: readonly AnyPathDefinition[];
  readonly lang: Language;
  readonly json: boolean;
  readonly guards: boolean;
  readonly maxStates: number;
  readonly timeBudget: TimeBudget;
  readonly quiet: boolean;
}

/** What `--json` prints for one path. @internal */
export interface CheckCommandResult {
  readonly check: PathCheck;
  readonly guards?: GuardCheck;
}

/**
 * Checks each path (and, with `guards`, each of its guards), prints the reports, and returns the
 * exit code: 0 when every rule holds (and every guard is justified), 1 otherwise.
 *
 * @internal
 */
export function runCheck(options: RunCheckOptions, io: CommandIo): number {
  const quiet = options.quiet || options.json;
  const results: CheckCommandResult[] = [];
  let failed = false;
  for (const definition of options.paths) {
    const progress = createProgress(`${definition.id}: checking, states explored`, io.err, quiet);
    const check = checkPath(definition, {
      maxStates: options.maxStates,
      timeBudget: options.timeBudget,
      onProgress: ({ states, frontier }) => progress.update(states - frontier, states),
    });
    progress.finish();
    let guards: GuardCheck | undefined;
    if (options.guards) {
      const guardProgress = createProgress(`${definition.id}: removing each guard in turn`, io.err, quiet);
      guards = checkGuards(definition, {
        maxStates: options.maxStates,
        timeBudget: options.timeBudget,
        onGuard: (_guard, index, total) => guardProgress.update(index + 1, total),
      });
      guardProgress.finish();
    }
    failed ||= !check.proven || (guards !== undefined && !guards.justified);
    results.push(guards ? { check, guards } : { check });
    if (options.json) continue;
    io.out.write(`${formatPathCheck(definition, check, { lang: options.lang })}\n`);
    if (guards) io.out.write(`${formatGuardCheck(definition, guards, { lang: options.lang })}\n`);
    io.out.write('\n');
  }
  if (options.json) io.out.write(`${JSON.stringify(results, null, 2)}\n`);
  return failed ? 1 : 0;
}

/**
 * `kykypolku check`: model-checks built-in paths, or a host's own (`--module`). The CLI is where
 * the clock comes from: the checker reads none, so its time budget gets `performance.now` here.
 *
 * @internal
 */
export const checkCommand: CliCommand = {
  name: 'check',
  usage:
    'kykypolku check [<path-id>…] [--module <file>]… [--lang fi|sv|en] [--json] [--guards] ' +
    `[--max-states <n>] [--max-seconds <n>] [--quiet]
      Explores every reachable state of each path (default: every built-in path; with --module,
      every path definition a host's module exports) and checks every rule on every transition;
      prints each broken rule's shortest counterexample in the path's labels, dead ends and states
      that can never close. --guards also removes each guard in turn and reports those no rule
      justifies. Exit code 0 when every rule holds (and, with --guards, every guard is justified);
      1 otherwise, or when a check ran out of its budget (default 200 000 states, ${defaultSeconds} s).`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        module: { type: 'string', multiple: true },
        lang: { type: 'string' },
        json: { type: 'boolean', default: false },
        guards: { type: 'boolean', default: false },
        'max-states': { type: 'string' },
        'max-seconds': { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    const maxStates = integerOption('max-states', values['max-states'], 200_000);
    if (maxStates < 1) throw new UsageError('--max-states must be at least 1');
    const seconds = integerOption('max-seconds', values['max-seconds'], defaultSeconds);
    let paths: readonly AnyPathDefinition[];
    if (values.module && values.module.length > 0) {
      const loaded = await loadPathModules(values.module);
      paths =
        positionals.length === 0
          ? loaded
          : positionals.map((id) => {
              const found = loaded.find((path) => path.id === id);
              if (!found)
                throw new UsageError(`no path '${id}' in ${values.module!.join(', ')}; found: ${loaded.map((path) => path.id).join(', ')}`);
              return found;
            });
    } else {
      paths = selectPaths(positionals);
    }
    return runCheck(
      {
        paths,
        lang: languageOption(values.lang, languages),
        json: values.json ?? false,
        guards: values.guards ?? false,
        maxStates,
        timeBudget: { ms: seconds * 1000, clock: () => performance.now() },
        quiet: values.quiet ?? false,
      },
      io,
    );
  },
};
