import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countIndicators, createMemoryStore, type IndexedEventStore, type IndicatorCell, openCaseStore } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { createPgliteStore, createPostgresStore, type PgliteStore } from 'kykypolku/postgres';
import { organisationDatabase } from '../support/organisationRoles.js';
import { useThrowawayServer } from '../support/postgresServer.js';
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

// Five cases counted by hand, in three organisations (Finnish time):
// county-a  A contact 10 Jan, assessed 9 Feb (within a month), the doctor, closed 5 Mar employed.
//           B contact 31 Jan 23:30 Helsinki, assessed 1 Mar (not within), closed 20 Mar unreachable.
// county-b  C contact 1 Feb 00:30 Helsinki: February, open.
//           D contact 15 Jan, assessed 15 Feb (exactly a month: within), closed 1 Apr 00:30 Helsinki, no further need.
// none      E as A, written by the administrator's (unscoped) store: unassigned.
// Access within one month, January: county-a 1 of 2, county-b 1 of 1, unassigned 1 of 1 (all 3 of 4);
// February: county-b 0 of 1.
const at = (input: WorkabilityInput, instant: string): WorkabilityInput => ({ ...input, at: instant });
const caseA = [
  at(contactReceived(), '2025-01-10T08:00:00Z'),
  at(assessmentBooked(), '2025-01-12T08:00:00Z'),
  at(assessmentDone('coordinator'), '2025-02-09T08:00:00Z'),
  at(coordinatorAssigned(), '2025-02-10T08:00:00Z'),
  at(situationMapped(), '2025-02-11T08:00:00Z'),
  at(doctorVisitBooked(), '2025-02-12T08:00:00Z'),
  at(doctorAssessmentDone(), '2025-02-20T08:00:00Z'),
  at(closed('employed'), '2025-03-05T08:00:00Z'),
];
const byOrganisation: Record<string, Record<string, WorkabilityInput[]>> = {
  'county-a': {
    A: caseA,
    B: [
      at(contactReceived(), '2025-01-31T21:30:00Z'),
      at(assessmentBooked(), '2025-02-02T08:00:00Z'),
      at(assessmentDone('nurse'), '2025-03-01T10:00:00Z'),
      at(closed('unreachable'), '2025-03-20T08:00:00Z'),
    ],
  },
  'county-b': {
    C: [at(contactReceived(), '2025-01-31T22:30:00Z')],
    D: [
      at(contactReceived(), '2025-01-15T10:00:00Z'),
      at(assessmentBooked(), '2025-01-16T10:00:00Z'),
      at(assessmentDone('nurse'), '2025-02-15T10:00:00Z'),
      at(closed('noFurtherNeed'), '2025-04-01T00:30:00+03:00'),
    ],
  },
  '': { E: caseA },
};

/** A store for an organisation code ('' the administrator's): how each kind of store opens one. */
type Opener = (organisation: string) => IndexedEventStore;

async function fill(open: Opener): Promise<void> {
  for (const [organisation, cases] of Object.entries(byOrganisation)) {
    const store = openCaseStore(open(organisation), [workabilityPath]);
    for (const [caseId, inputs] of Object.entries(cases)) {
      for (const input of inputs) {
        const recorded = await store.record(caseId, input);
        if (!recorded.ok) throw new Error(`${caseId} ${input.type}: ${recorded.failure.message}`);
      }
    }
  }
}

const year = { from: '2025-01-01', to: '2025-12-31', by: 'month' } as const;
const shares = (cells: readonly IndicatorCell[], indicatorId = 'access-within-one-month') =>
  cells
    .filter((cell) => cell.indicatorId === indicatorId)
    .map((cell) => cell.kind === 'share' && [cell.period, cell.organisation, cell.numerator, cell.denominator, cell.small]);

const postgres = useThrowawayServer({ durable: false });
let db: PGlite;
const pglites: PgliteStore[] = [];
const stores = new Map<string, Opener>();

