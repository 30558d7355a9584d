import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/developers.md's examples, compiled against the built package as a host compiles them, and run.
const root = fileURLToPath(new URL('../..', import.meta.url));
const guide = readFileSync(`${root}/docs/developers.md`, 'utf8');

function example(name: string): string {
  const found = guide.match(new RegExp(`<!-- example:${name} [^>]*-->\\n\`\`\`ts\\n([\\s\\S]*?)\`\`\`\\n<!-- /example:${name} -->`))?.[1];
  if (found === undefined) throw new Error(`docs/developers.md has no example '${name}'`);
  return found;
}

function compileAndRun(name: string, source: string): string {
  const directory = `${root}/test-artifacts/developers/${name}`;
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  writeFileSync(`${directory}/${name}.ts`, source);
  writeFileSync(
    `${directory}/tsconfig.json`,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        outDir: 'out',
        rootDir: '.',
        skipLibCheck: true,
        types: ['node'],
      },
      files: [`${name}.ts`],
    }),
  );
  const compiled = spawnSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', directory], { encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`the guide's code does not compile:\n${compiled.stdout}${compiled.stderr}`);
  const run = spawnSync(process.execPath, [`${directory}/out/${name}.js`], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the guide's code fails:\n${run.stderr}`);
  return run.stdout;
}

describe('docs/developers.md', () => {
  it('has a concurrent-writers example that compiles and records every event', () => {
    expect(compileAndRun('concurrentWriters', example('concurrent-writers'))).toBe('4 of 4 recorded\n');
  });

  it('has an organisations example that compiles and keeps a case to its organisation', () => {
    expect(compileAndRun('organisations', example('organisations'))).toBe('true UNKNOWN_CASE\ncounty-1 client-service\n');
  });

  it('has a consent example that compiles and shares a case only while the consent is in force', () => {
    expect(compileAndRun('consent', example('consent'))).toBe('UNKNOWN_CASE 3 NO_CONSENT\nkela 2025-02-07T09:00:00Z\n');
  });

  it('has a deadlines-that-fire example that compiles and claims each due deadline once', () => {
    const out = compileAndRun('deadlinesThatFire', example('deadlines-that-fire'));
    process.stdout.write(out);
    expect(out).toMatch(/^2025-06-01: wp-1 \S+ was due 2025-0[3-5]-\d\d\n/);
    expect(new Set(out.trim().split('\n')).size).toBe(out.trim().split('\n').length);
    expect(out).not.toContain('not settled');
  });

  it('has a deadlines-through-a-migration example that compiles and keeps the v1 due date', () => {
    expect(compileAndRun('deadlinesThroughAMigration', example('deadlines-through-a-migration'))).toBe(
      'r-1 answer: 2025-05-08T09:00:00.000Z → 2025-05-08T09:00:00.000Z (keep-due-date)\n' +
        'on v2, due 2025-05-08T09:00:00.000Z\n' +
        'claimed on 9 May: 2025-05-08T09:00:00.000Z\n',
    );
  });
});
