import { caseIdForDisplay } from '../clientExcerpt.js';
import type { LogCaseVerdict, LogLineProblem } from '../ndjson/validateEventLog.js';

/** Lines about rejected cases and malformed lines that the readable output of a command lists; `--json` lists them all. @internal */
export const listedInText = 50;

interface Writable {
  write(text: string): unknown;
}

/**
 * Writes the malformed lines of a log as `validate` and `import` both print them: one line each,
 * up to {@link listedInText}, then how many more `--json` lists.
 *
 * @internal
 */
export function writeLogProblems(out: Writable, problems: readonly LogLineProblem[], malformedLines: number): void {
  for (const problem of problems.slice(0, listedInText)) out.write(`  line ${problem.line}: ${problem.code}: ${problem.message}\n`);
  const unlisted = malformedLines - Math.min(problems.length, listedInText);
  if (unlisted > 0) {
    const jsonLists = problems.length === malformedLines ? 'them all' : `the first ${problems.length}`;
    out.write(`  … and ${unlisted} more malformed lines (--json lists ${jsonLists})\n`);
  }
}

/**
 * Writes the rejected cases of a log, each with its first rejected line, code and reason, up to
 * {@link listedInText}, then how many more `--json` lists.
 *
 * @internal
 */
export function writeRejectedCases(out: Writable, verdicts: readonly { readonly status: string }[]): void {
  const rejected = verdicts.filter((verdict): verdict is Extract<LogCaseVerdict, { status: 'rejected' }> => verdict.status === 'rejected');
  for (const verdict of rejected.slice(0, listedInText))
    out.write(`  case ${caseIdForDisplay(verdict.caseId)}: line ${verdict.line}: ${verdict.code}: ${verdict.message}\n`);
  if (rejected.length > listedInText) out.write(`  … and ${rejected.length - listedInText} more rejected cases (--json lists them all)\n`);
}

/**
 * Writes a command's result as `--json` does: one object a line, the cases' verdicts, then the
 * malformed lines, then a summary object.
 *
 * @internal
 */
export function writeJsonReport(
  out: Writable,
  verdicts: readonly unknown[],
  problems: readonly LogLineProblem[],
  summary: Readonly<Record<string, unknown>>,
): void {
  for (const verdict of verdicts) out.write(`${JSON.stringify(verdict)}\n`);
  for (const problem of problems) out.write(`${JSON.stringify(problem)}\n`);
  out.write(`${JSON.stringify(summary)}\n`);
}
