import type { AnyPathDefinition, AnyPathRule } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { wordIn } from './diagramWords.js';

/**
 * A transition's guard as a tree: named guards combined with `and`, `or` and `not`, as the
 * machine declares them with XState's higher-order guards.
 *
 * @example
 * ```ts
 * const guard: GuardExpression = { kind: 'and', items: [
 *   { kind: 'guard', name: 'cameThroughNetworkMeeting' },
 *   { kind: 'guard', name: 'caseManagerAllowed' },
 * ] };
 * ```
 */
export type GuardExpression =
  | { readonly kind: 'guard'; readonly name: string; readonly params?: unknown }
  | { readonly kind: 'and' | 'or'; readonly items: readonly GuardExpression[] }
  | { readonly kind: 'not'; readonly item: GuardExpression };

interface HigherOrderGuard {
  readonly name: string;
  readonly guards: readonly unknown[];
  readonly check: unknown;
}

function isHigherOrderGuard(guard: unknown): guard is HigherOrderGuard {
  return typeof guard === 'function' && 'guards' in guard && 'check' in guard;
}

/**
 * Reads XState's guard of a transition into a {@link GuardExpression}; `undefined` when the
 * transition has no guard. XState's `and`, `or` and `not` are functions named after themselves
 * that carry their inner guards; `definePath` has already refused unnamed inline guards.
 *
 * @internal
 */
export function guardExpressionOf(guard: unknown): GuardExpression | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return { kind: 'guard', name: guard };
  if (isHigherOrderGuard(guard)) {
    const items = guard.guards.map((inner) => guardExpressionOf(inner)).filter((item) => item !== undefined);
    if (guard.name === 'not') {
      // xstate's not(a) is "none of", so not([a, b]) reads as not(a or b).
      const [only] = items;
      return { kind: 'not', item: items.length === 1 && only ? only : { kind: 'or', items } };
    }
    return { kind: guard.name === 'or' ? 'or' : 'and', items };
  }
  if (typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') {
    return 'params' in guard && guard.params !== undefined
      ? { kind: 'guard', name: guard.type, params: guard.params }
      : { kind: 'guard', name: guard.type };
  }
  return undefined;
}

/** Every named guard in an expression with its params, in order. @internal */
export function guardUsesOf(expression: GuardExpression | undefined): { readonly name: string; readonly params: unknown }[] {
  if (!expression) return [];
  if (expression.kind === 'guard') return [{ name: expression.name, params: expression.params }];
  if (expression.kind === 'not') return guardUsesOf(expression.item);
  return expression.items.flatMap(guardUsesOf);
}

/** The named guards of an expression, in order, each once. @internal */
export function guardNamesOf(expression: GuardExpression | undefined): string[] {
  return [...new Set(guardUsesOf(expression).map((use) => use.name))];
}

/** The rules that a guard enforces, in the definition's order. @internal */
export function rulesEnforcedBy(definition: AnyPathDefinition, guardName: string): AnyPathRule[] {
  return definition.rules.filter((rule) => rule.enforcedBy.includes(guardName));
}

/**
 * The readable condition of one named guard: its own label (`labels.guards`), which says when the
 * guard holds. Never the name of a rule the guard enforces: on an exception transition (an
 * administrative closure, an early close) the rule's name would say the opposite of what lets the
 * transition through.
 *
 * @internal
 */
export function guardConditionLabel(definition: AnyPathDefinition, guardName: string, lang: Language): string {
  return definition.labels.guards[guardName]?.[lang] ?? guardName;
}

/**
 * Whether a guard's label, as an operand of `and`, `or` or `not`, needs parentheses to be read as
 * one condition: it has a comma or a connective of its own ("ei asiakasvastaavaksi, jos …",
 * "suostumus tai anonyymi konsultaatio").
 */
function readsAsSeveral(label: string, lang: Language): boolean {
  const connectives = [wordIn('and', lang), wordIn('or', lang), wordIn('not', lang)].join('|');
  return label.includes(',') || new RegExp(`(^|\\s)(${connectives})(\\s|$)`, 'iu').test(label);
}

/**
 * A guard expression as one readable condition in a language, e.g. "alkoi verkostopalaverista ja
 * (ei asiakasvastaavaksi, jos asiakkaalla on sosiaalihuollon omatyöntekijä)": each named guard by
 * its own label, combined with the language's words for and, or and not, in parentheses wherever
 * an operand would otherwise read as more than one.
 *
 * @internal
 */
export function describeGuard(definition: AnyPathDefinition, expression: GuardExpression, lang: Language): string {
  const render = (node: GuardExpression, nested: boolean): string => {
    switch (node.kind) {
      case 'guard': {
        const label = guardConditionLabel(definition, node.name, lang);
        return nested && readsAsSeveral(label, lang) ? `(${label})` : label;
      }
      case 'not':
        return `${wordIn('not', lang)} ${render(node.item, true)}`;
      case 'and':
      case 'or': {
        if (node.items.length <= 1) return node.items[0] === undefined ? '' : render(node.items[0], nested);
        const text = node.items.map((item) => render(item, true)).join(` ${wordIn(node.kind, lang)} `);
        return nested ? `(${text})` : text;
      }
    }
  };
  return render(expression, false);
}
