import type { PromelaExpr, PromelaModel, PromelaStatement } from './promelaModel.js';

function comment(text: string): string {
  // The one place that escapes: a comment cannot contain its own terminator.
  return `/* ${text.replaceAll('*/', '* /')} */`;
}

function expression(expr: PromelaExpr): string {
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'name':
      return expr.name;
    case 'equals':
      return `${expression(expr.left)} == ${expression(expr.right)}`;
    case 'not':
      return `!(${expression(expr.operand)})`;
    case 'and':
    case 'or':
      if (expr.operands.length === 0) return expr.kind === 'and' ? '1' : '0';
      return expr.operands.map((operand) => `(${expression(operand)})`).join(expr.kind === 'and' ? ' && ' : ' || ');
    case 'choose':
      return `(${expression(expr.test)} -> ${expression(expr.then)} : ${expression(expr.otherwise)})`;
  }
}

function statements(list: readonly PromelaStatement[], indent: string): string[] {
  // Promela takes a `;` after the last statement of a sequence too, so every one gets one.
  const lines: string[] = [];
  for (const statement of list) {
    switch (statement.kind) {
      case 'assign':
        lines.push(`${indent}${statement.name} = ${expression(statement.value)};`);
        break;
      case 'printf':
        lines.push(`${indent}printf("${statement.text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}\\n");`);
        break;
      case 'assert':
        lines.push(`${indent}assert(${expression(statement.condition)});`);
        break;
      case 'comment':
        lines.push(`${indent}${comment(statement.text)}`);
        break;
      case 'if':
        lines.push(`${indent}if`);
        for (const option of statement.options) {
          const guard = option.guard === 'else' ? 'else' : `(${expression(option.guard)})`;
          const body = option.body.length === 0 ? [`${indent}   skip;`] : statements(option.body, `${indent}   `);
          lines.push(`${indent}:: ${guard} ->`, ...body);
        }
        lines.push(`${indent}fi;`);
        break;
    }
  }
  return lines;
}

/**
 * Writes a Promela model as text: the header as comments, `#define`s, global variables with
 * their initial values, and one process whose loop takes one atomic step per iteration. The
 * loop head is labelled `end`: a machine in a final state takes no more events, which is a valid
 * end, not a deadlock.
 *
 * @internal
 */
export function serializePromela(model: PromelaModel): string {
  const lines: string[] = model.header.map(comment);
  lines.push('');
  for (const define of model.defines)
    lines.push(`#define ${define.name} ${define.value}${define.comment ? ` ${comment(define.comment)}` : ''}`);
  lines.push('');
  for (const variable of model.variables) {
    lines.push(`${variable.type} ${variable.name} = ${variable.initial};${variable.comment ? ` ${comment(variable.comment)}` : ''}`);
  }
  lines.push('', 'active proctype path() {', 'end:', '  do', '  :: atomic {', '       if');
  for (const input of model.inputs) {
    const [first, ...rest] = statements(input, '          ');
    lines.push(`       :: ${first!.trimStart()}`, ...rest);
  }
  lines.push('       fi;');
  lines.push(...statements(model.step, '       '));
  lines.push('     }', '  od', '}', '');
  return lines.join('\n');
}
