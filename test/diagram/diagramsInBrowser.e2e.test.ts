import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyPathDefinition } from 'kykypolku';
import { toBpmn, toMermaid } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { launchBrowser, screenshot } from '../support/browser.js';
import { reviewPath } from '../support/reviewPath.js';

const require = createRequire(import.meta.url);
const asset = (specifier: string) => readFileSync(require.resolve(specifier), 'utf8');

const paths: readonly AnyPathDefinition[] = [reviewPath, ...builtInPaths];
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

// The exports open in the tools analysts use: bpmn-js (the viewer of Camunda Modeler and
// bpmn.io) and Mermaid, each in a real headless Chromium.
describe.each(paths.map((path) => [path.id, path] as const))('the diagrams of %s in a browser', (id, definition) => {
  it('import into bpmn-js with no warnings, every element drawn, and are screenshotted', async () => {
    const { text } = await toBpmn(definition, { lang: 'fi' });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8">
      <style>${asset('bpmn-js/dist/assets/diagram-js.css')}${asset('bpmn-js/dist/assets/bpmn-js.css')} html, body, #canvas { margin: 0; width: 2400px; height: 1400px; }</style>
      </head><body><div id="canvas"></div></body></html>`);
    await page.addScriptTag({ content: asset('bpmn-js/dist/bpmn-viewer.production.min.js') });
    const result = await page.evaluate(async (xml) => {
      const viewer = new (
        globalThis as unknown as {
          BpmnJS: new (
            options: unknown,
          ) => { importXML(xml: string): Promise<{ warnings: { message: string }[] }>; get(name: string): unknown };
        }
      ).BpmnJS({ container: '#canvas' });
      const { warnings } = await viewer.importXML(xml);
      (viewer.get('canvas') as { zoom(kind: string): void }).zoom('fit-viewport');
      const registry = viewer.get('elementRegistry') as { getAll(): { type: string }[] };
      return { warnings: warnings.map((warning) => warning.message), drawn: registry.getAll().length };
    }, text);
    expect(result.warnings).toEqual([]);
    expect(errors).toEqual([]);
    const elements = (text.match(/<bpmndi:BPMN(Shape|Edge) /g) ?? []).length;
    expect(result.drawn).toBeGreaterThanOrEqual(elements);
    await screenshot(page, `${id}.bpmn.png`);
    await page.close();
  });

  it('render from Mermaid source with no parse error in any language', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="out"></div></body></html>');
    await page.addScriptTag({ content: asset('mermaid/dist/mermaid.min.js') });
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const { text } = toMermaid(definition, { lang });
      const rendered = await page.evaluate(async (source) => {
        const mermaid = (
          globalThis as unknown as {
            mermaid: {
              initialize(options: unknown): void;
              parse(text: string): Promise<unknown>;
              render(id: string, text: string): Promise<{ svg: string }>;
            };
          }
        ).mermaid;
        mermaid.initialize({ startOnLoad: false });
        const out = (
          globalThis as unknown as { document: { querySelector(selector: string): { innerHTML: string; textContent: string | null } } }
        ).document.querySelector('#out');
        try {
          await mermaid.parse(source);
          const { svg } = await mermaid.render(`diagram${Math.floor(performance.now())}`, source);
          out.innerHTML = svg;
          return { error: null, svg, text: out.textContent ?? '' };
        } catch (error) {
          return { error: String(error), svg: '', text: '' };
        }
      }, text);
      expect(rendered.error).toBeNull();
      for (const label of Object.values(definition.labels.states)) expect(rendered.text, label[lang]).toContain(label[lang]);
      if (lang === 'fi') await screenshot(page, `${id}.mermaid.png`);
    }
    await page.close();
  });
});
