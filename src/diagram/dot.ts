import { renderMarkup, type MarkupNode } from './markup.js';

/**
 * A Graphviz DOT digraph as a tree. {@link renderDot} is the one place that quotes and escapes.
 *
 * @example
 * ```ts
 * const graph: DotGraph = { name: 'review-path', attributes: { graph: { rankdir: 'LR' } }, statements: [
 *   { kind: 'node', id: 'draft', attributes: { label: 'Draft' } },
 * ] };
 * ```
 */
export interface DotGraph {
  readonly name: string;
  readonly attributes: { readonly graph?: DotAttributes; readonly node?: DotAttributes; readonly edge?: DotAttributes };
  readonly statements: readonly DotStatement[];
}

/** A DOT attribute value: text (quoted and escaped), a number, or an HTML-like label. */
export type DotValue = string | number | { readonly html: MarkupNode };

/** Attributes in the order given; `undefined` values are left out. */
export type DotAttributes = Readonly<Record<string, DotValue | undefined>>;

/** A node, an edge, or a subgraph (a cluster when its id starts with `cluster`). */
export type DotStatement =
  | { readonly kind: 'node'; readonly id: string; readonly attributes: DotAttributes }
  | { readonly kind: 'edge'; readonly from: string; readonly to: string; readonly attributes: DotAttributes }
  | { readonly kind: 'subgraph'; readonly id: string; readonly attributes: DotAttributes; readonly statements: readonly DotStatement[] };

/** Quotes a DOT id or string. @internal */
export function quoteDot(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

function value(raw: DotValue): string {
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'string') return quoteDot(raw);
  return `<${renderMarkup(raw.html, { indent: false }).trimEnd()}>`;
}

function attributeList(attributes: DotAttributes): string {
  const parts = Object.entries(attributes)
    .filter((entry): entry is [string, DotValue] => entry[1] !== undefined)
    .map(([name, raw]) => `${name}=${value(raw)}`);
  return parts.length === 0 ? '' : ` [${parts.join(', ')}]`;
}

/**
 * Renders a DOT graph as text for Graphviz.
 *
 * @example
 * ```ts
 * renderDot({ name: 'g', attributes: {}, statements: [{ kind: 'edge', from: 'a', to: 'b', attributes: {} }] });
 * // 'digraph "g" {\n  "a" -> "b";\n}\n'
 * ```
 */
export function renderDot(graph: DotGraph): string {
  const lines = [`digraph ${quoteDot(graph.name)} {`];
  for (const kind of ['graph', 'node', 'edge'] as const) {
    const attributes = graph.attributes[kind];
    if (attributes) lines.push(`  ${kind}${attributeList(attributes)};`);
  }
  const write = (statements: readonly DotStatement[], depth: number): void => {
    const pad = '  '.repeat(depth);
    for (const statement of statements) {
      if (statement.kind === 'node') lines.push(`${pad}${quoteDot(statement.id)}${attributeList(statement.attributes)};`);
      else if (statement.kind === 'edge')
        lines.push(`${pad}${quoteDot(statement.from)} -> ${quoteDot(statement.to)}${attributeList(statement.attributes)};`);
      else {
        lines.push(`${pad}subgraph ${quoteDot(statement.id)} {`);
        for (const [name, raw] of Object.entries(statement.attributes)) if (raw !== undefined) lines.push(`${pad}  ${name}=${value(raw)};`);
        write(statement.statements, depth + 1);
        lines.push(`${pad}}`);
      }
    }
  };
  write(graph.statements, 1);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
