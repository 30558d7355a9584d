import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countIndicators, createMemoryStore, type IndexedEventStore, openCaseStore } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import {
  assessmentBooked,
  assessmentDone,
  closed,
  contactReceived,
  coordinatorAssigned,
  doctorAssessmentDone,
  doctorVisitBooked,
  situationMapped,
  type WorkabilityInput,
} from '../support/workabilityInputs.js';

// Four cases counted by hand (Finnish time, so the month a case falls in is Helsinki's):
// A  contact 10 Jan, assessed 9 Feb (within a month), doctor, closed 5 Mar as employed.
// B  contact 31 Jan 23:30 Helsinki (21:30Z), assessed 1 Mar (past 28 Feb 23:30), closed 20 Mar unreachable.
// C  contact 31 Jan 22:30Z = 1 Feb 00:30 Helsinki: February; nothing more, open.
// D  contact 15 Jan 10:00Z, assessed 15 Feb 10:00Z (exactly a month: within), closed 1 Apr 00:30 Helsinki
//    (31 Mar 21:30Z: April) with no further need.
const at = (input: WorkabilityInput, instant: string): WorkabilityInput => ({ ...input, at: instant });
const handBuilt: Record<string, WorkabilityInput[]> = {
  A: [
    at(contactReceived(), '2025-01-10T08:00:00Z'),
    at(assessmentBooked(), '2025-01-12T08:00:00Z'),
    at(assessmentDone('coordinator'), '2025-02-09T08:00:00Z'),
    at(coordinatorAssigned(), '2025-02-10T08:00:00Z'),
    at(situationMapped(), '2025-02-11T08:00:00Z'),
    at(doctorVisitBooked(), '2025-02-12T08:00:00Z'),
    at(doctorAssessmentDone(), '2025-02-20T08:00:00Z'),
    at(closed('employed'), '2025-03-05T08:00:00Z'),
  ],
  B: [
    at(contactReceived(), '2025-01-31T21:30:00Z'),
    at(assessmentBooked(), '2025-02-02T08:00:00Z'),
    at(assessmentDone('nurse'), '2025-03-01T10:00:00Z'),
    at(closed('unreachable'), '2025-03-20T08:00:00Z'),
  ],
  C: [at(contactReceived(), '2025-01-31T22:30:00Z')],
  D: [
    at(contactReceived(), '2025-01-15T10:00:00Z'),
    at(assessmentBooked(), '2025-01-16T10:00:00Z'),
    at(assessmentDone('nurse'), '2025-02-15T10:00:00Z'),
    at(closed('noFurtherNeed'), '2025-04-01T00:30:00+03:00'),
  ],
};

async function fill(store: IndexedEventStore): Promise<void> {
  const cases = openCaseStore(store, [workabilityPath]);
  for (const [caseId, inputs] of Object.entries(handBuilt)) {
    for (const input of inputs) {
      const recorded = await cases.record(caseId, input);
      if (!recorded.ok) throw new Error(`${caseId} ${input.type}: ${recorded.failure.message}`);
    }
  }
}

let db: PGlite;
let pglite: PgliteStore;
const memory = createMemoryStore();

beforeAll(async () => {
  db = new PGlite();
  pglite = await createPgliteStore({ db });
  await fill(pglite);
  await fill(memory);
}, 60_000);

afterAll(async () => {
  await pglite?.close();
  await db?.close();
});

const year = { from: '2025-01-01', to: '2025-12-31' } as const;

