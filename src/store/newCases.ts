import { excerptOf } from '../clientExcerpt.js';
import { newCasesInputOnce } from './appendInput.js';
import { checkBatch, type AppendFailure, type NewCase } from './eventStore.js';

/**
 * Checks a call of `appendNewCases` before anything is written: each case as `append` checks a batch
 * at expectedSeq 0, at least one event each, no case id twice. Shared by every store so they refuse
 * the same calls the same way. @internal
 */
export function checkNewCases(cases: readonly NewCase[]): { readonly failure: AppendFailure; readonly entry: number } | undefined {
  if (!Array.isArray(cases)) {
    return { failure: { code: 'INVALID_APPEND', message: 'appendNewCases takes an array of new cases', caseId: '', index: 0 }, entry: 0 };
  }
  const seen = new Map<string, number>();
  for (let entry = 0; entry < cases.length; entry++) {
    const newCase = cases[entry] as NewCase | undefined;
    if (typeof newCase !== 'object' || newCase === null || !Array.isArray(newCase.events)) {
      const message = `new case ${entry} is not an object with a caseId and an array of events`;
      return { failure: { code: 'INVALID_APPEND', message, caseId: '', index: 0 }, entry };
    }
    const invalid = checkBatch(newCase.caseId, newCase.events, 0, newCase.projection);
    if (invalid) return { failure: invalid, entry };
    const { caseId } = newCase;
    if (newCase.events.length === 0) {
      const message = `new case ${entry} ('${excerptOf(caseId)}') has no events: a new case starts with its first event`;
      return { failure: { code: 'INVALID_APPEND', message, caseId, index: 0 }, entry };
    }
    const earlier = seen.get(caseId);
    if (earlier !== undefined) {
      const message = `new cases ${earlier} and ${entry} have the same case id '${excerptOf(caseId)}'`;
      return { failure: { code: 'INVALID_APPEND', message, caseId, index: 0 }, entry };
    }
    seen.set(caseId, entry);
  }
  return undefined;
}

/**
 * A call of `appendNewCases` read once into plain copies (see appendInput.ts) and checked: the
 * copies every store then writes, or the failure naming the entry at fault. @internal
 */
export function readNewCases(
  cases: unknown,
): { readonly cases: readonly NewCase[] } | { readonly failure: AppendFailure; readonly entry: number } {
  const input = newCasesInputOnce(cases);
  if ('failure' in input) return input;
  return checkNewCases(input.cases) ?? input;
}

/** The refusal of a new case the store holds already: the same words from every store. @internal */
export function caseTaken(caseId: string, actualSeq: number): AppendFailure {
  return {
    code: 'CONCURRENCY_CONFLICT',
    message: `case '${excerptOf(caseId)}' is at seq ${actualSeq}, not 0: the store holds it already`,
    caseId,
    expectedSeq: 0,
    actualSeq,
  };
}
