import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffPaths, toPathDiffMarkdown, toPathDiffSvg, toSvg } from 'kykypolku/diagram';
import { workabilityPath } from 'kykypolku/paths';
import { artifactsDirectory } from '../support/browser.js';
import { buildHostModule } from '../support/hostModule.js';
import { reviewPath } from '../support/reviewPath.js';
import { reviewPathV2 } from '../support/reviewPathV2.js';

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
    ['bpmn', /^<\?xml[\s\S]*<bpmn:definitions[\s\S]*<bpmn:process [^>]*isExecutable="true"[\s\S]*<bpmndi:BPMNDiagram/],
    ['bpmn-executable', /^<\?xml[\s\S]*<bpmn:definitions[\s\S]*<bpmn:process [^>]*isExecutable="true"[\s\S]*<bpmndi:BPMNDiagram/],
    ['bpmn-map', /^<\?xml[\s\S]*<bpmn:definitions[\s\S]*<bpmn:process [^>]*isExecutable="false"[\s\S]*<bpmndi:BPMNDiagram/],
    ['scxml', /^<\?xml[\s\S]*<scxml xmlns="http:\/\/www.w3.org\/2005\/07\/scxml"/],
    ['svg', /^<svg width="[\d.]+pt" height="[\d.]+pt"\n viewBox="[^"]*" xmlns="http:\/\/www.w3.org\/2000\/svg"/],
    ['table', /^# Tjänsten för stöd för arbetsförmågan \(`workability-path` v2\)\n/],
    ['table-json', /^\{\n {2}"path": \{/],
  ])('prints the %s format', (format, shape) => {
    const run = kykypolku('diagram', 'workability-path', '--format', format, '--lang', 'sv');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(shape);
  });

  it('prints the same executable BPMN for bpmn and bpmn-executable, and a process map without scripts for bpmn-map', () => {
    const old = kykypolku('diagram', 'workability-path', '--format', 'bpmn', '--lang', 'fi');
    const executable = kykypolku('diagram', 'workability-path', '--format', 'bpmn-executable', '--lang', 'fi');
    const map = kykypolku('diagram', 'workability-path', '--format', 'bpmn-map', '--lang', 'fi');
    expect(executable.stdout).toBe(old.stdout);
    expect(executable.stdout).toContain('Missä tilassa asiakkuus on?');
    expect(map.status).toBe(0);
    expect(map.stderr).toBe('');
    expect(map.stdout).not.toContain('Missä tilassa asiakkuus on?');
    expect(map.stdout).not.toContain('<bpmn:scriptTask');
    expect(map.stdout).toContain('name="Lääkärin vastaanotto varattu"');
  });

  it('answers a wrong format, a missing path or an unknown path with exit code 2 and the reason', () => {
    expect(kykypolku('diagram', 'workability-path', '--format', 'png')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--format must be one of mermaid, dot, bpmn-map, bpmn-executable, bpmn, scxml'),
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

let hostModule: string;
beforeAll(async () => {
  hostModule = await buildHostModule();
});

describe('the help of diagram and report', () => {
  it('lists --diff and --module', () => {
    const diagram = kykypolku('diagram', '--help').stdout;
    expect(diagram).toContain('kykypolku diagram --diff <old> <new> [--format table|table-json|dot|svg] [--module <file>]…');
    expect(diagram).toContain('kykypolku diagram <path>[@<version>] --format <format> [--module <file>]…');
    expect(diagram).toContain('<format>: mermaid|dot|bpmn-map|bpmn-executable|scxml|svg|table|table-json.');
    expect(kykypolku('report', '--help').stdout).toContain('[--module <file>]…');
  });
});

describe('kykypolku diagram --module', () => {
  it("draws a host's own path exactly as the library draws it: the latest version, or the one named", async () => {
    const latest = kykypolku('diagram', 'review-path', '--module', hostModule, '--format', 'svg', '--lang', 'fi');
    expect(latest).toMatchObject({ status: 0, stderr: '' });
    expect(latest.stdout).toBe((await toSvg(reviewPathV2, { lang: 'fi' })).text);
    const first = kykypolku('diagram', 'review-path@1', '--module', hostModule, '--format', 'svg', '--lang', 'fi');
    expect(first.stdout).toBe((await toSvg(reviewPath, { lang: 'fi' })).text);
  });

  it('replaces the built-in catalogue, and names what it holds when a path is not in it', () => {
    expect(kykypolku('diagram', 'workability-path', '--module', hostModule, '--format', 'dot')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("unknown path 'workability-path'; known: review-path@1, review-path@2"),
    });
    expect(kykypolku('diagram', 'review-path', '--module', 'no/such/module.js', '--format', 'dot')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('cannot load no/such/module.js'),
    });
  });
});

describe('kykypolku diagram --diff', () => {
  it('lists what review-path v2 adds to v1 as a table, the same as diffPaths', () => {
    const run = kykypolku('diagram', '--diff', 'review-path@1', 'review-path@2', '--module', hostModule);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toBe(toPathDiffMarkdown(diffPaths(reviewPath, reviewPathV2)));
    expect(run.stdout).toContain('| State | added | `active.escalated` | Escalated |  | Escalated |');
    const json = kykypolku('diagram', '--diff', 'review-path@1', 'review-path', '--module', hostModule, '--format', 'table-json');
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(diffPaths(reviewPath, reviewPathV2))));
  });

  it('draws the change on one diagram, in the language asked', async () => {
    const run = kykypolku('diagram', '--diff', 'review-path@1', 'review-path@2', '--module', hostModule, '--format', 'svg', '--lang', 'sv');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe((await toPathDiffSvg(reviewPath, reviewPathV2, { lang: 'sv' })).text);
    expect(kykypolku('diagram', '--diff', 'review-path@1', 'review-path@2', '--module', hostModule, '--format', 'dot').stdout).toMatch(
      /^digraph "review-path-diff" \{/,
    );
  });

  it('finds no difference between a built-in path and itself', () => {
    const id = workabilityPath.id;
    expect(kykypolku('diagram', '--diff', id, `${id}@${workabilityPath.version}`).stdout).toContain('No differences.');
  });

  it('answers a missing version, one path instead of two, or a format it cannot draw with exit code 2 and the reason', () => {
    expect(kykypolku('diagram', '--diff', 'review-path@1', 'review-path@9', '--module', hostModule)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("unknown path 'review-path@9'"),
    });
    expect(kykypolku('diagram', '--diff', 'review-path@1')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('diagram --diff takes two path versions'),
    });
    expect(kykypolku('diagram', '--diff', 'workability-path', 'workability-path', '--format', 'bpmn')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--format must be one of table, table-json, dot, svg'),
    });
    expect(kykypolku('diagram', '--diff', 'review path!', 'workability-path')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('name a path as <path> or <path>@<version>'),
    });
  });
});

