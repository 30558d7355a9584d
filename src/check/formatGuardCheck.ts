import type { AnyPathDefinition } from '../path/definition.js';
import { checkMessages } from './checkMessages.js';
import type { GuardCheck } from './checkGuards.js';
import { formatCounterexample, type FormatCheckOptions } from './formatPathCheck.js';
import { formatTrace } from './formatTrace.js';

/**
 * A guard check as a report in a path's labels: each guard, its kind, what removing it breaks
 * (with the shortest counterexample), and the guards that no rule justifies.
 *
 * @example
 * ```ts
 * console.log(formatGuardCheck(workabilityPath, checkGuards(workabilityPath), { lang: 'sv' }));
 * ```
 */
export function formatGuardCheck<D extends AnyPathDefinition>(
  definition: D,
  check: GuardCheck<D>,
  options: FormatCheckOptions = {},
): string {
  const lang = options.lang ?? 'en';
  const words = checkMessages[lang];
  const lines = [
    `${words.guardsTitle} — ${definition.title[lang]} (${check.path.id} v${check.path.version}), ${check.baseline.states} ${words.states}`,
  ];
  // Said first: a rule the path already breaks is no reason for any guard below.
  if (check.baseline.violatedRules.length > 0) lines.push(`  ✗ ${words.alreadyBroken(check.baseline.violatedRules.join(', '))}`);
  for (const guard of check.guards) {
    const label = (definition.labels.guards as Record<string, { [key: string]: string } | undefined>)[guard.guard]?.[lang] ?? guard.guard;
    const kind = guard.kind === 'gate' ? words.gate : words.routing;
    const verdict =
      guard.verdict === 'caught'
        ? `${words.caught} ${guard.brokenRules.map((counterexample) => counterexample.ruleId).join(', ')}`
        : guard.verdict === 'not-caught'
          ? // With a rule already broken, "a rule is missing?" would send the reader the wrong way.
            check.baseline.violatedRules.length > 0
            ? words.notCaughtWhileBroken
            : words.notCaught
          : guard.verdict === 'routes'
            ? words.routes
            : guard.verdict === 'dead'
              ? words.dead
              : guard.verdict === 'unused'
                ? words.unused
                : words.guardUndecided;
    lines.push(`  ${guard.verdict === 'caught' || guard.verdict === 'routes' ? '✓' : '✗'} ${guard.guard} (${kind}) — ${label}: ${verdict}`);
    for (const mutation of guard.mutations) {
      const brokenRules = mutation.brokenRules.length > 0 ? `; ✗ ${mutation.brokenRules.join(', ')}` : '';
      lines.push(
        `      ${words.always(mutation.value)}: ` +
          `${mutation.states} ${words.states}, ${mutation.transitions} ${words.transitions}${brokenRules}`,
      );
      // Where no rule breaks, show what changes: the shortest walk to the first difference.
      if (mutation.witness && mutation.brokenRules.length === 0) {
        lines.push(`        ${mutation.witness.change === 'added' ? words.nowPossible : words.noLongerPossible}:`);
        lines.push(...formatTrace(definition, mutation.witness.trace, lang).map((line) => `          ${line}`));
      }
    }
    for (const counterexample of guard.brokenRules) {
      lines.push(
        ...formatCounterexample(definition, counterexample, options)
          .split('\n')
          .map((line) => `      ${line}`),
      );
    }
  }
  const violatedBefore = new Set<string>(check.baseline.violatedRules);
  for (const gap of check.enforcementGaps) {
    const gapMessage = violatedBefore.has(gap.ruleId)
      ? words.enforcementGapBroken(gap.guard, gap.ruleId)
      : words.enforcementGap(gap.guard, gap.ruleId);
    lines.push(`  ✗ ${gapMessage}`);
  }
  const unjustified = check.guards.filter((guard) => guard.verdict !== 'caught' && guard.verdict !== 'routes').length;
  lines.push(check.justified ? words.allJustified : words.notJustified(unjustified, check.enforcementGaps.length));
  return lines.join('\n');
}
