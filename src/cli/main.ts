import { parseArgs } from 'node:util';
import { builtInPaths } from '../../machines/index.js';
import type { AnyPathDefinition } from '../definition.js';
import { languages, type Language } from '../label.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { runDemo } from './demoCommand.js';

const usage = `kykypolku — Finnish work-ability support paths as checked state machines

Usage:
  kykypolku demo [--path <id>]… [--clients <n>] [--seed <n>] [--lang fi|en] [--json] [--quiet]
      Runs a seeded synthetic cohort through the rules, stores every event, replays every case
      from the store and checks it equals the live case; prints a summary.
  kykypolku paths
      Lists the built-in paths.
  kykypolku help

Exit codes: 0 success, 1 a check failed, 2 bad usage.
`;

class UsageError extends Error {}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${name} must be a non-negative integer, got '${value}'`);
  return number;
}

function language(value: string | undefined): Language {
  if (value === undefined) return 'en';
  if (!(languages as readonly string[]).includes(value)) throw new UsageError(`--lang must be one of ${languages.join(', ')}, got '${value}'`);
  return value as Language;
}

function selectPaths(ids: readonly string[] | undefined): AnyPathDefinition[] {
  const all: readonly AnyPathDefinition[] = builtInPaths;
  if (!ids || ids.length === 0) return [...all];
  return ids.map((id) => {
    const found = all.find((path) => path.id === id);
    if (!found) throw new UsageError(`unknown path '${id}'; known: ${all.map((path) => path.id).join(', ')}`);
    return found;
  });
}

/** Runs the CLI with the given arguments; resolves to the exit code. @internal */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            path: { type: 'string', multiple: true },
            clients: { type: 'string' },
            seed: { type: 'string' },
            lang: { type: 'string' },
            json: { type: 'boolean', default: false },
            quiet: { type: 'boolean', default: false },
          },
          strict: true,
        });
        const { exitCode } = await runDemo({
          paths: selectPaths(values.path),
          store: createMemoryStore(),
          storeName: 'in-memory store',
          clients: positiveInteger('clients', values.clients, 1000),
          seed: positiveInteger('seed', values.seed, 1),
          lang: language(values.lang),
          json: values.json ?? false,
          quiet: values.quiet ?? false,
          out: process.stdout,
          err: process.stderr,
        });
        return exitCode;
      }
      case 'paths':
        for (const path of builtInPaths) process.stdout.write(`${path.id}\tv${path.version}\t${path.title.en}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(usage);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`kykypolku: ${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}

