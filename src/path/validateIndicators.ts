import type { AnyPathDefinition } from './definition.js';
import { PathDefinitionError } from './definitionError.js';
import type { EventMatch, PathIndicator } from './indicator.js';
import { languages, type Label } from './label.js';

// The indicator declarations become SQL: ids, field names and keys are checked to be plain names
// here, once, so that the statement builder may write them into the text (values go as parameters).
const indicatorIdPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const fieldNamePattern = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

/**
 * Checks a path's indicators: unique ids, labels in every language, a cited source, event types
 * the path has, plain field names, and what each kind needs. Throws a {@link PathDefinitionError}.
 *
 * @internal
 */
export function validateIndicators(spec: AnyPathDefinition): void {
  const ids = new Set<string>();
  for (const indicator of spec.indicators ?? []) {
    const fail = (message: string): never => {
      throw new PathDefinitionError(spec.id, `indicator '${String(indicator.id)}' ${message}`);
    };
    if (typeof indicator.id !== 'string' || !indicatorIdPattern.test(indicator.id)) fail('id must be lowercase words joined by dashes');
    if (ids.has(indicator.id)) fail('is declared twice');
    ids.add(indicator.id);
    for (const [what, label] of [
      ['name', indicator.name],
      ['definition', indicator.definition],
    ] as const) {
      if (!hasEveryLanguage(label)) fail(`has no ${what} in every language (${languages.join(', ')})`);
    }
    if (!indicator.source?.seed || !indicator.source.lines) fail('has no source (seed file and lines)');
    if (!spec.sources.some((source) => source.seed === indicator.source.seed)) {
      fail(`cites '${indicator.source.seed}', which is not among the path's sources`);
    }
    const checkMatch = (where: string, match: EventMatch | undefined): void => {
      if (match === undefined) return;
      if (!Object.hasOwn(spec.events, match.type)) fail(`${where} names unknown event type '${String(match.type)}'`);
      if (match.where !== undefined) {
        if (!fieldNamePattern.test(match.where.field)) fail(`${where} matches on field '${match.where.field}', not a plain name`);
        if (match.where.equals.length === 0) fail(`${where} matches on no values`);
      }
    };
    if (indicator.period.by === 'event') checkMatch('period', indicator.period.event);
    checkKind(indicator, checkMatch, fail);
  }
}

function checkKind(
  indicator: PathIndicator,
  checkMatch: (where: string, match: EventMatch | undefined) => void,
  fail: (message: string) => never,
): void {
  switch (indicator.kind) {
    case 'share': {
      checkMatch('denominator', indicator.denominator);
      checkMatch('numerator', indicator.numerator);
      const months = indicator.numerator.withinMonths;
      if (months !== undefined && (!Number.isInteger(months) || months < 1 || months > 120)) {
        fail('numerator.withinMonths must be a whole number of months from 1 to 120');
      }
      return;
    }
    case 'distribution':
      if (indicator.categories.length === 0) fail('has no categories');
      for (const [index, source] of indicator.categories.entries()) {
        checkMatch(`category ${index + 1}`, source.event);
        if (source.field !== undefined && !fieldNamePattern.test(source.field))
          fail(`category ${index + 1} reads a field that is not a plain name`);
        if (source.field === undefined && (typeof source.category !== 'string' || source.category === '')) {
          fail(`category ${index + 1} needs a field or a category`);
        }
      }
      return;
    case 'change':
      checkMatch('from', indicator.from);
      checkMatch('to', indicator.to);
      if (!fieldNamePattern.test(indicator.scores.field)) fail('scores.field is not a plain name');
      if (indicator.scores.keys.length === 0) fail('has no score keys');
      for (const key of indicator.scores.keys) if (!fieldNamePattern.test(key)) fail(`score key '${key}' is not a plain name`);
      return;
    default:
      fail(`has unknown kind '${String((indicator as { kind: unknown }).kind)}'`);
  }
}

function hasEveryLanguage(label: Label | undefined): boolean {
  return label !== undefined && languages.every((language) => typeof label[language] === 'string' && label[language].trim() !== '');
}