beforeAll(async () => {
  db = new PGlite();
  const admin = await createPgliteStore({ db });
  pglites.push(admin);
  const scopedPglite = new Map<string, PgliteStore>();
  for (const organisation of ['county-a', 'county-b']) {
    const scoped = await createPgliteStore({ db, organisation });
    pglites.push(scoped);
    scopedPglite.set(organisation, scoped);
  }
  const pglite: Opener = (organisation) => (organisation === '' ? admin : scopedPglite.get(organisation)!);
  const memory = createMemoryStore();
  const memoryOpener: Opener = (organisation) => (organisation === '' ? memory : memory.forOrganisation(organisation));
  // The server's administrator: row-level security admits every row, so only the library's filter keeps a scoped store to its own.
  const pool = (await postgres.freshPool(4)).pool;
  const serverAdmin = createPostgresStore({ pool });
  await serverAdmin.migrate();
  const server: Opener = (organisation) => (organisation === '' ? serverAdmin : createPostgresStore({ pool, organisation }));
  for (const [name, open] of [
    ['PGlite', pglite],
    ['memory', memoryOpener],
    ['PostgreSQL server', server],
  ] as const) {
    await fill(open);
    stores.set(name, open);
  }
}, 120_000);

afterAll(async () => {
  for (const store of pglites) await store.close();
  await db?.close();
});

describe.each(['PGlite', 'memory', 'PostgreSQL server'])('indicators by organisation, the %s store', (name) => {
  const open = (organisation: string) => stores.get(name)!(organisation);

  it('a store opened for an organisation counts only its own cases', async () => {
    const a = await countIndicators(open('county-a'), [workabilityPath], year);
    const b = await countIndicators(open('county-b'), [workabilityPath], year);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(shares(a.cells)).toEqual([['2025-01', undefined, 1, 2, true]]);
    expect(shares(b.cells)).toEqual([
      ['2025-01', undefined, 1, 1, true],
      ['2025-02', undefined, 0, 1, true],
    ]);
    const reasons = (cells: readonly IndicatorCell[]) =>
      cells.filter((cell) => cell.indicatorId === 'end-reasons').map((cell) => cell.kind === 'distribution' && [cell.period, cell.counts]);
    expect(reasons(a.cells)).toEqual([['2025-03', { employed: 1, unreachable: 1 }]]);
    expect(reasons(b.cells)).toEqual([['2025-04', { noFurtherNeed: 1 }]]);
  });

  it('the administrator counts every case, and by organisation one cell per organisation (null: unassigned)', async () => {
    const all = await countIndicators(open(''), [workabilityPath], year);
    if (!all.ok) throw new Error(all.message);
    expect(shares(all.cells)).toEqual([
      ['2025-01', undefined, 3, 4, true],
      ['2025-02', undefined, 0, 1, true],
    ]);
    const grouped = await countIndicators(open(''), [workabilityPath], { ...year, byOrganisation: true });
    if (!grouped.ok) throw new Error(grouped.message);
    expect(shares(grouped.cells)).toEqual([
      ['2025-01', 'county-a', 1, 2, true],
      ['2025-01', 'county-b', 1, 1, true],
      ['2025-01', null, 1, 1, true],
      ['2025-02', 'county-b', 0, 1, true],
    ]);
    const reasons = grouped.cells.filter((cell) => cell.indicatorId === 'end-reasons');
    expect(reasons.map((cell) => cell.kind === 'distribution' && [cell.period, cell.organisation, cell.counts])).toEqual([
      ['2025-03', 'county-a', { employed: 1, unreachable: 1 }],
      ['2025-03', null, { employed: 1 }],
      ['2025-04', 'county-b', { noFurtherNeed: 1 }],
    ]);
  });

  it('the small-number note is per cell: with a threshold of 2, January is not small in all, but is in each organisation', async () => {
    const query = { ...year, smallNumberThreshold: 2 };
    const all = await countIndicators(open(''), [workabilityPath], query);
    const grouped = await countIndicators(open(''), [workabilityPath], { ...query, byOrganisation: true });
    if (!all.ok || !grouped.ok) throw new Error('refused');
    expect(shares(all.cells)).toEqual([
      ['2025-01', undefined, 3, 4, false],
      ['2025-02', undefined, 0, 1, true],
    ]);
    expect(shares(grouped.cells).filter((cell) => cell && cell[0] === '2025-01')).toEqual([
      ['2025-01', 'county-a', 1, 2, true],
      ['2025-01', 'county-b', 1, 1, true],
      ['2025-01', null, 1, 1, true],
    ]);
    // Reached the doctor, at closing: county-a's March 1 of 2 (A), the unassigned E 1 of 1, county-b's April 0 of 1.
    expect(shares(grouped.cells, 'reached-workability-doctor')).toEqual([
      ['2025-03', 'county-a', 1, 2, true],
      ['2025-03', null, 1, 1, true],
      ['2025-04', 'county-b', 0, 1, true],
    ]);
  });

  it('a scoped store grouping by organisation answers its own organisation only', async () => {
    const grouped = await countIndicators(open('county-b'), [workabilityPath], { ...year, byOrganisation: true });
    if (!grouped.ok) throw new Error(grouped.message);
    expect(new Set(grouped.cells.map((cell) => cell.organisation))).toEqual(new Set(['county-b']));
  });

  it('refuses a byOrganisation that is not a boolean with INVALID_INDICATOR_QUERY naming the field', async () => {
    const refused = await countIndicators(open(''), [workabilityPath], { ...year, byOrganisation: 'yes' as unknown as boolean });
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_INDICATOR_QUERY', field: 'byOrganisation' });
    expect(!refused.ok && refused.message).not.toContain('yes');
    // Not an object at all (a host's parsed body): a typed refusal, not a TypeError from inside.
    expect(await countIndicators(open(''), [workabilityPath], null as never)).toMatchObject({ ok: false, code: 'INVALID_INDICATOR_QUERY' });
  });
});

