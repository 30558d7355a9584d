import { sharingProblem, type SharingMap } from '../store/consent.js';
import { UsageError } from './command.js';

/**
 * The `--sharing <scope>=<organisation>,…` option of `import` and `consents`: the host's map from a
 * path's consent scope to the partner organisation (openCaseStore's `sharing`), inline as codes are,
 * like `--organisation`. @internal
 */
export const sharingOption = { sharing: { type: 'string' } } as const;

/** The usage text of {@link sharingOption}. @internal */
export const sharingOptionUsage = '[--sharing <scope>=<organisation>,…]';

const pairsExpected = '--sharing must be <scope>=<organisation> pairs separated by commas, e.g. kela=kela,employmentServices=te-uusimaa';

/**
 * The map `--sharing` gives, checked at once: a value that is not scope=organisation codes is a
 * usage error naming the option and the reason, never the value (it may be anything a user typed).
 * Undefined when the option is not given.
 *
 * @internal
 */
export function sharingMapOf(values: { readonly sharing?: string }): SharingMap | undefined {
  const text = values.sharing;
  if (text === undefined) return undefined;
  const pairs = new Map<string, string>();
  for (const pair of text.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw new UsageError(pairsExpected);
    const [scope, organisation] = parts as [string, string];
    if (pairs.has(scope)) throw new UsageError('--sharing names a scope twice: give each scope one organisation');
    pairs.set(scope, organisation);
  }
  // Own properties whatever the scope is called (an assignment to `__proto__` would drop it).
  const map: SharingMap = Object.fromEntries(pairs);
  const problem = sharingProblem(map);
  if (problem !== undefined)
    throw new UsageError(
      problem.field === 'sharing' ? `--sharing: ${problem.expected}` : `--sharing: the organisation of a scope must be ${problem.expected}`,
    );
  return map;
}
