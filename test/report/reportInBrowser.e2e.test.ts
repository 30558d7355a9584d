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

const languages = ['fi', 'sv', 'en'] as const;
const outIn = (lang: string) => (lang === 'fi' ? out : `${out}-${lang}`);

beforeAll(async () => {
  for (const lang of languages) {
    rmSync(outIn(lang), { recursive: true, force: true });
    const run = spawnSync(process.execPath, [cli, 'report', '--out', outIn(lang), '--clients', '300', '--lang', lang], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }
  browser = await launchBrowser();
}, 240_000);
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

  it.each(builtInPaths.map((path) => [path.id, path] as const))(
    'shows %s with its diagram, table, rules, checker section and four charts, and no console error',
    async (id, definition) => {
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
      // Sources by the document's title and line; the seed file stays in the tooltip for developers.
      for (const rule of definition.rules) {
        const document = definition.sources.find((source) => source.seed === rule.source.seed)!;
        expect(await page.locator('#rules').textContent()).toContain(`${document.title} (${document.id})`);
        expect(await page.locator(`#rules span.source[title="${rule.source.seed}:${rule.source.lines}"]`).count()).toBeGreaterThan(0);
      }
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
    },
  );

  // What a browser draws, measured: every text of every chart and of the diagram lies inside its
  // SVG, so no label is cut at the edge, in any language.
  it.each(languages.flatMap((lang) => builtInPaths.map((path) => [lang, path.id] as const)))(
    'in %s, draws every text of %s inside its SVG',
    async (lang, id) => {
      const page = await browser.newPage();
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.goto(pathToFileURL(join(outIn(lang), `${id}.html`)).href);
      // Run in the page (a string, so the test needs no DOM types): text boxes against their SVG's box.
      const outside = (await page.evaluate(`(() => {
      const found = [];
      for (const svg of document.querySelectorAll('svg')) {
        const box = svg.getBoundingClientRect();
        for (const text of svg.querySelectorAll('text')) {
          const drawn = text.getBoundingClientRect();
          if (drawn.width === 0) continue;
          if (drawn.left < box.left - 0.5 || drawn.right > box.right + 0.5 || drawn.top < box.top - 0.5 || drawn.bottom > box.bottom + 0.5) {
            found.push((svg.getAttribute('class') || 'diagram') + ': "' + text.textContent + '" (' + Math.round(drawn.left - box.left) + '..' + Math.round(drawn.right - box.left) + ' of ' + Math.round(box.width) + ')');
          }
        }
      }
      return found;
    })()`)) as string[];
      expect(outside).toEqual([]);
      await page.close();
    },
  );
});
