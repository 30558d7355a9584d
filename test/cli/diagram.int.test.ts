import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { artifactsDirectory } from '../support/browser.js';

// The built CLI, as an analyst runs it after `npm ci` (`npm test` builds first).
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const kykypolku = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('kykypolku diagram', () => {
  it('prints the work-ability path as a Mermaid state diagram in Finnish', () => {
    const run = kykypolku('diagram', 'workability-path', '--format', 'mermaid', '--lang', 'fi');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^stateDiagram-v2\n/);
    expect(run.stdout).toContain('initialAssessment --> doctorAssessment : Lääkärin vastaanotto varattu [tilanne kartoitettu]');
    expect(run.stderr).toBe('');
  });

  it.each([
    ['dot', /^digraph "workability-path" \{/],
    ['bpmn', /^<\?xml[\s\S]*<bpmn:definitions[\s\S]*<bpmndi:BPMNDiagram/],
    ['scxml', /^<\?xml[\s\S]*<scxml xmlns="http:\/\/www.w3.org\/2005\/07\/scxml"/],
    ['svg', /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/],
    ['table', /^# Tjänsten för stöd för arbetsförmågan \(`workability-path` v2\)\n/],
    ['table-json', /^\{\n {2}"path": \{/],
  ])('prints the %s format', (format, shape) => {
    const run = kykypolku('diagram', 'workability-path', '--format', format, '--lang', 'sv');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(shape);
  });

  it('answers a wrong format, a missing path or an unknown path with exit code 2 and the reason', () => {
    expect(kykypolku('diagram', 'workability-path', '--format', 'png')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--format must be one of mermaid, dot, bpmn, scxml'),
    });
    expect(kykypolku('diagram', '--format', 'dot')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('diagram takes one path id'),
    });
    expect(kykypolku('diagram', 'no-such-path', '--format', 'dot')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("unknown path 'no-such-path'"),
    });
  });
});

describe('kykypolku demo --report', () => {
  it('also writes the HTML report of the cohort it ran', () => {
    const out = join(artifactsDirectory, 'demo-report');
    rmSync(out, { recursive: true, force: true });
    const run = kykypolku('demo', '--clients', '50', '--quiet', '--report', out);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('report: ');
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'workability-path.html'))).toBe(true);
  });
});
