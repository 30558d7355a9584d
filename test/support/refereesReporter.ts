/**
 * A Vitest reporter listed after the default one, so that what it prints comes after the summary:
 * the last line of a run that skipped the SPIN cross-check says so, and names the one command that
 * runs it. Before it, a note names any test file without a level in its name, so it gets one.
 */
import type { Reporter, TestModule } from 'vitest/node';
import { pythonCommand, pythonCrossCheckFile, spinCommand, spinCrossCheckFile } from './referees.js';

const levelled = /\.(unit|int|e2e)\.test\.ts$/;

export default class RefereesReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const unlevelled = testModules.map((module) => module.relativeModuleId).filter((file) => !levelled.test(file));
    if (unlevelled.length > 0) {
      process.stdout.write(
        `\n Note: ${unlevelled.length} test file(s) have no level in their name (.unit, .int or .e2e.test.ts): ${unlevelled.join(', ')}\n`,
      );
    }
    const skippedIn = (file: string) =>
      testModules
        .filter((module) => module.relativeModuleId === file)
        .some((module) => [...module.children.allTests('skipped')].length > 0);
    if (skippedIn(pythonCrossCheckFile)) {
      process.stdout.write(`\n Python jsonschema cross-check did not run (no python3 imports jsonschema); to run it: ${pythonCommand}\n`);
    }
    const spinSkipped = skippedIn(spinCrossCheckFile);
    if (spinSkipped) {
      process.stdout.write(`\n SPIN cross-check did not run (spin or gcc is not on the PATH); to run it: ${spinCommand}\n`);
    }
  }
}
