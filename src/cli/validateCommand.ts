import { parseArgs } from 'node:util';
import { validateEventLog } from '../ndjson/validateEventLog.js';
import type { CliCommand } from './command.js';
import { writeJsonReport, writeLogProblems, writeRejectedCases } from './logReport.js';
import { logSource } from './logSource.js';

/** `kykypolku validate`: checks a host's NDJSON event log through a path's rules. @internal */
export const validateCommand: CliCommand = {
  name: 'validate',
  usage: `kykypolku validate <file.ndjson | -> --path <id>[@<version>] [--json] [--quiet]
      Replays each case of an NDJSON event log (one input or recorded event a line, cases
      interleaved) through the path's rules and reports per case: accepted, or the first rejected
      line with its code and reason. --path <id>@<version> names an earlier version of a built-in
      path, for a log recorded under it (e.g. workability-path@1). --json prints one verdict a line, then a summary line. Exit code
      1 if any case or line is rejected.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { path: { type: 'string' }, json: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    const { definition, lines } = await logSource(positionals, values.path);
    // The total is not known while streaming, so progress is a count of lines, every 100 000.
    const result = await validateEventLog(definition, lines(), {
      onProgress: (read) => {
        if (!values.quiet) io.err.write(`${definition.id}: ${read.toLocaleString('en-US')} lines validated\n`);
      },
    });
    const { summary } = result;
    if (values.json) {
      writeJsonReport(io.out, result.verdicts, result.problems, { summary });
    } else {
      io.out.write(
        `${definition.id} v${definition.version}: ${summary.lines} lines, ${summary.cases} cases — ` +
          `${summary.acceptedCases} accepted, ${summary.rejectedCases} rejected; ${summary.malformedLines} malformed lines\n`,
      );
      for (const [code, count] of Object.entries(summary.rejectedByCode)) io.out.write(`  ${code.padEnd(24)} ${count}\n`);
      writeRejectedCases(io.out, result.verdicts);
      writeLogProblems(io.out, result.problems, summary.malformedLines);
    }
    return summary.rejectedCases > 0 || summary.malformedLines > 0 ? 1 : 0;
  },
};
