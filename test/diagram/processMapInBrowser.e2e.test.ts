import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languages, type AnyPathDefinition } from 'kykypolku';
import { toBpmnProcessMap } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { launchBrowser, screenshot } from '../support/browser.js';
import { reviewPath } from '../support/reviewPath.js';

const require = createRequire(import.meta.url);
const asset = (specifier: string) => readFileSync(require.resolve(specifier), 'utf8');

const paths: readonly AnyPathDefinition[] = [reviewPath, ...builtInPaths];
let browser: Awaited<ReturnType<typeof launchBrowser>>;

/**
 * The height in CSS px of a line of a task's name at fit-to-width in a 1 920 px wide window below
 * which a person leans in or zooms: bpmn-js draws task names in 12 px Arial, a line ~14 px high at
 * scale 1, so 10 px is the map drawn at about 0.7 of its size (Chromium draws the line 10 px high
 * from scale 0.69 on, 9 px from 0.59, 8 px from 0.53, 6 px at 0.40–0.49).
 */
const readableTaskText = 10;

// Every path now reads at that height (first map: work-ability 6 px, IPS 9, coordinator 6,
// lifestyle 6, support team 8; last release: 9, 9, 9, 8, 10; with each piece of work one task per
// plane and the work beside the states drawn once, every path but work-ability read at 10 px; the
// work-ability map, 3 004 px wide, became 2 663 px when a branch's label no longer waits for loops
// that pass above or below it and tracks are 5 px apart), so no path has a floor below it.
// Task text and plane sizes at fit-to-width per path, printed at the end (for the closing note).
const textFigures: string[] = [];
afterAll(() => {
  if (textFigures.length > 0) console.log(`process map at fit-to-width in 1 920 px (fi):\n${textFigures.join('\n')}`);
});

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** The little of the DOM the page script uses (the project's types know no DOM). */
interface PageElement {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  readonly textContent: string | null;
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
}

interface Drawn {
  readonly warnings: string[];
  readonly drawn: number;
  /** The boxes bpmn-js drew the text of each outside label and each task name in, on the page. */
  readonly texts: { id: string; plane: string; x: number; y: number; width: number; height: number }[];
  /** The height on the screen of each line of each task's name (a `tspan` bpmn-js draws), per plane. */
  readonly taskLines: { id: string; plane: string; height: number }[];
  /** Each plane's size on the screen at fit-to-width. */
  readonly planeSizes: { plane: string; width: number; height: number; scale: number }[];
  readonly viewport: { width: number; scale: number };
}

// The process map opens in bpmn-js (the viewer of Camunda Modeler and bpmn.io) in a real
// headless Chromium, fitted to the width of a 1 920 px screen; what the test reads is what bpmn-js drew.
describe.each(paths.map((path) => [path.id, path] as const))('the process map of %s in bpmn-js', (id, definition) => {
  it.for(languages)('in %s, imports with no warning, draws every element, and no two texts overlap', async (lang) => {
    const { text } = await toBpmnProcessMap(definition, { lang });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8">
      <style>${asset('bpmn-js/dist/assets/diagram-js.css')}${asset('bpmn-js/dist/assets/bpmn-js.css')}
      html, body { margin: 0; } #canvas { width: 1920px; height: 1080px; }</style>
      </head><body><div id="canvas"></div></body></html>`);
    await page.addScriptTag({ content: asset('bpmn-js/dist/bpmn-viewer.production.min.js') });
    const result: Drawn = await page.evaluate(async (xml) => {
      type Viewer = { importXML(xml: string): Promise<{ warnings: { message: string }[] }>; get(name: string): unknown };
      const viewer = new (globalThis as unknown as { BpmnJS: new (options: unknown) => Viewer }).BpmnJS({ container: '#canvas' });
      const { warnings } = await viewer.importXML(xml);
      (globalThis as unknown as { viewer: Viewer }).viewer = viewer;
      const canvas = viewer.get('canvas') as {
        zoom(kind: string | number, centre?: unknown): number;
        viewbox(): { inner: { width: number; height: number } };
      };
      // Fit to width: the whole map across the screen, and the page as tall as the map then is,
      // so that the screenshot shows all of it.
      const { inner } = canvas.viewbox();
      const scale = Math.min(1, 1920 / (inner.width + 40));
      const container = (
        globalThis as unknown as { document: { querySelector(selector: string): { style: { height: string } } } }
      ).document.querySelector('#canvas');
      container.style.height = `${Math.ceil(inner.height * scale) + 40}px`;
      (canvas as unknown as { resized(): void }).resized();
      canvas.zoom(scale, { x: 0, y: 0 });
      const registry = viewer.get('elementRegistry') as {
        getAll(): { id: string; type: string }[];
        getGraphics(id: string): PageElement | undefined;
      };
      // Every plane, the pool's and each collapsed sub-process's drill-down, shown in turn: the
      // texts of one plane are measured while it is the one on the screen.
      const planes = canvas as unknown as {
        getRootElements(): { id: string }[];
        setRootElement(root: { id: string }): void;
        findRoot(element: { id: string }): { id: string } | undefined;
      };
      const texts: Drawn['texts'] = [];
      const taskLines: Drawn['taskLines'] = [];
      const planeSizes: Drawn['planeSizes'] = [];
      for (const root of planes.getRootElements()) {
        planes.setRootElement(root);
        // Each plane fitted to the width on its own, as a reader who opens it sees it.
        canvas.zoom(1, { x: 0, y: 0 });
        const plane = canvas.viewbox().inner;
        const planeScale = Math.min(1, 1920 / (plane.width + 40));
        canvas.zoom(planeScale, { x: 0, y: 0 });
        planeSizes.push({ plane: root.id, width: plane.width * planeScale, height: plane.height * planeScale, scale: planeScale });
        for (const element of registry.getAll()) {
          if (element.type === 'bpmn:Participant' || element.type === 'bpmn:Lane' || element.type === 'bpmn:Process') continue;
          if (planes.findRoot(element)?.id !== root.id) continue;
          const graphics = registry.getGraphics(element.id);
          const text = graphics?.querySelector('text');
          if (!text || (text.textContent ?? '').trim() === '') continue;
          const box = text.getBoundingClientRect();
          texts.push({ id: element.id, plane: root.id, x: box.x, y: box.y, width: box.width, height: box.height });
          if (element.type !== 'bpmn:ReceiveTask') continue;
          for (const line of Array.from(text.querySelectorAll('tspan')))
            if ((line.textContent ?? '').trim() !== '')
              taskLines.push({ id: element.id, plane: root.id, height: line.getBoundingClientRect().height });
        }
      }
      planes.setRootElement(planes.getRootElements()[0]!);
      canvas.zoom(scale, { x: 0, y: 0 });
      return {
        warnings: warnings.map((warning) => warning.message),
        drawn: registry.getAll().length,
        texts,
        taskLines,
        planeSizes,
        viewport: { width: 1920, scale },
      };
    }, text);
    expect(result.warnings).toEqual([]);
    expect(errors).toEqual([]);
    const elements = (text.match(/<bpmndi:BPMN(Shape|Edge) /g) ?? []).length;
    expect(result.drawn).toBeGreaterThanOrEqual(elements);
    const overlapping: string[] = [];
    result.texts.forEach((a, index) => {
      for (const b of result.texts.slice(index + 1)) {
        if (a.plane === b.plane && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
          overlapping.push(`${a.id} × ${b.id}`);
      }
    });
    if (lang === 'fi')
      console.log(
        `${id}: ${result.texts.length} texts on ${new Set(result.texts.map((text) => text.plane)).size} planes drawn at scale ${result.viewport.scale.toFixed(2)}, ${overlapping.length} overlapping`,
      );
    expect(overlapping).toEqual([]);
    // Fit to the width of the screen, a task's name must still be read without zooming: the
    // smallest line of any task name on any plane at least `readableTaskText` px high.
    const smallest = Math.min(...result.taskLines.map((line) => line.height));
    if (lang === 'fi')
      textFigures.push(
        `  ${id}: task text ${smallest.toFixed(1)} px; planes at fit-to-width ` +
          result.planeSizes
            .map((size) => `${Math.round(size.width)}×${Math.round(size.height)} px (scale ${size.scale.toFixed(2)})`)
            .join(' + '),
      );
    expect(result.taskLines.length).toBeGreaterThan(0);
    expect(smallest, `${id}: task text at fit-to-width`).toBeGreaterThanOrEqual(readableTaskText - 0.01);
    if (lang === 'fi') {
      await screenshot(page, `${id}.process-map.png`);
      // Each sub-process's drill-down plane too, fitted to the width as the pool is.
      const planeCount = await page.evaluate(
        () =>
          (globalThis as unknown as { viewer: { get(name: string): { getRootElements(): unknown[] } } }).viewer
            .get('canvas')
            .getRootElements().length,
      );
      for (let plane = 1; plane < planeCount; plane++) {
        await page.evaluate((index) => {
          type Canvas = {
            getRootElements(): unknown[];
            setRootElement(root: unknown): void;
            viewbox(): { inner: { width: number; height: number } };
            zoom(scale: number, centre: unknown): void;
            resized(): void;
          };
          const canvas = (globalThis as unknown as { viewer: { get(name: string): Canvas } }).viewer.get('canvas');
          canvas.setRootElement(canvas.getRootElements()[index]);
          canvas.zoom(1, { x: 0, y: 0 });
          const { inner } = canvas.viewbox();
          const scale = Math.min(1, 1920 / (inner.width + 40));
          const container = (
            globalThis as unknown as { document: { querySelector(selector: string): { style: { height: string } } } }
          ).document.querySelector('#canvas');
          container.style.height = `${Math.ceil(inner.height * scale) + 40}px`;
          canvas.resized();
          canvas.zoom(scale, { x: 0, y: 0 });
        }, plane);
        await screenshot(page, `${id}.process-map.plane-${plane}.png`);
      }
    }
    await page.close();
  });
});
