import type { Language } from '../path/label.js';

/** Where a command writes: standard output for results, standard error for progress and errors. @internal */
export interface CommandIo {
  readonly out: NodeJS.WriteStream;
  readonly err: NodeJS.WriteStream;
}

/** A mistake in how the CLI was called: exit code 2, with the message and the usage. @internal */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A command that could not do its work for a reason its message says in full, with the stable code
 * of the refusal behind it (a store's `CONCURRENCY_CONFLICT`, say): exit code 1 and one line, no
 * stack trace, since the message already says what to do. @internal
 */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One `kykypolku` command: its name, one line for the usage, and what it does with its arguments.
 * Each command lives in a file of its own and is listed in `commands.ts`.
 *
 * @internal
 */
export interface CliCommand {
  readonly name: string;
  /** The usage line(s) and a sentence or two on what the command does. */
  readonly usage: string;
  /** Runs the command; resolves to the exit code (0 success, 1 a check failed). */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

/** Parses a non-negative integer option. @internal */
export function integerOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${name} must be a non-negative integer, got '${value}'`);
  return number;
}

/** Parses a `--lang` option. @internal */
export function languageOption(value: string | undefined, languages: readonly Language[]): Language {
  if (value === undefined) return 'en';
  if (!(languages as readonly string[]).includes(value))
    throw new UsageError(`--lang must be one of ${languages.join(', ')}, got '${value}'`);
  return value as Language;
}
