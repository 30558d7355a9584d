import type { Language } from '../path/label.js';

/**
 * What an exporter returns: the text of the diagram, and sentences about anything it could not
 * show faithfully. A result can gain fields without breaking callers.
 *
 * @example
 * ```ts
 * const { text, warnings } = toMermaid(workabilityPath, { lang: 'fi' });
 * for (const warning of warnings) console.warn(warning);
 * ```
 */
export interface DiagramResult {
  readonly text: string;
  readonly warnings: readonly string[];
}

/**
 * Options every exporter takes.
 *
 * @example
 * ```ts
 * const options: DiagramOptions = { lang: 'sv' };
 * ```
 */
export interface DiagramOptions {
  /** The language of every label. Default `en`. */
  readonly lang?: Language;
}
