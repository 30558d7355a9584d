import { EventStoreError } from '../store/eventStoreError.js';
import { UsageError, type CommandIo } from './command.js';
import { commands } from './commands.js';

function usage(): string {
  return `kykypolku — Finnish work-ability support paths as checked state machines

Usage:
${commands.map((command) => `  ${command.usage}`).join('\n')}
  kykypolku help

Exit codes: 0 success, 1 a check failed or the store could not be used, 2 bad usage.
`;
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

/** Runs the CLI with the given arguments; resolves to the exit code. @internal */
export async function main(argv: readonly string[], io: CommandIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  try {
    if (!command) throw new UsageError(`unknown command '${name}'`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out.write(`Usage:\n  ${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err.write(`kykypolku: ${error.message}\n\n${usage()}`);
      return 2;
    }
    // A store that cannot be opened or read (locked, unreachable, tampered with): its code and
    // message on one line, which say what to do; a stack trace would not.
    if (error instanceof EventStoreError) {
      io.err.write(`kykypolku: ${error.failure.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
