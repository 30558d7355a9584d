import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInPaths } from 'kykypolku/paths';
import { artifactsDirectory, launchBrowser, screenshot } from '../support/browser.js';

// The built CLI, as an analyst runs it after `npm ci` (`npm test` builds first).
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const out = join(artifactsDirectory, 'report');
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  const run = spawnSync(process.execPath, [cli, 'report', '--out', out, '--clients', '300', '--lang', 'fi'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe('kykypolku report', () => {
  it('writes an index and one page per built-in path, and names them', () => {
    expect(readdirSync(out).sort()).toEqual(['index.html', ...builtInPaths.map((path) => `${path.id}.html`)].sort());
  });

  it('opens the index in a browser with a link to every path and no console error', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    for (const path of builtInPaths) expect(await page.locator(`a[href="${path.id}.html"]`).textContent()).toBe(path.title.fi);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each(builtInPaths.map((path) => [path.id, path] as const))('shows %s with its diagram, table, rules, checker section and four charts, and no console error', async (id, definition) => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    await page.goto(pathToFileURL(join(out, `${id}.html`)).href);
    expect(await page.title()).toContain(definition.title.fi);
    expect(await page.locator('#diagram svg g.state').count()).toBe(Object.keys(definition.labels.states).length);
    expect(await page.locator('table.path-table tbody tr').count()).toBeGreaterThan(0);
    for (const rule of definition.rules) expect(await page.locator('#rules').textContent()).toContain(`${rule.source.seed}:${rule.source.lines}`);
    // The model checker's verdict, from checkPath: every built-in path is proven.
    expect(await page.locator('#check .status-proved').textContent()).toContain('Kaikki säännöt pätevät');
    for (const rule of definition.rules) expect(await page.locator('#check').textContent()).toContain(rule.id);
    expect(await page.locator('svg.chart-funnel g.bar').count()).toBe(Object.keys(definition.labels.states).length);
    expect(await page.locator('svg.chart-end-reasons g.bar').count()).toBeGreaterThanOrEqual(Object.keys(definition.outcomes).length);
    expect(await page.locator('svg.chart-box g.box').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.chart-deadlines g.bar').count()).toBe(definition.deadlines.length);
    // The first state is where every case starts: its bar is the longest.
    const firstBar = await page.locator('svg.chart-funnel g.bar').first().getAttribute('data-value');
    expect(Number(firstBar)).toBe(300);
    expect(problems).toEqual([]);
    await screenshot(page, `report-${id}.png`);
    await page.close();
  });
});
