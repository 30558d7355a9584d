import { createReadStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { AnyPathDefinition } from '../path/definition.js';
import { createPathCatalogue } from '../catalogue/pathCatalogue.js';
import { storedCasePaths } from './catalogue.js';
import { resolvePathReference } from './pathReference.js';
import { UsageError } from './command.js';

/** The log a command reads and the path it was recorded on. @internal */
export interface LogSource {
  readonly definition: AnyPathDefinition;
  /** The log's lines, streamed from the file (or standard input for `-`). */
  lines(): AsyncIterable<string>;
}

/**
 * Checks the `<file> --path <id>[@<version>]` arguments of `validate` and `import`, before anything is opened:
 * exactly one readable file, not a directory (or `-`), and a known path (an earlier version by `@<version>`).
 *
 * @internal
 */
export async function logSource(positionals: readonly string[], pathId: string | undefined): Promise<LogSource> {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('give exactly one log file (or - for standard input)');
  if (!pathId) throw new UsageError('--path <id>[@<version>] names the path the log was recorded on');
  // `<id>` is the latest version, `<id>@<version>` any version stored cases may be on.
  const definition = resolvePathReference(createPathCatalogue(storedCasePaths()), pathId);
  if (file !== '-') {
    // Checked here, not when streaming starts, so that a directory or an unreadable file is one line
    // and exit code 2 instead of a stream error from deep inside readline.
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(file)).isDirectory();
      if (!isDirectory) await access(file, constants.R_OK);
    } catch {
      throw new UsageError(`cannot read '${file}'`);
    }
    if (isDirectory) throw new UsageError(`'${file}' is a directory; give an NDJSON log file (or - for standard input)`);
  }
  return {
    definition,
    lines: () =>
      createInterface({ input: file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity }),
  };
}
