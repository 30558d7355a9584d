import { parseArgs } from 'node:util';
import { importEventLog } from '../ndjson/importEventLog.js';
import type { CliCommand } from './command.js';
import { logSource } from './logSource.js';
import { openStore, storeOptions, storeOptionsUsage } from './storeOption.js';

/** `kykypolku import`: a host's NDJSON log into a store, case by case. @internal */
export const importCommand: CliCommand = {
  name: 'import',
  usage: `kykypolku import <file.ndjson | -> --path <id> [--json] ${storeOptionsUsage}
      Validates an NDJSON event log as validate does and stores every case whose lines are all
      accepted, whole, with its case row; a case with a rejected line is not stored. Exit code 1 if
      any case was not stored.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { path: { type: 'string' }, json: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false }, ...storeOptions },
      allowPositionals: true,
      strict: true,
    });
    const { definition, lines } = await logSource(positionals, values.path);
    const opened = await openStore(values);
    try {
      const result = await importEventLog(definition, lines(), opened.store, {
        onProgress: (read) => {
          if (!values.quiet) io.err.write(`${definition.id}: ${read.toLocaleString('en-US')} lines read\n`);
        },
      });
      const notStored = result.verdicts.filter((verdict) => verdict.status !== 'accepted');
      if (values.json) {
        for (const verdict of result.verdicts) io.out.write(`${JSON.stringify(verdict)}\n`);
        io.out.write(`${JSON.stringify({ summary: result.summary, storedCases: result.storedCases, storedEvents: result.storedEvents })}\n`);
      } else {
        io.out.write(`${definition.id}: stored ${result.storedCases} cases (${result.storedEvents} events) in ${opened.name}; ${notStored.length} not stored\n`);
        for (const verdict of notStored.slice(0, 50)) {
          if (verdict.status === 'rejected') io.out.write(`  case ${verdict.caseId}: line ${verdict.line}: ${verdict.code}: ${verdict.message}\n`);
          else if (verdict.status === 'notStored') io.out.write(`  case ${verdict.caseId}: ${verdict.code}: ${verdict.message}\n`);
        }
      }
      return notStored.length > 0 || result.summary.malformedLines > 0 ? 1 : 0;
    } finally {
      await opened.close();
    }
  },
};
