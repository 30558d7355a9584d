import type { GuardExpression } from './guardExpression.js';
import type { BpmnFlowCondition, BpmnNode } from './bpmnPlan.js';
import type { GraphAction } from './pathGraph.js';
import type { PortableLogic } from './portableLogic.js';

// The BPMN's process data: `state` (the case's leaf state, dotted), `context` (the machine's
// context) and `event` (the event a receive task was completed with, `{ type, payload }`), as
// process variables. A script engine runs each script
// in a scope of its own, so every script carries the code it calls.

function contextExpression(logic: PortableLogic): string {
  return `(environment.variables.context || ${logic.initialContext})`;
}

function guardCall(logic: PortableLogic, expression: GuardExpression): string {
  switch (expression.kind) {
    case 'guard': {
      const source = logic.guards.get(expression.name) ?? '() => false';
      const params = expression.params === undefined ? '' : `, ${JSON.stringify(expression.params)}`;
      return `Boolean((${source})(args${params}))`;
    }
    case 'not':
      return `!(${guardCall(logic, expression.item)})`;
    case 'and':
    case 'or':
      return expression.items.length === 0
        ? String(expression.kind === 'and')
        : expression.items.map((item) => `(${guardCall(logic, item)})`).join(expression.kind === 'and' ? ' && ' : ' || ');
  }
}

/**
 * The JavaScript condition of a flow: the guards of its transition hold and those of the
 * candidates before it do not (so that conditions exclude each other, as XState's first-wins
 * order does), or the case's outcome is the flow's.
 *
 * @internal
 */
export function conditionScript(logic: PortableLogic, condition: BpmnFlowCondition): string {
  if (condition.kind === 'state') return `next(null, environment.variables.state === ${JSON.stringify(condition.state)});`;
  if (condition.kind === 'outcome') {
    const value = stateValueOf(condition.finalState);
    const outcome = `(${logic.outcomeOf})({ value: ${JSON.stringify(value)}, context: ${contextExpression(logic)} })`;
    return `next(null, ${outcome} === ${JSON.stringify(condition.outcome)});`;
  }
  const parts = [guardCall(logic, condition.holds), ...condition.fails.map((fails) => `!(${guardCall(logic, fails)})`)];
  return `var args = { context: ${contextExpression(logic)}, event: environment.variables.event };\nnext(null, ${parts.join(' && ')});`;
}

/**
 * The JavaScript of a script task: the transition's context updates, in order, written back to
 * the process variable `context`.
 *
 * @internal
 */
export function updateScript(logic: PortableLogic, actions: readonly GraphAction[]): string {
  const lines = [`var context = ${contextExpression(logic)};`];
  for (const action of actions) {
    const source = logic.actionSource(action);
    if (source === undefined) continue;
    const params = action.params === undefined ? '' : `, ${JSON.stringify(action.params)}`;
    lines.push(`context = Object.assign({}, context, (${source})({ context: context, event: environment.variables.event }${params}));`);
  }
  lines.push('environment.variables.context = context;', 'next();');
  return lines.join('\n');
}

/**
 * The JavaScript of a script task for history states: note, for each parent with a history state,
 * where the case is in it (`remember`), or put the remembered state, entered down to a leaf, in
 * the process variable `state` (`recall`).
 *
 * @internal
 */
export function historyScript(history: NonNullable<BpmnNode['history']>): string {
  if (history.kind === 'remember') {
    return [
      `var kinds = ${JSON.stringify(history.parents)};`,
      'var state = environment.variables.state;',
      'var parts = state.split(".");',
      'var history = Object.assign({}, environment.variables.history || {});',
      'for (var i = 1; i < parts.length; i++) {',
      '  var parent = parts.slice(0, i).join(".");',
      '  if (kinds[parent]) history[parent] = kinds[parent] === "deep" ? state : parts.slice(0, i + 1).join(".");',
      '}',
      'environment.variables.history = history;',
      'next();',
    ].join('\n');
  }
  return [
    `var entries = ${JSON.stringify(history.entries)};`,
    `var remembered = (environment.variables.history || {})[${JSON.stringify(history.state.parent ?? '')}] || ` +
      `${JSON.stringify(history.state.historyDefault ?? '')};`,
    'environment.variables.state = entries[remembered] || remembered;',
    'next();',
  ].join('\n');
}

/** The state value of a dotted state path: `closed` → 'closed', `a.b` → { a: 'b' }. */
function stateValueOf(path: string): unknown {
  const [head, ...rest] = path.split('.');
  return rest.length === 0 ? head : { [head!]: stateValueOf(rest.join('.')) };
}
