import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { caseIdForDisplay } from '../clientExcerpt.js';
import { exportEvents } from '../ndjson/exportEvents.js';
import { UsageError, type CliCommand } from './command.js';
import { pathsFromOptions } from './pathReference.js';
import { openStore, organisationOptionHelp, organisationScope, scopedStoreOptions, scopedStoreOptionsUsage } from './storeOption.js';

/** The --out file, opened before the store: a path that cannot be written is said in one line. */
async function openOutput(file: string): Promise<WriteStream> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  try {
    await once(out, 'open');
    return out;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new UsageError(`cannot write --out '${file}'${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

/** `kykypolku export`: a store's events as NDJSON. @internal */
export const exportCommand: CliCommand = {
  name: 'export',
  usage: `kykypolku export --format ndjson [--path <id>] [--module <file>]… [--out <file>]
      ${scopedStoreOptionsUsage}
      Writes every stored event, in append order, one recorded event a line (the format validate
      reads back). To standard output unless --out names a file; progress on standard error. A path
      whose service task has a code (a host's path given by --module, with withServiceTask) puts it
      on each of its lines as serviceTask; the built-in paths ship no code. A case
      the store cannot read (changed outside it) is named with its seq on standard error and the
      export goes on without its events from that seq; then the exit code is 1.
      ${organisationOptionHelp}`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string' },
        path: { type: 'string' },
        out: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        module: { type: 'string', multiple: true },
        ...scopedStoreOptions,
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const scope = organisationScope(values);
    if (values.format !== 'ndjson') throw new UsageError(`--format must be ndjson${values.format ? `, got '${values.format}'` : ''}`);
    // The paths whose service-task codes go on the lines: a host's modules, or the built-in versions.
    const catalogue = await pathsFromOptions(values.module);
    const file = values.out ? await openOutput(values.out) : undefined;
    const out = file ?? io.out;
    const opened = await openStore(values, scope).catch((error: unknown) => {
      file?.destroy();
      throw error;
    });
    try {
      const { events, unreadable } = await exportEvents(
        opened.store,
        async (line) => {
          // Respect back-pressure, so a large store streams instead of filling memory.
          if (!out.write(`${line}\n`)) await once(out, 'drain');
        },
        {
          ...(values.path === undefined ? {} : { pathId: values.path }),
          catalogue: catalogue.definitions,
          onProgress: (written) => {
            if (!values.quiet) io.err.write(`exported ${written.toLocaleString('en-US')} events\n`);
          },
        },
      );
      if (values.out) {
        out.end();
        await once(out, 'finish');
      }
      // Every unreadable case is named, even with --quiet: the export is not the whole store.
      for (const problem of unreadable)
        io.err.write(
          `unreadable: ${caseIdForDisplay(problem.caseId)} seq ${problem.seq}: ${problem.code} ` +
            '(its events from that seq on are not exported)\n',
        );
      if (!values.quiet || unreadable.length > 0) {
        const missing = unreadable.length > 0 ? `; ${unreadable.length} ${unreadable.length === 1 ? 'case' : 'cases'} unreadable` : '';
        io.err.write(`exported ${events} events from ${opened.name}${values.out ? ` to ${values.out}` : ''}${missing}\n`);
      }
      return unreadable.length > 0 ? 1 : 0;
    } finally {
      await opened.close();
    }
  },
};
