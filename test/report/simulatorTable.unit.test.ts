import { describe, expect, it } from 'vitest';
import { builtInPaths } from 'kykypolku/paths';
import { exploreOptionsOf } from '../../src/check/checkPath.js';
import { exploreStates } from '../../src/check/exploreStates.js';
import { describeStateValue } from '../../src/machine/stateNodes.js';
import { simulatorTableOf } from '../../src/report/simulatorTable.js';
import { chooseEntry, seededRandom, simulatorAnswer, tableVerdict, walkCase, walkSeed } from './simulatorWalk.js';

const describeValue = (value: unknown) => describeStateValue(value as Parameters<typeof describeStateValue>[0]);

describe('the report simulator’s table', () => {
  const seed = walkSeed('simulator table against record');

  it.each(builtInPaths.map((path) => [path.id, path] as const))(
    'answers every step of seeded random walks of %s exactly as record does',
    (id, definition) => {
      const exploration = exploreStates(definition, exploreOptionsOf({}));
      const table = simulatorTableOf(exploration)!;
      expect(table).toBeDefined();
      const random = seededRandom(seed ^ [...id].reduce((hash, char) => Math.imul(hash, 31) + char.charCodeAt(0), 7));
      const codes = new Set<string>();
      for (let walk = 0; walk < 40; walk++) {
        const { caseRef, record } = walkCase(definition, `walk-${walk}`);
        let state = 0;
        for (let step = 0; step < 80; step++) {
          const entry = chooseEntry(table, state, random);
          const answer = simulatorAnswer(table, state, entry);
          const verdict = record(table, entry, describeValue);
          const where = `seed ${seed}, walk ${walk}, step ${step}, ${table.entries[entry]!.type} ${JSON.stringify(table.entries[entry]!.payload)}`;
          expect(tableVerdict(table, answer), where).toEqual(verdict);
          codes.add(answer.kind === 'accepted' ? 'accepted' : answer.code);
          if (answer.kind === 'accepted') {
            state = answer.to;
            // The same situation, not only the same state name: the context the engine holds too.
            expect(caseRef.state.context, where).toEqual(exploration.snapshots[state]!.context);
          }
          if (answer.kind === 'refused' && answer.code === 'CASE_CLOSED') break;
        }
      }
      process.stdout.write(`${id}: ${[...codes].join(' ')}\n`);
      expect(codes).toContain('accepted');
      expect(codes).toContain('NOT_ALLOWED_IN_STATE');
    },
  );

  it('lists every reachable state and answers each input only where it is not a plain refusal', () => {
    for (const definition of builtInPaths) {
      const exploration = exploreStates(definition, exploreOptionsOf({}));
      const table = simulatorTableOf(exploration)!;
      expect(table.states).toHaveLength(exploration.snapshots.length);
      const accepted = table.steps.flatMap((pairs) => pairs.filter((answer, at) => at % 2 === 1 && answer >= 0));
      expect(accepted).toHaveLength(exploration.transitions);
    }
  });

  it('is not built from a stopped exploration, whose states are not all known', () => {
    const [definition] = builtInPaths;
    expect(simulatorTableOf(exploreStates(definition, exploreOptionsOf({ maxStates: 3 })))).toBeUndefined();
  });
});
