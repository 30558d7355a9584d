import { excerptOf } from '../clientExcerpt.js';
import { describeFieldPath } from './fieldPath.js';
import type { EventIssue } from './rejection.js';

/** The most unknown keys one issue names; the message counts the rest. */
const namedKeys = 5;
/** The most issues a message lists; the rest are counted. */
const listedIssues = 5;
/** A message of a path's own check (a `refine`) is the author's text, but it is cut all the same. */
const issueMessageLength = 200;

/**
 * zod's issues, with what a client sent taken out: no `input` (zod reports it when asked, and a
 * check of our own might), at most {@link namedKeys} unknown keys, each as an excerpt, and every
 * message bounded. Everything else (`code`, `path`, the bounds, the allowed values) is zod's, so a
 * host still learns which field is wrong and why, without the value echoed back into its logs.
 *
 * @internal
 */
export function clientSafeIssues(issues: readonly EventIssue[]): EventIssue[] {
  return issues.map(clientSafeIssue);
}

function clientSafeIssue(issue: EventIssue): EventIssue {
  const { input: _input, ...rest } = issue as EventIssue & { input?: unknown };
  switch (rest.code) {
    case 'unrecognized_keys': {
      const keys = rest.keys.slice(0, namedKeys).map((key) => excerptOf(key));
      const more = rest.keys.length - keys.length;
      const quotedKeys = keys.map((key) => `"${key}"`).join(', ');
      const andMore = more > 0 ? ` and ${more} more` : '';
      const message = `Unrecognized key${rest.keys.length === 1 ? '' : 's'}: ${quotedKeys}${andMore}`;
      return { ...rest, keys, message };
    }
    case 'invalid_union':
      return { ...rest, errors: rest.errors.map(clientSafeIssues), message: excerptOf(rest.message, issueMessageLength) } as EventIssue;
    case 'invalid_key':
    case 'invalid_element':
      return { ...rest, issues: clientSafeIssues(rest.issues), message: excerptOf(rest.message, issueMessageLength) } as EventIssue;
    default:
      return { ...rest, message: excerptOf(rest.message, issueMessageLength) } as EventIssue;
  }
}

/**
 * One line for a message from issues already made client-safe: `field: problem; …`, the first
 * {@link listedIssues} of them and a count of the rest.
 *
 * @internal
 */
export function describeIssues(issues: readonly EventIssue[]): string {
  const listed = issues.slice(0, listedIssues).map((issue) => `${describeFieldPath(issue.path)}: ${issue.message}`);
  const more = issues.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}
