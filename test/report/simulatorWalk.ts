import { openCase, type AnyPathDefinition } from 'kykypolku';
import type { SimulatorAnswer, SimulatorTable } from '../../src/report/simulatorTable.js';
import { simulatorAnswer } from '../../src/report/simulatorTable.js';

/**
 * The seed of a run's random walks: `KYKYPOLKU_SEED` to replay one, else a fresh one; printed so a
 * failure can be replayed (`KYKYPOLKU_SEED=<seed> npx vitest run <file>`).
 */
export function walkSeed(name: string): number {
  const fromEnvironment = process.env.KYKYPOLKU_SEED;
  // Tests may read the clock; the library never does. A fresh seed each run widens the search.
  const seed = fromEnvironment !== undefined ? Number(fromEnvironment) : Date.now() % 2_147_483_647;
  process.stdout.write(`[walk] ${name}: seed ${seed} (replay: KYKYPOLKU_SEED=${seed} npx vitest run <this file>)\n`);
  return seed;
}

/** A small seeded generator (mulberry32): the same seed gives the same walk. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The next input of a walk in `state`: mostly one the table answers other than "not allowed"
 * (so walks go deep and meet rules), sometimes any input at all (so refusals are tried too).
 */
export function chooseEntry(table: SimulatorTable, state: number, random: () => number): number {
  const listed = table.steps[state]!.filter((_, at) => at % 2 === 0);
  if (listed.length > 0 && random() < 0.75) return listed[Math.floor(random() * listed.length)]!;
  return Math.floor(random() * table.entries.length);
}

/** `record`'s verdict, in the simulator's terms, with the case's state after it. */
export type RecordVerdict =
  | { readonly kind: 'accepted'; readonly value: string }
  | { readonly kind: 'refused'; readonly code: string; readonly ruleId?: string };

/** A case the walk records into, as a host would: one event a minute, by a role that may record it. */
export function walkCase(definition: AnyPathDefinition, caseId: string) {
  const caseRef = openCase(definition, { caseId });
  let minute = 0;
  return {
    caseRef,
    record(table: SimulatorTable, entry: number, describe: (value: unknown) => string): RecordVerdict {
      const input = table.entries[entry]!;
      minute += 1;
      const at = new Date(Date.UTC(2025, 0, 6, 8, minute)).toISOString();
      const outcome = (
        caseRef as unknown as { record(input: unknown): { ok: boolean; rejection?: { code: string; ruleId?: string } } }
      ).record({ type: input.type, at, actor: { role: input.role, id: 'walker' }, payload: input.payload });
      if (outcome.ok) return { kind: 'accepted', value: describe(caseRef.state.value) };
      const rejection = outcome.rejection!;
      return rejection.ruleId === undefined
        ? { kind: 'refused', code: rejection.code }
        : { kind: 'refused', code: rejection.code, ruleId: rejection.ruleId };
    },
  };
}

/** The simulator's answer as a {@link RecordVerdict}, to compare with `record`'s. */
export function tableVerdict(table: SimulatorTable, answer: SimulatorAnswer): RecordVerdict {
  if (answer.kind === 'accepted') return { kind: 'accepted', value: table.values[table.states[answer.to]!]!.name };
  return answer.ruleId === undefined
    ? { kind: 'refused', code: answer.code }
    : { kind: 'refused', code: answer.code, ruleId: answer.ruleId };
}

export { simulatorAnswer };