describe.each([
  ['the PGlite store (SQL)', () => pglite as IndexedEventStore],
  ['the memory store', () => memory],
])('the work-ability indicators on four hand-counted cases, %s', (_name, storeOf) => {
  it('access within one month: January 2 of 3 (D exactly a month after is within, B is not), February 0 of 1', async () => {
    const counted = await countIndicators(storeOf(), [workabilityPath], { ...year, by: 'month' });
    expect(counted.ok).toBe(true);
    if (!counted.ok) return;
    const access = counted.cells.filter((cell) => cell.indicatorId === 'access-within-one-month');
    expect(access).toEqual([
      {
        pathId: 'workability-path',
        indicatorId: 'access-within-one-month',
        period: '2025-01',
        pathVersion: 2,
        kind: 'share',
        numerator: 2,
        denominator: 3,
        small: true,
      },
      {
        pathId: 'workability-path',
        indicatorId: 'access-within-one-month',
        period: '2025-02',
        pathVersion: 2,
        kind: 'share',
        numerator: 0,
        denominator: 1,
        small: true,
      },
    ]);
  });

  it('reaching the doctor, counted at closing: March 1 of 2, April (D closed 00:30 Helsinki time) 0 of 1', async () => {
    const counted = await countIndicators(storeOf(), [workabilityPath], { ...year, by: 'month', smallNumberThreshold: 0 });
    if (!counted.ok) throw new Error(counted.message);
    const reached = counted.cells.filter((cell) => cell.indicatorId === 'reached-workability-doctor');
    expect(reached.map((cell) => cell.kind === 'share' && [cell.period, cell.numerator, cell.denominator, cell.small])).toEqual([
      ['2025-03', 1, 2, false],
      ['2025-04', 0, 1, false],
    ]);
  });

  it('end reasons by quarter: Q1 employed 1 and unreachable 1, Q2 no further need 1', async () => {
    const counted = await countIndicators(storeOf(), [workabilityPath], { ...year, by: 'quarter' });
    if (!counted.ok) throw new Error(counted.message);
    const reasons = counted.cells.filter((cell) => cell.indicatorId === 'end-reasons');
    expect(reasons.map((cell) => cell.kind === 'distribution' && [cell.period, cell.counts, cell.total])).toEqual([
      ['2025-Q1', { employed: 1, unreachable: 1 }, 2],
      ['2025-Q2', { noFurtherNeed: 1 }, 1],
    ]);
    const access = counted.cells.find((cell) => cell.indicatorId === 'access-within-one-month' && cell.period === '2025-Q1');
    expect(access).toMatchObject({ numerator: 2, denominator: 4 });
  });

  it('counts only the cases whose instant falls within from–to (Helsinki dates), and by year', async () => {
    const counted = await countIndicators(storeOf(), [workabilityPath], { from: '2025-02-01', to: '2025-03-31', by: 'year' });
    if (!counted.ok) throw new Error(counted.message);
    expect(
      counted.cells.map((cell) => [
        cell.indicatorId,
        cell.period,
        cell.kind === 'share' ? [cell.numerator, cell.denominator] : cell.kind === 'distribution' ? cell.total : null,
      ]),
    ).toEqual([
      ['access-within-one-month', '2025', [0, 1]],
      ['reached-workability-doctor', '2025', [1, 2]],
      ['end-reasons', '2025', 2],
    ]);
  });

  it('refuses a malformed query with INVALID_INDICATOR_QUERY naming the field, reading nothing', async () => {
    const refusals = await Promise.all([
      countIndicators(storeOf(), [workabilityPath], { from: '2025-02-30', to: '2025-03-31' }),
      countIndicators(storeOf(), [workabilityPath], { from: '2025-04-01', to: '2025-03-31' }),
      countIndicators(storeOf(), [workabilityPath], { ...year, by: 'week' as 'month' }),
      countIndicators(storeOf(), [workabilityPath], { ...year, smallNumberThreshold: -1 }),
    ]);
    expect(refusals.map((refusal) => !refusal.ok && [refusal.code, refusal.field])).toEqual([
      ['INVALID_INDICATOR_QUERY', 'from'],
      ['INVALID_INDICATOR_QUERY', 'to'],
      ['INVALID_INDICATOR_QUERY', 'by'],
      ['INVALID_INDICATOR_QUERY', 'smallNumberThreshold'],
    ]);
  });
});

// The memory store's count took its cases' status from listCases(), which answers 100 cases unless
// asked for more (and never more than 10 000): past that, every case was left out of the count.
it('counts every case of a memory store past one listCases page and past its 10 000 limit', async () => {
  const memory = createMemoryStore();
  const cases = openCaseStore(memory, [workabilityPath]);
  for (const [caseId, inputs] of Object.entries(handBuilt)) for (const input of inputs) await cases.record(caseId, input);
  const summaries = new Map((await memory.listCases()).map((summary) => [summary.caseId, summary]));
  // 10 200 copies of the four hand-built cases under new ids, with the same case rows.
  const copies = 2550;
  for (const caseId of Object.keys(handBuilt)) {
    const events = await memory.read(caseId);
    const { caseId: _, pathId: __, pathVersion: ___, seq: ____, lastEventAt: _____, ...row } = summaries.get(caseId)!;
    for (let copy = 0; copy < copies; copy++) {
      const id = `${caseId}-${String(copy).padStart(4, '0')}`;
      const saved = await memory.append(
        id,
        events.map((event) => ({ ...event, caseId: id })),
        { expectedSeq: 0, projection: row },
      );
      if (!saved.ok) throw new Error(saved.failure.message);
    }
  }
  const counted = await countIndicators(memory, [workabilityPath], { from: '2025-01-01', to: '2025-12-31', by: 'month' });
  if (!counted.ok) throw new Error(counted.message);
  const cell = (indicatorId: string, period: string) =>
    counted.cells.find((each) => each.indicatorId === indicatorId && each.period === period);
  // The hand counts above, once for the originals and once for every copy.
  const all = copies + 1;
  expect(cell('access-within-one-month', '2025-01')).toMatchObject({ numerator: 2 * all, denominator: 3 * all });
  expect(cell('access-within-one-month', '2025-02')).toMatchObject({ numerator: 0, denominator: all });
  expect(cell('reached-workability-doctor', '2025-03')).toMatchObject({ numerator: all, denominator: 2 * all });
  expect(cell('end-reasons', '2025-04')).toMatchObject({ total: all });
}, 300_000);
