import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { checkMessages } from '../check/checkMessages.js';
import { formatCounterexample } from '../check/formatPathCheck.js';
import type { PathCheck } from '../check/pathCheck.js';

/**
 * What the report shows of the model checker's verdict on a path, in the report's language. Make
 * one from `checkPath`'s result with {@link summarizePathCheck}, or from any other checker.
 *
 * @example
 * ```ts
 * const check: PathCheckSummary = {
 *   status: 'proved',
 *   states: 212,
 *   transitions: 1830,
 *   rules: [{ id: 'situation-mapped-before-doctor', verdict: 'held' }],
 *   findings: ['Dead ends (open states that accept no event): none'],
 * };
 * ```
 */
export interface PathCheckSummary {
  /** `proved`: every rule holds in every reachable state; `violated`: some rule does not; `incomplete`: a budget ran out. */
  readonly status: 'proved' | 'violated' | 'incomplete';
  /** Reachable states explored. */
  readonly states: number;
  /** Transitions explored. */
  readonly transitions: number;
  /** Every rule of the path: its verdict, and for a violation the shortest counterexample as readable lines. */
  readonly rules: readonly {
    readonly id: string;
    readonly verdict: 'held' | 'violated' | 'undecided';
    readonly counterexample?: readonly string[];
  }[];
  /** Other findings as sentences: dead ends, states that cannot finish, states and events never reached. */
  readonly findings: readonly string[];
}

/**
 * The report's summary of a `checkPath` result, in one language: the verdict, the counts, each
 * rule's verdict with its counterexample printed in the path's labels, and the other findings.
 *
 * @example
 * ```ts
 * import { checkPath } from 'kykypolku';
 * import { buildReport, summarizePathCheck } from 'kykypolku/diagram';
 * const check = summarizePathCheck(workabilityPath, checkPath(workabilityPath), 'fi');
 * await buildReport([{ definition: workabilityPath, check }], { lang: 'fi' });
 * ```
 */
export function summarizePathCheck<D extends AnyPathDefinition>(
  definition: D,
  check: PathCheck<D>,
  lang: Language = 'en',
): PathCheckSummary {
  const words = checkMessages[lang];
  const list = (items: readonly string[]) => (items.length === 0 ? words.none : items.join(', '));
  const findings = check.complete
    ? [
        `${words.deadEnds}: ${check.deadEnds.count === 0 ? words.none : check.deadEnds.count}`,
        `${words.cannotFinish}: ${check.cannotFinish.count === 0 ? words.none : check.cannotFinish.count}`,
        `${words.unreachedStates}: ${list(check.unreachedStates)}`,
        `${words.unreachedEvents}: ${list(check.unreachedEvents)}`,
        `${words.unrecordableEvents}: ${list(check.unrecordableEvents)}`,
      ]
    : [`${words.stopped}: ${check.stop.message}`];
  return {
    status: !check.complete ? 'incomplete' : check.proven ? 'proved' : 'violated',
    states: check.states,
    transitions: check.transitions,
    rules: check.rules.map((rule) =>
      rule.verdict === 'violated'
        ? {
            id: rule.ruleId,
            verdict: 'violated',
            counterexample: formatCounterexample(definition, rule.counterexample, { lang }).split('\n'),
          }
        : { id: rule.ruleId, verdict: rule.verdict },
    ),
    findings: [...findings, ...check.warnings.map((warning) => warning.message)],
  };
}