describe('kykypolku report --module', () => {
  it("reports a host's own path as the built-in ones are reported: its page embeds the same diagram", async () => {
    const out = join(artifactsDirectory, 'host-report');
    rmSync(out, { recursive: true, force: true });
    const run = kykypolku('report', '--module', hostModule, '--path', 'review-path@1', '--clients', '20', '--out', out, '--lang', 'en');
    expect(run).toMatchObject({ status: 0, stderr: '' });
    // --lang's pages unsuffixed, the other two languages beside them.
    expect(run.stdout.trim().split('\n')).toEqual(
      ['index.html', 'review-path.html', 'index.fi.html', 'review-path.fi.html', 'index.sv.html', 'review-path.sv.html'].map((file) =>
        join(out, file),
      ),
    );
    const page = readFileSync(join(out, 'review-path.html'), 'utf8');
    expect(page).toContain((await toSvg(reviewPath, { lang: 'en' })).text.trimEnd());
    // Without --path: each of the module's paths at its latest version.
    const latest = kykypolku('report', '--module', hostModule, '--clients', '20', '--out', out);
    expect(latest.status).toBe(0);
    expect(readFileSync(join(out, 'review-path.html'), 'utf8')).toContain('id="state:active.escalated"');
  });
});

describe('kykypolku diagram in the CommonJS build', () => {
  it('draws the SVG through Graphviz from require() as from import', () => {
    const script =
      "require('./dist/diagram.cjs').toSvg(require('./dist/paths.cjs').workabilityPath, { lang: 'sv' }).then((r) => process.stdout.write(r.text))";
    const cjs = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    expect(cjs.status).toBe(0);
    expect(cjs.stdout).toBe(kykypolku('diagram', 'workability-path', '--format', 'svg', '--lang', 'sv').stdout);
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
