import type { AnyPathDefinition } from '../path/definition.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import { verbatim, type MarkupVerbatim } from './markup.js';
import { renderPathSvg } from './renderSvg.js';
import { pathDot, type toDot } from './toDot.js';

/**
 * The path as a standalone SVG state diagram: the {@link toDot} digraph laid out by Graphviz
 * (compiled to WebAssembly, bundled as a dependency; no program to install, no network). The same
 * picture as `dot -Tsvg` draws: states as rounded boxes with their in-state events listed inside,
 * compound states as boxes around their children, final states with a double border, transitions
 * as arrows labelled with the event and its readable condition. No fonts, scripts or styles from
 * outside: the report embeds it as it is. The same definition and language give the same bytes.
 *
 * @example
 * ```ts
 * import { toSvg } from 'kykypolku/diagram';
 * const { text } = await toSvg(workabilityPath, { lang: 'fi' });
 * ```
 */
export async function toSvg(definition: AnyPathDefinition, options: DiagramOptions = {}): Promise<DiagramResult> {
  const { warnings } = pathDot(definition, options, new Set());
  return { text: await renderPathSvg((besideArrow) => pathDot(definition, options, besideArrow).text), warnings };
}

/** The state diagram as a markup node, for documents that embed it (the report). @internal */
export async function stateDiagramSvg(
  definition: AnyPathDefinition,
  options: DiagramOptions = {},
): Promise<{ svg: MarkupVerbatim; warnings: readonly string[] }> {
  const { text, warnings } = await toSvg(definition, options);
  return { svg: verbatim(text.trimEnd()), warnings };
}
