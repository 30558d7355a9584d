import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyPathDefinition } from 'kykypolku';
import { diffPaths } from 'kykypolku/diagram';
import { builtInPaths, workabilityPath, workabilityPathV1 } from 'kykypolku/paths';
import { describeStateValue } from '../../src/machine/stateNodes.js';
import type { SimulatorTable } from '../../src/report/simulatorTable.js';
import { reportWords } from '../../src/report/reportWords.js';
import { artifactsDirectory, launchBrowser, screenshot } from '../support/browser.js';
import { chooseEntry, seededRandom, walkCase, walkSeed, type RecordVerdict } from './simulatorWalk.js';

// The built CLI, as an analyst runs it after `npm ci` (`npm test` builds first).
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const out = join(artifactsDirectory, 'report');
let browser: Awaited<ReturnType<typeof launchBrowser>>;

const languages = ['fi', 'sv', 'en'] as const;
type Lang = (typeof languages)[number];
/** fi is the report's first language (`--lang fi`): its pages carry no suffix. */
const fileOf = (name: string, lang: Lang) => (lang === 'fi' ? `${name}.html` : `${name}.${lang}.html`);
const urlOf = (name: string, lang: Lang) => pathToFileURL(join(out, fileOf(name, lang))).href;
const describeValue = (value: unknown) => describeStateValue(value as Parameters<typeof describeStateValue>[0]);
const seed = walkSeed('report simulator in the browser against record');
/** The page comparing the work-ability path's two versions, asked for with --diff. */
const diffPage = 'diff-workability-path-v1-v2';

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  const run = spawnSync(
    process.execPath,
    [cli, 'report', '--out', out, '--clients', '300', '--lang', 'fi', '--diff', 'workability-path@1..workability-path@2'],
    { encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
});

