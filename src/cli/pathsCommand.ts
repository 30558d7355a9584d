import { parseArgs } from 'node:util';
import { builtInPaths } from '../../machines/index.js';
import type { CliCommand } from './command.js';

/** `kykypolku paths`: lists the built-in paths. @internal */
export const pathsCommand: CliCommand = {
  name: 'paths',
  usage: `kykypolku paths
      Lists the built-in paths: id, version, title.`,
  async run(args, io) {
    // No options and no arguments: anything given is a mistake, answered with exit code 2.
    parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: false });
    for (const path of builtInPaths) io.out.write(`${path.id}\tv${path.version}\t${path.title.en}\n`);
    return 0;
  },
};
