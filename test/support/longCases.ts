/**
 * Long cases recorded through the real engine, for tests at the stores' sizes (a 5 000-row read
 * page, 1 000-row VALUES batches, 2 000-event cases, 50 000-event stores). Lifestyle guidance is
 * the built-in path whose intensive phase takes any number of sessions (S1:232), so a case of any
 * length is one the rules accept, and validate and import replay it as they would a host's log.
 */
import { openCase, type RecordedEvent } from 'kykypolku';
import { lifestyleGuidancePath } from 'kykypolku/paths';

const coach = { role: 'lifestyleCoach', id: 'lc-1' } as const;
const channels = ['inPerson', 'video', 'phone', 'online'] as const;

/**
 * The history of one lifestyle-guidance case of exactly `length` events (at least 5): referred,
 * enrolled, a planning session, the plan, then sessions. Its instants are one minute apart from
 * `startMinute` minutes after 2024-01-01, so cases built with different starts interleave in time.
 */
export function longCase(caseId: string, length: number, startMinute = 0): RecordedEvent[] {
  if (length < 5) throw new Error('longCase: a case of at least 5 events');
  const caseRef = openCase(lifestyleGuidancePath, { caseId });
  let minute = startMinute;
  const at = () => new Date(Date.UTC(2024, 0, 1) + minute++ * 60_000).toISOString();
  const record = (input: Parameters<typeof caseRef.record>[0]) => {
    const outcome = caseRef.record(input);
    if (!outcome.ok) throw new Error(`longCase: ${outcome.rejection.code} ${outcome.rejection.message}`);
  };
  record({ type: 'REFERRED', at: at(), actor: { role: 'referrer', id: 'nurse-1' }, payload: { source: 'workAbilitySupportService' } });
  record({ type: 'ENROLLED', at: at(), actor: coach, payload: { mode: 'individual' } });
  record({ type: 'SESSION_HELD', at: at(), actor: coach, payload: { channel: 'inPerson' } });
  record({ type: 'PLAN_CREATED', at: at(), actor: coach });
  for (let n = 4; n < length; n++)
    record({ type: 'SESSION_HELD', at: at(), actor: coach, payload: { channel: channels[n % channels.length]! } });
  return [...caseRef.history];
}

/** `caseId#seq`: an event's place, for comparing long logs readably. */
export const keyOf = (event: RecordedEvent): string => `${event.caseId}#${event.seq}`;

/** Cases to append, each with the batch size it is appended in. */
export interface CasePlan {
  readonly history: readonly RecordedEvent[];
  readonly batch: number;
}

/**
 * 7 000 events, past one 5 000-row read page and across many 1 000-row batches: one case of 2 500
 * events (in batches of 1 250, so one batch goes as unnest arrays) and 45 cases of 100 (batches of
 * 25), ids prefixed so a test finds its own.
 */
export function pastOnePage(prefix: string): CasePlan[] {
  return [
    { history: longCase(`${prefix}-long`, 2500), batch: 1250 },
    ...Array.from({ length: 45 }, (_, n) => ({ history: longCase(`${prefix}-${String(n).padStart(2, '0')}`, 100, n * 7), batch: 25 })),
  ];
}

/**
 * Appends the cases' batches round-robin (a batch of each case in turn), so that append order is
 * neither case order nor seq order. Resolves to the events in the order they were appended.
 */
export async function appendInterleaved(
  store: { append(caseId: string, events: readonly RecordedEvent[], options: { expectedSeq: number }): Promise<{ ok: boolean }> },
  plans: readonly CasePlan[],
): Promise<{ appended: RecordedEvent[] }> {
  const appended: RecordedEvent[] = [];
  const next = plans.map(() => 0);
  for (let _round = 0; next.some((from, index) => from < plans[index]!.history.length); _round++) {
    for (const [index, plan] of plans.entries()) {
      const from = next[index]!;
      if (from >= plan.history.length) continue;
      const batch = plan.history.slice(from, from + plan.batch);
      const saved = await store.append(batch[0]!.caseId, batch, { expectedSeq: from });
      if (!saved.ok) throw new Error(`appendInterleaved: ${batch[0]!.caseId} at ${from}: ${JSON.stringify(saved)}`);
      next[index] = from + batch.length;
      appended.push(...batch);
    }
  }
  return { appended };
}

/**
 * How a log read back differs from the one expected, in a few words: its length, events read twice,
 * and the first place the order breaks (-1 when it never does). Equal logs give
 * `{ events: expected.length, repeated: 0, firstDifference: -1 }`.
 */
export function logDifference(
  read: readonly RecordedEvent[],
  expected: readonly RecordedEvent[],
): { events: number; repeated: number; firstDifference: number | string } {
  const keys = read.map(keyOf);
  const wanted = expected.map(keyOf);
  const index = keys.findIndex((key, at) => key !== wanted[at]);
  const firstDifference = index === -1 && keys.length === wanted.length ? -1 : index === -1 ? Math.min(keys.length, wanted.length) : index;
  return {
    events: keys.length,
    repeated: keys.length - new Set(keys).size,
    firstDifference:
      firstDifference === -1
        ? -1
        : `at ${firstDifference}: read ${keys[firstDifference] ?? 'nothing'}, expected ${wanted[firstDifference] ?? 'nothing'}`,
  };
}

/**
 * The store at size: 50 000 events in 310 cases, 10 of them 2 000 events long, each
 * case appended whole in batches of 1 000 (a long case crosses a batch; each batch is one
 * VALUES statement), a long case after every 30 short ones. Resolves to the events in append order.
 */
export async function seedStoreAtSize(
  store: { append(caseId: string, events: readonly RecordedEvent[], options: { expectedSeq: number }): Promise<{ ok: boolean }> },
  prefix = 'rt',
): Promise<RecordedEvent[]> {
  const plans: CasePlan[] = [];
  for (let short = 0, long = 0; short < 300; short++) {
    plans.push({ history: longCase(`${prefix}-${String(short).padStart(3, '0')}`, 100, short * 3), batch: 1000 });
    if (short % 30 === 29) plans.push({ history: longCase(`${prefix}-long-${long++}`, 2000, short * 3), batch: 1000 });
  }
  const appended: RecordedEvent[] = [];
  for (const plan of plans) {
    for (let from = 0; from < plan.history.length; from += plan.batch) {
      const batch = plan.history.slice(from, from + plan.batch);
      const saved = await store.append(batch[0]!.caseId, batch, { expectedSeq: from });
      if (!saved.ok) throw new Error(`seedStoreAtSize: ${batch[0]!.caseId} at ${from}: ${JSON.stringify(saved)}`);
      appended.push(...batch);
    }
  }
  return appended;
}
