import { parseArgs } from 'node:util';
import { caseIdForDisplay } from '../clientExcerpt.js';
import { importEventLog } from '../ndjson/importEventLog.js';
import type { CliCommand } from './command.js';
import { listedInText, writeJsonReport, writeLogProblems, writeRejectedCases } from './logReport.js';
import { logSource } from './logSource.js';
import { sharingMapOf, sharingOption, sharingOptionUsage } from './sharingOption.js';
import { openStore, organisationOptionHelp, organisationScope, scopedStoreOptions, scopedStoreOptionsUsage } from './storeOption.js';

/** `kykypolku import`: a host's NDJSON log into a store, case by case. @internal */
export const importCommand: CliCommand = {
  name: 'import',
  usage: `kykypolku import <file.ndjson | -> --path <id>[@<version>] [--json] [--quiet] [--ignore-malformed-lines]
      ${scopedStoreOptionsUsage} ${sharingOptionUsage}
      Validates an NDJSON event log as validate does and stores each case whose lines are all
      accepted, whole, with its case row; a case with a rejected line is not stored. A line that
      belongs to no case stores nothing, unless --ignore-malformed-lines. A case already stored is
      completed when its stored events are the log's first ones, refused (CASE_DIFFERS) when they
      differ. Prints every problem as validate does. Exit code 1 if any case or line was not stored.
      ${organisationOptionHelp} A new case is stored as the organisation's; a case another
      organisation (or none) holds is refused (ACCESS_DENIED) and not stored. --sharing maps the
      path's consent scopes to partner organisations, as a case store's sharing does: each consent
      the log gives is stored as a consent row with its case (without it, none is; see consents).`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        path: { type: 'string' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        'ignore-malformed-lines': { type: 'boolean', default: false },
        ...scopedStoreOptions,
        ...sharingOption,
      },
      allowPositionals: true,
      strict: true,
    });
    const scope = organisationScope(values);
    const sharing = sharingMapOf(values);
    const { definition, lines } = await logSource(positionals, values.path);
    const opened = await openStore(values, scope);
    try {
      const result = await importEventLog(definition, lines(), opened.store, {
        malformedLines: values['ignore-malformed-lines'] ? 'storeCases' : 'storeNothing',
        ...(sharing === undefined ? {} : { sharing }),
        onProgress: (read) => {
          if (!values.quiet) io.err.write(`${definition.id}: ${read.toLocaleString('en-US')} lines read\n`);
        },
      });
      const { summary } = result;
      const notStored = result.verdicts.filter((verdict) => verdict.status === 'notStored');
      const alreadyRecorded = result.verdicts.filter((verdict) => verdict.status === 'accepted' && verdict.appended === 0).length;
      if (values.json) {
        writeJsonReport(io.out, result.verdicts, result.problems, {
          summary,
          storedCases: result.storedCases,
          storedEvents: result.storedEvents,
        });
      } else {
        io.out.write(
          `${definition.id}: stored ${result.storedCases} cases (${result.storedEvents} events) in ${opened.name}; ` +
            `${alreadyRecorded} already stored; ` +
            `${summary.rejectedCases} rejected, ${notStored.length} not stored; ${summary.malformedLines} malformed lines\n`,
        );
        writeRejectedCases(io.out, result.verdicts);
        // Every case is refused for the same malformed lines: one sentence says it, not one line a case.
        const refusedByStore = notStored.filter((verdict) => verdict.code !== 'LOG_HAS_MALFORMED_LINES');
        for (const verdict of refusedByStore.slice(0, listedInText))
          io.out.write(`  case ${caseIdForDisplay(verdict.caseId)}: ${verdict.code}: ${verdict.message}\n`);
        if (refusedByStore.length > listedInText)
          io.out.write(`  … and ${refusedByStore.length - listedInText} more cases not stored (--json lists them all)\n`);
        writeLogProblems(io.out, result.problems, summary.malformedLines);
        if (notStored.length > refusedByStore.length) {
          const count = summary.malformedLines;
          io.out.write(
            `nothing stored: ${count === 1 ? '1 line belongs' : `${count} lines belong`} to no case and may be any case's missing event; ` +
              'repair the log and import it again, or pass --ignore-malformed-lines to store the cases without them\n',
          );
        }
      }
      return summary.rejectedCases > 0 || notStored.length > 0 || summary.malformedLines > 0 ? 1 : 0;
    } finally {
      await opened.close();
    }
  },
};
