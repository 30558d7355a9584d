/**
 * Issue 8's benchmark: `kykypolku validate` on a 1 000 000-line NDJSON log, as lines/second against
 * `replayCase` of the same events in memory (target ≥ 0.5×: parsing and streaming cost no more than the
 * replay itself), with peak memory.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { replayCase, simulateCohort, validateEventLog, type RecordedEvent } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';

const root = fileURLToPath(new URL('../..', import.meta.url));
const targetLines = 1_000_000;

/** Cases of a seeded cohort, copied under new case ids until the log has a million lines, interleaved. */
function buildLog(): { file: string; cases: RecordedEvent[][] } {
  const template = simulateCohort(workabilityPath, { clients: 5_000, seed: 21, faultRate: 0 }).cases.map((caseRef) => caseRef.history);
  const cases: RecordedEvent[][] = [];
  let lines = 0;
  for (let copy = 0; lines < targetLines; copy++) {
    for (const history of template) {
      if (lines >= targetLines) break;
      const caseId = `c${copy}-${history[0]!.caseId}`;
      const events = history.slice(0, Math.min(history.length, targetLines - lines)).map((event) => ({ ...event, caseId }));
      cases.push(events);
      lines += events.length;
    }
  }
  // Interleave: round-robin over blocks of 1 000 cases, as a host's log of many open cases looks.
  const out: string[] = [];
  for (let block = 0; block < cases.length; block += 1000) {
    const group = cases.slice(block, block + 1000);
    const longest = Math.max(...group.map((events) => events.length));
    for (let index = 0; index < longest; index++) {
      for (const events of group) {
        const event = events[index];
        if (event)
          out.push(JSON.stringify({ caseId: event.caseId, type: event.type, at: event.at, actor: event.actor, payload: event.payload }));
      }
    }
  }
  mkdirSync(`${root}/test-artifacts/bench`, { recursive: true });
  const file = `${root}/test-artifacts/bench/one-million-lines.ndjson`;
  writeFileSync(file, `${out.join('\n')}\n`);
  return { file, cases };
}

it('validate on a 1 000 000-line log against replayCase of the same events', async () => {
  const { file, cases } = buildLog();
  const lines = cases.reduce((sum, events) => sum + events.length, 0);
  const rounds: { validate: number; replay: number }[] = [];
  for (let round = 0; round < 3; round++) {
    const replayStart = performance.now();
    for (const events of cases) {
      const result = replayCase(workabilityPath, events);
      if (!result.ok) throw new Error(result.failure.message);
    }
    const replay = performance.now() - replayStart;
    const validateStart = performance.now();
    const result = await validateEventLog(
      workabilityPath,
      createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity }),
    );
    const validate = performance.now() - validateStart;
    if (result.summary.rejectedCases > 0) throw new Error('the log should be all accepted');
    rounds.push({ validate, replay });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
  const validateMs = median(rounds.map((round) => round.validate));
  const replayMs = median(rounds.map((round) => round.replay));
  const ratio = median(rounds.map((round) => round.replay / round.validate));
  // The CLI as a host runs it, in a process of its own, for its peak resident memory (this process
  // holds the in-memory copy the replay needs, so its own heap says nothing of the validator's).
  const cli = spawnSync(
    '/usr/bin/time',
    ['-f', '%M %e', process.execPath, `${root}/dist/cli.js`, 'validate', file, '--path', 'workability-path', '--quiet'],
    {
      encoding: 'utf8',
    },
  );
  const [maxRssKb, seconds] = cli.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  process.stdout.write(
    `\nkykypolku validate, ${lines.toLocaleString('en-US')} lines (${cases.length.toLocaleString('en-US')} cases, ${(statSync(file).size / 1e6).toFixed(0)} MB):\n` +
      `  validateEventLog (streaming from the file): ${Math.round((lines / validateMs) * 1000).toLocaleString('en-US')} lines/s\n` +
      `  replayCase of the same events in memory:    ${Math.round((lines / replayMs) * 1000).toLocaleString('en-US')} events/s\n` +
      `  validate / replay = ${ratio.toFixed(2)}× (target ≥ 0.5×)\n` +
      `  CLI process (kykypolku validate --quiet): ${seconds} s, peak RSS ${(maxRssKb! / 1024).toFixed(0)} MB, exit ${cli.status}\n`,
  );
});
