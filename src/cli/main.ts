import { EventStoreError } from '../store/eventStoreError.js';
import { IntegrityKeyError } from '../store/postgres/integrityKeyError.js';
import { CommandFailure, UsageError, type CliCommand, type CommandIo } from './command.js';
import { commands } from './commands.js';
import { cliVersion } from './version.js';

function usage(): string {
  return `kykypolku ${cliVersion} — Finnish work-ability support paths as checked state machines

Usage:
${commands.map((command) => `  ${command.usage}`).join('\n')}
  kykypolku help [<command>]   (or kykypolku <command> --help): one command's help
  kykypolku --version

Exit codes: 0 success, 1 a check failed or the store could not be used, 2 bad usage.
`;
}

/** One command's help: its usage lines and what it does. */
function commandHelp(command: CliCommand): string {
  return (
    `Usage:\n  ${command.usage}\n\n` +
    'Exit codes: 0 success, 1 a check failed or the store could not be used, 2 bad usage. Every command: kykypolku help\n'
  );
}

/** `--help` or `-h` among a command's options (not after `--`, where it would be a file name). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

const findCommand = (name: string): CliCommand | undefined => commands.find((candidate) => candidate.name === name);

/** Runs the CLI with the given arguments; resolves to the exit code. @internal */
export async function main(argv: readonly string[], io: CommandIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.out.write(`${cliVersion}\n`);
    return 0;
  }
  const helpFor = name === 'help' && rest[0] !== undefined ? rest[0] : undefined;
  if (helpFor === undefined && (name === undefined || name === 'help' || name === '--help' || name === '-h')) {
    io.out.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = findCommand(helpFor ?? name!);
  try {
    if (!command) throw new UsageError(`unknown command '${helpFor ?? name}'`);
    if (helpFor !== undefined || asksForHelp(rest)) {
      io.out.write(commandHelp(command));
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      // A known command's mistake is answered with that command's help; an unknown one with all.
      io.err.write(`kykypolku: ${error.message}\n\n${command ? commandHelp(command) : usage()}`);
      return 2;
    }
    // A store that cannot be opened or read (locked, unreachable, tampered with): its code and
    // message on one line, which say what to do; a stack trace would not.
    if (error instanceof EventStoreError) {
      io.err.write(`kykypolku: ${error.failure.code}: ${error.message}\n`);
      return 1;
    }
    if (error instanceof CommandFailure) {
      io.err.write(`kykypolku: ${error.code}: ${error.message}\n`);
      return 1;
    }
    if (error instanceof IntegrityKeyError) {
      // The key (in KYKYPOLKU_INTEGRITY_KEY) is not the store's: one line that says so, no stack trace.
      io.err.write(`kykypolku: ${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
