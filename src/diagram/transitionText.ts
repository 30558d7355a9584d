import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { wordIn } from './diagramWords.js';
import { describeGuard } from './guardExpression.js';
import type { GraphTransition } from './pathGraph.js';

/**
 * What a diagram writes on a transition: the event's label and, when it is guarded or taken only
 * when its guarded siblings do not hold, the readable condition.
 *
 * @internal
 */
export interface TransitionText {
  readonly event: string;
  readonly condition: string | undefined;
}

/** @internal */
export function transitionTextOf(definition: AnyPathDefinition, transition: GraphTransition, lang: Language): TransitionText {
  const event = definition.labels.events[transition.event]?.[lang] ?? transition.event;
  if (transition.guard) return { event, condition: describeGuard(definition, transition.guard, lang) };
  if (transition.otherwise) return { event, condition: wordIn('otherwise', lang) };
  return { event, condition: undefined };
}

/** `Event [condition]`, the one-line form. @internal */
export function transitionLine(text: TransitionText): string {
  return text.condition === undefined ? text.event : `${text.event} [${text.condition}]`;
}
