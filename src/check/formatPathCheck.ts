import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { formatSource } from '../path/source.js';
import { checkMessages } from './checkMessages.js';
import { formatTrace, stateLabel } from './formatTrace.js';
import type { Counterexample, PathCheck, StateFinding } from './pathCheck.js';

/** Options of {@link formatPathCheck} and {@link formatCounterexample}. */
export interface FormatCheckOptions {
  /** The language of the path's labels and of the report's words. Default `en`. */
  readonly lang?: Language;
}

function indent(lines: readonly string[], by: string): string[] {
  return lines.map((line) => `${by}${line}`);
}

/**
 * A counterexample as a person reads it: the rule it breaks, with its source, and each input in the
 * path's labels, the state before and after, and the step that breaks the rule marked.
 *
 * @example
 * ```ts
 * const broken = check.rules.find((verdict) => verdict.verdict === 'violated');
 * if (broken?.counterexample) console.log(formatCounterexample(path, broken.counterexample, { lang: 'fi' }));
 * ```
 */
export function formatCounterexample<D extends AnyPathDefinition>(
  definition: D,
  counterexample: Counterexample<D>,
  options: FormatCheckOptions = {},
): string {
  const lang = options.lang ?? 'en';
  const words = checkMessages[lang];
  const rule = definition.rules.find((candidate) => candidate.id === counterexample.ruleId);
  const title = `${words.counterexample} (${words.inputs(counterexample.inputs.length)})`;
  const head = rule
    ? `${title} — ${rule.id}: ${rule.sentence[lang]} (${formatSource(rule.source)})`
    : `${title} — ${counterexample.ruleId}`;
  return [head, ...indent(formatTrace(definition, counterexample, lang, words.breaksRule), '  ')].join('\n');
}

function findingLines<D extends AnyPathDefinition>(definition: D, title: string, finding: StateFinding<D>, lang: Language): string[] {
  const words = checkMessages[lang];
  if (finding.count === 0) return [`${title}: ${words.none}`];
  const lines = [`${title}: ${finding.count}`];
  for (const { state, trace } of finding.examples) {
    lines.push(`  ${stateLabel(definition, state.name, lang)} ${JSON.stringify(state.context)} — ${words.reachedBy}:`);
    lines.push(...indent(formatTrace(definition, trace, lang), '    '));
  }
  if (finding.count > finding.examples.length) lines.push(`  … ${finding.count - finding.examples.length} ${words.more}`);
  return lines;
}

function listLine(title: string, items: readonly string[], none: string): string {
  return `${title}: ${items.length === 0 ? none : items.join(', ')}`;
}

/**
 * A check's result as a report in a path's labels (Finnish, Swedish or English): the size of the
 * state space, every rule held or broken with the shortest counterexample, dead ends, states that
 * can never close, what is never reached, and the verdict. Formatting is apart from the data:
 * programs read {@link PathCheck}; people read this.
 *
 * @example
 * ```ts
 * console.log(formatPathCheck(workabilityPath, checkPath(workabilityPath), { lang: 'fi' }));
 * ```
 */
export function formatPathCheck<D extends AnyPathDefinition>(definition: D, check: PathCheck<D>, options: FormatCheckOptions = {}): string {
  const lang = options.lang ?? 'en';
  const words = checkMessages[lang];
  const lines = [
    `${definition.title[lang]} (${check.path.id} v${check.path.version}): ` +
      `${check.states} ${words.states}, ${check.transitions} ${words.transitions}, ` +
      `${words.depth} ${check.depth}, ${check.alphabet} ${words.inputsPerState}`,
  ];
  for (const verdict of check.rules) {
    const rule = definition.rules.find((candidate) => candidate.id === verdict.ruleId)!;
    const mark = verdict.verdict === 'held' ? '✓' : verdict.verdict === 'violated' ? '✗' : '?';
    lines.push(`  ${mark} ${rule.id} — ${rule.name[lang]}: ${rule.sentence[lang]} (${formatSource(rule.source)})`);
    if (verdict.verdict === 'violated') {
      lines.push(`      ${words.counterexample} (${words.inputs(verdict.counterexample.inputs.length)}):`);
      lines.push(...indent(formatTrace(definition, verdict.counterexample, lang, words.breaksRule), '        '));
    }
    if (verdict.verdict === 'undecided') lines.push(`      ${words.undecided}`);
  }
  if (check.complete) {
    lines.push(...indent(findingLines(definition, words.deadEnds, check.deadEnds, lang), '  '));
    lines.push(...indent(findingLines(definition, words.cannotFinish, check.cannotFinish, lang), '  '));
    lines.push(
      `  ${listLine(
        words.unreachedStates,
        check.unreachedStates.map((name) => stateLabel(definition, name, lang)),
        words.none,
      )}`,
    );
    lines.push(`  ${listLine(words.unreachedEvents, check.unreachedEvents, words.none)}`);
  } else {
    lines.push(`  ${words.stopped}: ${check.stop.code} — ${check.stop.message}`);
  }
  lines.push(`  ${listLine(words.unrecordableEvents, check.unrecordableEvents, words.none)}`);
  for (const warning of check.warnings) {
    lines.push(`  ! ${words.readsOpenField(`'${warning.name}'`, `${warning.eventType}.${warning.field}`)}`);
  }
  const broken = check.rules.filter((verdict) => verdict.verdict === 'violated').length;
  lines.push(check.proven ? words.proven : broken > 0 ? words.notProven(broken) : `${words.stopped}.`);
  return lines.join('\n');
}