/** A page that collects console errors, page errors and every request that leaves the folder. */
async function openPage(url: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) problems.push(`outside request: ${request.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** The ids of the diagram's states the page's script found (by `data-state`, `id="state:…"` or Graphviz's `<title>`). */
const hookedStates = (page: Page) =>
  page.evaluate(
    `[...new Set([...document.querySelectorAll('#diagram svg .state-hook')].map((group) => group.getAttribute('data-hooked-state')))]`,
  ) as Promise<string[]>;

// Run in the page (a string, so the test needs no DOM types): every text of every SVG inside the
// SVG's box, no two texts of one SVG overlapping, and each state's own labels inside its shape.
const layoutProblems = `(() => {
  const found = [];
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (const svg of document.querySelectorAll('svg')) {
    const name = svg.getAttribute('class') || 'diagram';
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map((text) => ({ text, drawn: text.getBoundingClientRect() })).filter((t) => t.drawn.width > 0);
    for (const { text, drawn } of texts) {
      if (drawn.left < box.left - 0.5 || drawn.right > box.right + 0.5 || drawn.top < box.top - 0.5 || drawn.bottom > box.bottom + 0.5) {
        found.push(name + ': "' + text.textContent + '" outside its SVG (' + Math.round(drawn.left - box.left) + '..' + Math.round(drawn.right - box.left) + ' of ' + Math.round(box.width) + ')');
      }
    }
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      // The lines of one label (one group) are spaced by Graphviz; a font's ascent and descent may
      // touch the next line's by a pixel, which is not two words on top of each other.
      if (texts[i].text.parentNode === texts[j].text.parentNode && texts[i].text.getAttribute('x') === texts[j].text.getAttribute('x')) continue;
      if (overlap(texts[i].drawn, texts[j].drawn)) found.push(name + ': "' + texts[i].text.textContent + '" overlaps "' + texts[j].text.textContent + '"');
    }
    for (const group of svg.querySelectorAll('.state-hook')) {
      // A box's words go inside it; a small round mark (a history state) is labelled beside it.
      const shape = [...group.children].find((child) => ['rect', 'path', 'polygon', 'ellipse', 'circle'].includes(child.tagName));
      if (!shape || shape.tagName === 'ellipse' || shape.tagName === 'circle') continue;
      const outline = shape.getBoundingClientRect();
      for (const text of [...group.children].filter((child) => child.tagName === 'text')) {
        const drawn = text.getBoundingClientRect();
        if (drawn.width === 0) continue;
        if (drawn.left < outline.left - 0.5 || drawn.right > outline.right + 0.5 || drawn.top < outline.top - 0.5 || drawn.bottom > outline.bottom + 0.5) {
          found.push(name + ': state label "' + text.textContent + '" outside its box (' + Math.round(drawn.left - outline.left) + '..' + Math.round(drawn.right - outline.left) + ' of ' + Math.round(outline.width) + ')');
        }
      }
    }
  }
  return found;
})()`;

/** In-page code: the diagram group the script hooked for `state`. */
const findGroup = (state: string) => `document.querySelector('#diagram svg [data-hooked-state="${state}"]')`;

const viewBoxOf = async (page: Page): Promise<[number, number, number, number]> =>
  (await page.locator('#diagram svg').getAttribute('viewBox'))!.split(/[\s,]+/).map(Number) as [number, number, number, number];

describe('kykypolku report', () => {
  it('writes an index, one page per built-in path and the version diff asked for, in every language, and names them', () => {
    const names = ['index', ...builtInPaths.map((path) => path.id), diffPage];
    expect(readdirSync(out).sort()).toEqual(languages.flatMap((lang) => names.map((name) => fileOf(name, lang))).sort());
  });

  it.each(languages)('opens the %s index with a link to every path, a language switch, and no console error', async (lang) => {
    const { page, problems } = await openPage(urlOf('index', lang));
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    for (const path of builtInPaths) expect(await page.locator(`a[href="${fileOf(path.id, lang)}"]`).textContent()).toBe(path.title[lang]);
    for (const other of languages)
      expect(await page.locator(`nav.languages a[hreflang="${other}"]`).getAttribute('href')).toBe(fileOf('index', other));
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each(builtInPaths.map((path) => [path.id, path as AnyPathDefinition] as const))(
    'shows %s with its diagram, simulator, states, table, rules, checker section and four charts, and no console error',
    async (id, definition) => {
      const { page, problems } = await openPage(urlOf(id, 'fi'));
      expect(await page.title()).toContain(definition.title.fi);
      expect((await hookedStates(page)).sort()).toEqual(Object.keys(definition.labels.states).sort());
      expect(await page.locator('#states article.state-info').count()).toBe(Object.keys(definition.labels.states).length);
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
      expect(await page.locator('#sim-state').getAttribute('data-state-index')).toBe('0');
      expect(problems).toEqual([]);
      await screenshot(page, `report-${id}.png`);
      await page.close();
    },
  );

  const pages = languages.flatMap((lang) => builtInPaths.map((path) => [lang, path.id, path as AnyPathDefinition] as const));

  it.each(languages)('in %s, shows the work-ability v1 → v2 diff: its diagram and every difference, laid out, linked', async (lang) => {
    const { page, problems } = await openPage(urlOf(diffPage, lang), 1600);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    const rows = diffPaths(workabilityPathV1, workabilityPath, { lang }).rows;
    expect(await page.locator('#differences tbody tr').count()).toBe(rows.length);
    const table = (await page.locator('#differences').textContent())!;
    for (const row of rows) expect(table).toContain(row.name);
    expect(await page.locator('#diagram svg').count()).toBe(1);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    for (const other of languages)
      expect(await page.locator(`nav.languages a[hreflang="${other}"]`).getAttribute('href')).toBe(fileOf(diffPage, other));
    const index = await openPage(urlOf('index', lang));
    expect(await index.page.locator(`a[href="${fileOf(diffPage, lang)}"]`).count()).toBe(1);
    expect([...problems, ...index.problems]).toEqual([]);
    await index.page.close();
    await page.close();
  });

  it.each(pages)('in %s, lays out every text of %s inside its box with no two overlapping, with no outside request', async (lang, id) => {
    const { page, problems } = await openPage(urlOf(id, lang), 1600);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.evaluate(layoutProblems)).toEqual([]);
    // The switch leads to the same path in each language, and works without the script (plain links).
    for (const other of languages)
      expect(await page.locator(`nav.languages a[hreflang="${other}"]`).getAttribute('href')).toBe(fileOf(id, other));
    expect(problems).toEqual([]);
    await page.close();
  });

  // Issue 18: the indicators of the cohort, per quarter, each table inside the page's column.
  it.each(pages)('in %s, shows the indicators of %s with their definitions, every table inside the page', async (lang, id, definition) => {
    const declared = definition.indicators ?? [];
    const { page, problems } = await openPage(urlOf(id, lang), 1280);
    expect(await page.locator('#indicators').count()).toBe(declared.length > 0 ? 1 : 0);
    for (const indicator of declared) {
      const article = page.locator(`#indicator-${indicator.id}`);
      expect(await article.locator('h3').textContent()).toBe(indicator.name[lang]);
      expect(await article.textContent()).toContain(indicator.definition[lang]);
    }
    const outside = await page.evaluate(`(() => {
      const column = document.querySelector('main').getBoundingClientRect();
      return [...document.querySelectorAll('#indicators table, #indicators p')]
        .map((box) => box.getBoundingClientRect())
        .filter((drawn) => drawn.left < column.left - 0.5 || drawn.right > column.right + 0.5)
        .map((drawn) => Math.round(drawn.left) + '..' + Math.round(drawn.right) + ' outside ' + Math.round(column.left) + '..' + Math.round(column.right));
    })()`);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each(pages)(
    'in %s, pans and zooms the diagram of %s and opens a clicked state’s events, roles and rules',
    async (lang, id, definition) => {
      const { page, problems } = await openPage(urlOf(id, lang));
      const fit = await viewBoxOf(page);
      const states = await hookedStates(page);
      const leaf = states.find((state) => !states.some((other) => other.startsWith(`${state}.`)))!;
      const node = page.locator(`#diagram svg [data-hooked-state="${leaf}"]`);
      const before = (await node.first().boundingBox())!;

      await page.click('#zoom-in');
      await page.click('#zoom-in');
      const zoomed = await viewBoxOf(page);
      expect(zoomed[2]).toBeCloseTo(fit[2] / 1.5625, 3);
      const after = (await node.first().boundingBox())!;
      expect(after.width).toBeGreaterThan(before.width * 1.4);

      // Drag to pan: the view moves against the pointer, by the pointer's distance in diagram units.
      const figure = (await page.locator('#diagram figure').boundingBox())!;
      await page.mouse.move(figure.x + figure.width / 2, figure.y + 40);
      await page.mouse.down();
      await page.mouse.move(figure.x + figure.width / 2 - 120, figure.y + 40, { steps: 6 });
      await page.mouse.up();
      const panned = await viewBoxOf(page);
      expect(panned[0]).toBeGreaterThan(zoomed[0]);
      expect(panned[2]).toBeCloseTo(zoomed[2], 3);

      // Wheel over the diagram zooms out around the pointer.
      await page.mouse.move(figure.x + figure.width / 2, figure.y + 40);
      await page.mouse.wheel(0, 200);
      await page.waitForFunction(`document.querySelector('#diagram svg').getAttribute('viewBox').split(' ')[2] > ${panned[2] + 0.001}`);

      await page.click('#zoom-fit');
      expect(await viewBoxOf(page)).toEqual(fit);

      // A click on a state opens its panel; the keyboard reaches every state.
      await node.first().click();
      expect(await page.locator('#state-panel').getAttribute('data-state')).toBe(leaf);
      expect(await page.locator('#state-panel h3').textContent()).toContain(definition.labels.states[leaf]![lang]);
      for (const state of states) {
        await page.evaluate(`${findGroup(state)}.focus()`);
        await page.keyboard.press('Enter');
        expect(await page.locator('#state-panel').getAttribute('data-state')).toBe(state);
        const rows = definition.permissions;
        const panel = (await page.locator('#state-panel').textContent())!;
        // Who may record each leaving event, by the role's name in this language.
        for (const item of await page.locator('#state-panel li strong').allTextContents()) {
          const type = Object.keys(definition.labels.events).find((event) => definition.labels.events[event]![lang] === item)!;
          expect(type, item).toBeDefined();
          for (const role of rows[type] ?? []) expect(panel).toContain(definition.roles[role]![lang]);
        }
      }
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it.each(pages)('in %s, the simulator of %s answers a seeded random walk exactly as record does', async (lang, id, definition) => {
    const { page, problems } = await openPage(urlOf(id, lang));
    const table = JSON.parse((await page.locator('#report-data').textContent())!).table as SimulatorTable;
    const random = seededRandom(seed ^ (languages.indexOf(lang) * 7919 + builtInPaths.findIndex((path) => path.id === id)));
    const words = reportWords;
    for (let walk = 0; walk < 2; walk++) {
      await page.click('#sim-reset');
      const { record } = walkCase(definition, `browser-walk-${walk}`);
      let state = 0;
      for (let step = 0; step < 25; step++) {
        const entry = chooseEntry(table, state, random);
        await page.selectOption('#sim-event', String(entry));
        await page.click('#sim-step');
        const answer = page.locator('#sim-answer');
        const outcome = await answer.getAttribute('data-outcome');
        const shown: RecordVerdict =
          outcome === 'accepted'
            ? { kind: 'accepted', value: (await page.locator('#sim-state').getAttribute('data-value'))! }
            : (await answer.getAttribute('data-rule'))
              ? { kind: 'refused', code: (await answer.getAttribute('data-code'))!, ruleId: (await answer.getAttribute('data-rule'))! }
              : { kind: 'refused', code: (await answer.getAttribute('data-code'))! };
        const where = `seed ${seed}, ${lang} ${id}, walk ${walk}, step ${step}, ${table.entries[entry]!.type}`;
        expect(shown, where).toEqual(record(table, entry, describeValue));
        // Told in the page's language.
        expect(await answer.textContent(), where).toContain(outcome === 'accepted' ? words.accepted[lang] : words.refused[lang]);
        if (shown.kind === 'accepted') state = Number(await page.locator('#sim-state').getAttribute('data-state-index'));
        if (shown.kind === 'refused' && shown.code === 'CASE_CLOSED') break;
      }
    }
    expect(problems).toEqual([]);
    if (lang === 'fi') {
      // What an analyst sees after a walk: the case's state lit in the diagram, the answer, the steps.
      mkdirSync(artifactsDirectory, { recursive: true });
      await page.locator('#diagram').screenshot({ path: join(artifactsDirectory, `report-diagram-${id}.png`) });
      await page.locator('#simulator').screenshot({ path: join(artifactsDirectory, `report-simulator-${id}.png`) });
    }
    await page.close();
  });

  it('keeps the embedded state graph small: the report data of each path page', () => {
    for (const path of builtInPaths) {
      const html = readFileSync(join(out, fileOf(path.id, 'fi')), 'utf8');
      const data = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)![1]!;
      process.stdout.write(
        `[size] ${path.id}: page ${Math.round(html.length / 1024)} KiB, embedded data ${Math.round(data.length / 1024)} KiB\n`,
      );
      expect(data.length).toBeLessThan(256 * 1024);
    }
  });
});
