import { parseArgs } from 'node:util';
import { caseIdForDisplay } from '../clientExcerpt.js';
import { openCaseStore } from '../caseStore/openCaseStore.js';
import { UsageError, type CliCommand } from './command.js';
import { loadCatalogue } from './migrateCheckCommand.js';
import { sharingMapOf, sharingOption } from './sharingOption.js';
import { openStore, organisationScope, scopedStoreOptions, scopedStoreOptionsUsage } from './storeOption.js';

/** `kykypolku consents --rebuild`: the consent rows of every stored case, rebuilt from its events. @internal */
export const consentsCommand: CliCommand = {
  name: 'consents',
  usage: `kykypolku consents --rebuild --sharing <scope>=<organisation>,… [--module <file>]… [--json] [--quiet]
      ${scopedStoreOptionsUsage}
      Rebuilds the consent rows (who each case is shared with) from the stored events, under the
      paths' consent declarations and the --sharing map: for consents recorded before schema step
      8, by a case store without a sharing map, or by an import without --sharing. Writes only the
      missing rows and withdrawals, 500 cases per transaction, so a second run writes nothing.
      Progress on standard error, the summary on standard output. The administrator's: with
      --organisation, or as an organisation's role, it is refused (REBUILD_NOT_PERMITTED). Exit
      code 1 if it was refused or a case was skipped (TAMPERED_EVENT, CASE_UNREADABLE).`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        rebuild: { type: 'boolean', default: false },
        module: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        ...sharingOption,
        ...scopedStoreOptions,
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError('consents takes no arguments, only options');
    const scope = organisationScope(values);
    const sharing = sharingMapOf(values);
    if (!values.rebuild) throw new UsageError('give --rebuild: the one thing consents does is rebuild the rows');
    if (sharing === undefined) throw new UsageError('--rebuild needs --sharing, the map the consents were given under');
    const catalogue = await loadCatalogue(values.module);
    const opened = await openStore(values, scope);
    try {
      const cases = openCaseStore(opened.store, catalogue, { sharing });
      const report = await cases.rebuildConsents({
        onProgress: (progress) => {
          if (!values.quiet)
            io.err.write(`consents: ${progress.cases.toLocaleString('en-US')} cases read, ${progress.written} rows written\n`);
        },
      });
      if (values.json) io.out.write(`${JSON.stringify(report, null, 2)}\n`);
      if (!report.ok) {
        io.err.write(`consents: ${report.failure.code}: ${report.failure.message}\n`);
        return 1;
      }
      if (!values.json) {
        io.out.write(
          `consents rebuilt in ${opened.name}: ${report.cases} cases read, ${report.written} rows written, ` +
            `${report.skipped.length} cases skipped\n`,
        );
        for (const skipped of report.skipped)
          io.out.write(
            `  case ${caseIdForDisplay(skipped.caseId)}: ${skipped.code}${skipped.seq === undefined ? '' : ` at seq ${skipped.seq}`}\n`,
          );
      }
      return report.skipped.length > 0 ? 1 : 0;
    } finally {
      await opened.close();
    }
  },
};
