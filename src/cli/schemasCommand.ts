import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { selectPaths } from './catalogue.js';
import { UsageError, type CliCommand } from './command.js';
import { schemaFiles } from './schemaFiles.js';

/** `kykypolku schemas`: the JSON Schemas of the paths, to standard output or to a folder. @internal */
export const schemasCommand: CliCommand = {
  name: 'schemas',
  usage: `kykypolku schemas [path-id…] [--out <dir>] [--part input|log-line|recorded-event]
      The JSON Schemas (draft 2020-12) of the paths' inputs, NDJSON log lines, recorded events and
      payloads, generated from the zod schemas. With --out, writes <dir>/<path-id>/… (the committed
      copies live in docs/schemas/); otherwise prints one part of one path.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { out: { type: 'string' }, part: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const paths = selectPaths(positionals);
    const files = schemaFiles(paths);
    if (values.out) {
      for (const path of paths) await rm(join(values.out, path.id), { recursive: true, force: true });
      for (const [file, content] of files) {
        await mkdir(dirname(join(values.out, file)), { recursive: true });
        await writeFile(join(values.out, file), content);
      }
      io.err.write(`wrote ${files.size} schemas for ${paths.length} path(s) to ${values.out}\n`);
      return 0;
    }
    if (paths.length !== 1) throw new UsageError('name one path to print its schema, or give --out <dir>');
    const part = values.part ?? 'input';
    const content = files.get(`${paths[0]!.id}/${part}.schema.json`);
    if (!content) throw new UsageError(`--part must be input, log-line or recorded-event, got '${part}'`);
    io.out.write(content);
    return 0;
  },
};
