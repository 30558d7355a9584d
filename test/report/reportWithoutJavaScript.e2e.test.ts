// The report opened in a browser with JavaScript turned off (a locked-down workstation, a reader
// that blocks scripts): everything it tells is still there to read — the diagram, the states and
// what leaves them, the path table, the rules with their sources, the checker's verdict and the
// cases' charts — and what needs the script (the simulator, pan and zoom, clicking a state) says
// so plainly instead of showing controls that do nothing.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePathGraph } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { reportCommand } from '../../src/cli/reportCommand.js';
import { reportWord } from '../../src/report/reportWords.js';
import { launchBrowser } from '../support/browser.js';

const out = mkdtempSync(join(tmpdir(), 'kykypolku-report-noscript-'));
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let pages: string[] = [];

beforeAll(async () => {
  const io = { out: new PassThrough(), err: new PassThrough() } as unknown as Parameters<typeof reportCommand.run>[1];
  await reportCommand.run(['--out', out, '--clients', '120', '--lang', 'fi', '--diff', 'workability-path@1..workability-path@2'], io);
  pages = readdirSync(out).filter((name) => name.endsWith('.html'));
  browser = await launchBrowser({ javaScriptEnabled: false });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

const langOf = (name: string) => (/\.(sv|en)\.html$/.exec(name)?.[1] ?? 'fi') as 'fi' | 'sv' | 'en';

/** A page with scripts off, collecting console errors and every request that leaves the folder. */
async function openPage(name: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) problems.push(`outside request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(join(out, name)).href);
  return { page, problems };
}

/** Whether a locator's first element is drawn with some area on the page. */
async function drawn(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  return box !== null && box.width > 0 && box.height > 0;
}

describe('the report with JavaScript turned off', () => {
  it('has every page: the index, each built-in path and the version diff, in fi, sv and en', () => {
    expect(pages).toHaveLength(3 * (2 + builtInPaths.length));
  });

  it.each(['fi', 'sv', 'en'] as const)(
    'in %s, every page opens with no console error, no outside request and no dead control',
    async (lang) => {
      for (const name of pages.filter((candidate) => langOf(candidate) === lang)) {
        const { page, problems } = await openPage(name);
        // The script really did not run: the diagram's tools it would add are absent.
        expect(await page.locator('.diagram-tools').count(), name).toBe(0);
        expect(problems, name).toEqual([]);
        // No button, list or field that would do nothing without the script.
        expect(await page.locator('button:visible, select:visible, input:visible, textarea:visible').count(), name).toBe(0);
        await page.close();
      }
    },
  );

  it.each(builtInPaths.flatMap((definition) => (['fi', 'sv', 'en'] as const).map((lang) => [definition.id, lang, definition] as const)))(
    'the page of %s in %s shows its diagram, states, table, rules with sources, checker verdict and charts, and says what needs JavaScript',
    async (id, lang, definition) => {
      const { page } = await openPage(lang === 'fi' ? `${id}.html` : `${id}.${lang}.html`);
      // The diagram is drawn, at its own size, with every state's name on it.
      expect(await drawn(page, '#diagram figure svg')).toBe(true);
      const diagramText = (await page.locator('#diagram figure svg').textContent()) ?? '';
      for (const state of describePathGraph(definition).states) expect(diagramText, state.id).toContain(state.label[lang]);
      // Pan, zoom and clicking a state need the script, and the page says so beside the diagram.
      const diagramNote = page.locator('#diagram .needs-script');
      expect(await diagramNote.isVisible()).toBe(true);
      expect(await diagramNote.textContent()).toBe(reportWord('diagramNeedsScript', lang));
      // The simulator says it needs JavaScript, and points to where the same answers are readable.
      const simulatorNote = page.locator('#simulator .needs-script');
      expect(await simulatorNote.isVisible()).toBe(true);
      expect(await simulatorNote.textContent()).toBe(reportWord('simulatorNeedsScript', lang));
      // Every state's events, roles and rules are readable as a list (the panel a click would open).
      const states = describePathGraph(definition).states.filter((state) => state.kind !== 'history');
      expect(await page.locator('#states .state-info').count()).toBeGreaterThanOrEqual(states.length);
      for (const state of states) expect(await drawn(page, `#states [data-state-info="${state.id}"]`), state.id).toBe(true);
      // The path table, the rules with their sources, the checker's verdict and the cases' charts.
      expect(await drawn(page, '#table table.path-table')).toBe(true);
      expect(await drawn(page, '#rules table.rules')).toBe(true);
      for (const rule of definition.rules) {
        const source = page.locator(`#rules span.source[title="${rule.source.seed}:${rule.source.lines}"]`).first();
        expect(await source.isVisible(), rule.id).toBe(true);
      }
      expect(await drawn(page, '#check .status-proved')).toBe(true);
      const charts = page.locator('#cases svg.chart');
      expect(await charts.count()).toBeGreaterThanOrEqual(4);
      for (let index = 0; index < (await charts.count()); index++) expect(await charts.nth(index).isVisible()).toBe(true);
      await page.close();
    },
  );

  it.each(['fi', 'sv', 'en'] as const)(
    'in %s, the index links every path and the diff page shows its diagram and differences',
    async (lang) => {
      const suffix = lang === 'fi' ? '' : `.${lang}`;
      const { page } = await openPage(`index${suffix}.html`);
      for (const definition of builtInPaths)
        expect(await page.locator(`a[href="${definition.id}${suffix}.html"]`).first().isVisible()).toBe(true);
      await page.close();
      const diff = await openPage(`diff-workability-path-v1-v2${suffix}.html`);
      expect(await drawn(diff.page, '#diagram figure svg')).toBe(true);
      expect(await drawn(diff.page, '#differences table')).toBe(true);
      await diff.page.close();
    },
  );
});
