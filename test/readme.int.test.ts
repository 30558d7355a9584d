import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}/README.md`, 'utf8');

describe('README', () => {
  it('opens with the two commands a newcomer runs', () => {
    const firstBlock = readme.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
    expect(firstBlock).toContain('npm ci && npm run demo');
    expect(firstBlock).toContain('npm ci && npm test');
  });

  it('has an embedding example that compiles against the built package and runs as it says', () => {
    const example = readme.split('## Embedding')[1]?.match(/```ts\n([\s\S]*?)```/)?.[1];
    expect(example).toBeDefined();
    // Compiled inside the package, so `kykypolku` resolves to its own exports (dist), as a host's would.
    const directory = `${root}/test-artifacts/readme`;
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
    writeFileSync(`${directory}/example.ts`, example!);
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
          skipLibCheck: false,
          types: [],
        },
        files: ['example.ts'],
      }),
    );
    execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', directory], { encoding: 'utf8' });
    const output = execFileSync(process.execPath, [`${directory}/out/example.js`], { encoding: 'utf8' });
    expect(output).toMatch(
      /^RULE_VIOLATED: DOCTOR_VISIT_BOOKED in state 'initialAssessment' would break rule 'situation-mapped-before-doctor'/,
    );
  });

  it('lists every rejection code', async () => {
    const { rejectionCodes } = await import('kykypolku');
    for (const code of rejectionCodes) expect(readme).toContain(`| \`${code}\` |`);
  });
});
