import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { exportEvents } from '../ndjson/exportEvents.js';
import { UsageError, type CliCommand } from './command.js';
import { openStore, storeOptions, storeOptionsUsage } from './storeOption.js';

/** `kykypolku export`: a store's events as NDJSON. @internal */
export const exportCommand: CliCommand = {
  name: 'export',
  usage: `kykypolku export --format ndjson [--path <id>] [--out <file>] ${storeOptionsUsage}
      Writes every stored event, in append order, one recorded event a line (the format validate
      reads back). To standard output unless --out names a file; progress on standard error.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string' }, path: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean', default: false }, ...storeOptions },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (values.format !== 'ndjson') throw new UsageError(`--format must be ndjson${values.format ? `, got '${values.format}'` : ''}`);
    const opened = await openStore(values);
    const out = values.out ? createWriteStream(values.out, { encoding: 'utf8' }) : io.out;
    try {
      const { events } = await exportEvents(
        opened.store,
        async (line) => {
          // Respect back-pressure, so a large store streams instead of filling memory.
          if (!out.write(`${line}\n`)) await once(out, 'drain');
        },
        {
          ...(values.path === undefined ? {} : { pathId: values.path }),
          onProgress: (written) => {
            if (!values.quiet) io.err.write(`exported ${written.toLocaleString('en-US')} events\n`);
          },
        },
      );
      if (values.out) {
        out.end();
        await once(out, 'finish');
      }
      if (!values.quiet) io.err.write(`exported ${events} events from ${opened.name}${values.out ? ` to ${values.out}` : ''}\n`);
      return 0;
    } finally {
      await opened.close();
    }
  },
};
