import { builtInPaths } from '../../machines/index.js';
import type { CliCommand } from './command.js';

/** `kykypolku paths`: lists the built-in paths. @internal */
export const pathsCommand: CliCommand = {
  name: 'paths',
  usage: `kykypolku paths
      Lists the built-in paths: id, version, title.`,
  async run(_args, io) {
    for (const path of builtInPaths) io.out.write(`${path.id}\tv${path.version}\t${path.title.en}\n`);
    return 0;
  },
};