// On a server with a role per organisation, row-level security keeps the count to the role's
// organisation even when the store is unscoped or opened for another: the library's filter is not
// what holds it there.
describe('indicators under row-level security, a database role per organisation', () => {
  let asA: import('pg').Pool;
  beforeAll(async () => {
    // Superusers bypass row-level security: the tables belong to an owner that is none.
    const db = await organisationDatabase(postgres, ['county-a', 'county-b'], { poolSize: 2 });
    const admin = createPostgresStore({ pool: db.admin });
    asA = db.poolOf('county-a');
    const asB = db.poolOf('county-b');
    await fill((organisation) =>
      organisation === '' ? admin : createPostgresStore({ pool: organisation === 'county-a' ? asA : asB, organisation }),
    );
  }, 120_000);

  it("county-a's role counts county-a's cases only, unscoped, opened for county-b, and grouped", async () => {
    const unscoped = await countIndicators(createPostgresStore({ pool: asA }), [workabilityPath], year);
    const forB = await countIndicators(createPostgresStore({ pool: asA, organisation: 'county-b' }), [workabilityPath], year);
    if (!unscoped.ok || !forB.ok) throw new Error('refused');
    expect(shares(unscoped.cells)).toEqual([['2025-01', undefined, 1, 2, true]]);
    // Opened for B on A's connection: the policies admit A's rows, the store's filter B's, so none.
    expect(forB.cells).toEqual([]);
    const grouped = await countIndicators(createPostgresStore({ pool: asA }), [workabilityPath], { ...year, byOrganisation: true });
    if (!grouped.ok) throw new Error(grouped.message);
    expect(shares(grouped.cells)).toEqual([['2025-01', 'county-a', 1, 2, true]]);
  });
});

// Past listCases' 10 000 limit (which the memory store's count does not use): 10 400 copies of A in
// county-a and B in county-b, counted by a scoped view each and by organisation.
it('counts a memory store by organisation past 10 000 cases', async () => {
  const memory = createMemoryStore();
  await fill((organisation) => (organisation === '' ? memory : memory.forOrganisation(organisation)));
  const row = { state: 'closed', status: 'closed', assignee: undefined, nextDueAt: undefined } as const;
  const copies = 5_200;
  for (const [organisation, caseId] of [
    ['county-a', 'A'],
    ['county-b', 'B'],
  ] as const) {
    const scoped = memory.forOrganisation(organisation);
    const events = await memory.read(caseId);
    for (let copy = 0; copy < copies; copy++) {
      const id = `${caseId}-${copy}`;
      const saved = await scoped.append(
        id,
        events.map((event) => ({ ...event, caseId: id })),
        { expectedSeq: 0, projection: row },
      );
      if (!saved.ok) throw new Error(saved.failure.message);
    }
  }
  const grouped = await countIndicators(memory, [workabilityPath], { ...year, byOrganisation: true });
  const a = await countIndicators(memory.forOrganisation('county-a'), [workabilityPath], year);
  if (!grouped.ok || !a.ok) throw new Error('refused');
  // January: county-a had A and B (1 of 2) and now 5 200 more A's; county-b had D and now 5 200 B's (not within).
  expect(shares(grouped.cells).filter((cell) => cell && cell[0] === '2025-01')).toEqual([
    ['2025-01', 'county-a', 1 + copies, 2 + copies, false],
    // One client of 5 201 within a month: still small, that one could be singled out.
    ['2025-01', 'county-b', 1, 1 + copies, true],
    ['2025-01', null, 1, 1, true],
  ]);
  expect(shares(a.cells)).toEqual([['2025-01', undefined, 1 + copies, 2 + copies, false]]);
}, 120_000);
