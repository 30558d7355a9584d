// Runs one benchmark file in several separate processes and gives each ratio as the median over
// them, with the spread (issue 19 item 6): on these 2-core machines the baseline sometimes runs at
// half its usual cost in a whole process, so one process's ratio is not a figure to quote.
//
//   node test/bench/acrossProcesses.mjs [--runs 3] [--config vitest.bench.config.ts] test/bench/paths.bench.ts
//
// It reads the tables test/bench/harness.ts prints (`printRows`) and prints, per table and row, the
// median ratio and the lowest and highest, as a Markdown table.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, config: { type: 'string', default: 'vitest.bench.config.ts' } },
  allowPositionals: true,
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 3) throw new RangeError('--runs must be an integer of at least 3');
if (positionals.length !== 1) throw new TypeError('give one benchmark file, e.g. test/bench/paths.bench.ts');

const row = /^ {2}(.+?) {2,}[\d,]+ +[\d.]+ +([\d.]+)$/;
const ratios = new Map(); // "table\u0000row" → ratios, in the order first seen
for (let run = 1; run <= runs; run++) {
  const result = spawnSync('npx', ['vitest', 'run', '--config', values.config, positionals[0]], { encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`run ${run} failed with exit code ${result.status}`);
  }
  let table = '';
  for (const line of result.stdout.split('\n')) {
    const match = row.exec(line);
    if (match) {
      const key = `${table}\u0000${match[1].trim()}`;
      ratios.set(key, [...(ratios.get(key) ?? []), Number(match[2])]);
    } else if (line.trim() !== '' && !line.startsWith('  ') && !/^\s*(✓|❯|RUN|Test|Start|Duration)/.test(line.trim())) {
      table = line.trim();
    }
  }
  process.stderr.write(`run ${run} of ${runs} done\n`);
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
let lastTable;
for (const [key, list] of ratios) {
  const [table, name] = key.split('\u0000');
  if (table !== lastTable) {
    process.stdout.write(`\n${table}\n\n| task | median × baseline | lowest – highest | runs |\n| --- | --- | --- | --- |\n`);
    lastTable = table;
  }
  const spread = `${Math.min(...list).toFixed(2)} – ${Math.max(...list).toFixed(2)}`;
  process.stdout.write(`| ${name} | ${median(list).toFixed(2)} | ${spread} | ${list.length} |\n`);
}
