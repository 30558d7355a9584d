import type { AnyPathDefinition } from '../path/definition.js';
import { languages, type Language } from '../path/label.js';
import { codeSpan, renderMarkdown, type MarkdownBlock } from './markdown.js';
import { describePathTable, pathTableBlocks } from './pathTable.js';
import { toMermaid } from './toMermaid.js';

const languageNames: Readonly<Record<Language, string>> = { fi: 'suomeksi', sv: 'på svenska', en: 'in English' };

/** The Mermaid diagrams of a path in every language, as Markdown blocks. @internal */
export function diagramBlocks(definition: AnyPathDefinition, level: 2 | 3): MarkdownBlock[] {
  return languages.flatMap((lang): MarkdownBlock[] => [
    { kind: 'heading', level, text: `${definition.title[lang]} (${languageNames[lang]})` },
    { kind: 'code', language: 'mermaid', text: toMermaid(definition, { lang }).text },
  ]);
}

/**
 * A path's reference page in Markdown: its Mermaid state diagram in Finnish, Swedish and English
 * (GitHub and most Markdown viewers draw it) and its path table. The text comes from the
 * definition alone: no dates, no absolute paths, the same bytes every time.
 *
 * @example
 * ```ts
 * import { toPathDocument } from 'kykypolku/diagram';
 * await writeFile(`docs/paths/${workabilityPath.id}.md`, toPathDocument(workabilityPath));
 * ```
 */
export function toPathDocument(definition: AnyPathDefinition, options: { readonly lang?: Language } = {}): string {
  const lang = options.lang ?? 'en';
  const table = describePathTable(definition, { lang });
  const sources = definition.sources.map((source) => `${source.id} ${codeSpan(source.seed)} (${source.title})`).join('; ');
  const formats = 'mermaid|dot|bpmn-map|bpmn-executable|scxml|svg|table|table-json';
  return renderMarkdown([
    { kind: 'raw', text: '<!-- Generated from the path definition by `npm run docs`; edit the definition, not this file. -->' },
    { kind: 'heading', level: 1, text: `${table.path.title} (${codeSpan(definition.id)} v${definition.version})` },
    {
      kind: 'paragraph',
      text: `Sources: ${sources}. Other formats: \`kykypolku diagram ${definition.id} --format ${formats} [--lang fi|sv|en]\`.`,
    },
    ...serviceTaskBlocks(definition, lang),
    { kind: 'heading', level: 2, text: 'Diagram' },
    {
      kind: 'paragraph',
      text:
        'States are boxes; ↻ lines inside a state are in-state events (the state does not change); ' +
        'a condition in brackets is the guard, in its own words: when it holds, the transition is taken.',
    },
    ...diagramBlocks(definition, 3),
    ...pathTableBlocks(table, 2),
  ]);
}

/** What the path says of its social-care service task, and whose its code is. */
function serviceTaskBlocks(definition: AnyPathDefinition, lang: Language): MarkdownBlock[] {
  const task = definition.serviceTask;
  if (!task) return [];
  const source = task.source ? `, after ${codeSpan(`${task.source.seed}:${task.source.lines}`)}` : '';
  const code = task.coding
    ? `Code: ${codeSpan(task.coding.code)} in ${codeSpan(task.coding.system)}.`
    : 'Code: supplied by the host (`withServiceTask`).';
  return [{ kind: 'paragraph', text: `Social-care service task (palvelutehtävä)${source}: ${task.note[lang]} ${code}` }];
}

/** The markers around a generated section in a handwritten file. @internal */
export function generatedSectionMarkers(name: string): { readonly start: string; readonly end: string } {
  return {
    start: `<!-- generated:${name}:start — written by \`npm run docs\`; edit the path definition, not this section -->`,
    end: `<!-- generated:${name}:end -->`,
  };
}

/**
 * Puts a generated section into a handwritten Markdown file between its markers, keeping the
 * handwritten text around it; a file without the markers gets the section appended at its end.
 *
 * @internal
 */
export function replaceGeneratedSection(text: string, name: string, section: string): string {
  const { start, end } = generatedSectionMarkers(name);
  const block = `${start}\n\n${section.trimEnd()}\n\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1 || to < from) return `${text.trimEnd()}\n\n${block}\n`;
  return `${text.slice(0, from)}${block}${text.slice(to + end.length)}`;
}

/** The generated diagram section of a path's README: the Mermaid diagrams in every language. @internal */
export function readmeDiagramSection(definition: AnyPathDefinition): string {
  return renderMarkdown([
    { kind: 'heading', level: 2, text: 'Diagram' },
    { kind: 'paragraph', text: `The full path table is in [docs/paths/${definition.id}.md](../../docs/paths/${definition.id}.md).` },
    ...diagramBlocks(definition, 3),
  ]);
}
