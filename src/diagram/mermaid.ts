/**
 * A Mermaid `stateDiagram-v2` as a tree. {@link renderMermaid} is the one place that escapes
 * labels and indents.
 *
 * @example
 * ```ts
 * const diagram: MermaidStateDiagram = { statements: [
 *   { kind: 'state', id: 'opened', label: 'Avattu', body: [] },
 *   { kind: 'transition', from: '[*]', to: 'opened' },
 * ] };
 * ```
 */
export interface MermaidStateDiagram {
  readonly statements: readonly MermaidStatement[];
}

/** One line (or block) of a state diagram. */
export type MermaidStatement =
  /** A state with a label; a composite state when `body` has statements. */
  | { readonly kind: 'state'; readonly id: string; readonly label: string; readonly body: readonly MermaidStatement[] }
  /** A line of text inside a state's box (`id : text`). */
  | { readonly kind: 'description'; readonly id: string; readonly text: string }
  /** An arrow; `[*]` is the start (as `from`) or the end (as `to`). */
  | { readonly kind: 'transition'; readonly from: string; readonly to: string; readonly label?: string }
  /** `--`: the separator between regions of a parallel state. */
  | { readonly kind: 'regionSeparator' };

/** Characters Mermaid reads as syntax inside labels, written as its `#code;` entities. */
const entities: Readonly<Record<string, string>> = {
  '#': '#35;',
  ';': '#59;',
  ':': '#58;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '{': '#123;',
  '}': '#125;',
  '%': '#37;',
};

/** Escapes a label for Mermaid: entities for syntax characters, one line. @internal */
export function escapeMermaidLabel(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[#;:"<>{}%]/g, (character) => entities[character]!);
}

/** A state id Mermaid accepts, from a dotted state path. @internal */
export function mermaidIdOf(statePath: string): string {
  const id = statePath.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(id) ? id : `s_${id}`;
}

/**
 * Renders a state diagram as Mermaid source.
 *
 * @example
 * ```ts
 * renderMermaid({ statements: [{ kind: 'transition', from: '[*]', to: 'opened' }] });
 * // 'stateDiagram-v2\n  [*] --> opened\n'
 * ```
 */
export function renderMermaid(diagram: MermaidStateDiagram): string {
  const lines = ['stateDiagram-v2'];
  const write = (statements: readonly MermaidStatement[], depth: number): void => {
    const pad = '  '.repeat(depth);
    for (const statement of statements) {
      switch (statement.kind) {
        case 'state':
          if (statement.body.length === 0) {
            lines.push(`${pad}state "${escapeMermaidLabel(statement.label)}" as ${statement.id}`);
          } else {
            lines.push(`${pad}state "${escapeMermaidLabel(statement.label)}" as ${statement.id} {`);
            write(statement.body, depth + 1);
            lines.push(`${pad}}`);
          }
          break;
        case 'description':
          lines.push(`${pad}${statement.id} : ${escapeMermaidLabel(statement.text)}`);
          break;
        case 'transition':
          lines.push(
            `${pad}${statement.from} --> ${statement.to}` +
              (statement.label === undefined ? '' : ` : ${escapeMermaidLabel(statement.label)}`),
          );
          break;
        case 'regionSeparator':
          lines.push(`${pad}--`);
          break;
      }
    }
  };
  write(diagram.statements, 1);
  return `${lines.join('\n')}\n`;
}
