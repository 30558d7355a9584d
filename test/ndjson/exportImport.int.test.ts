import { spawnSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  exportEvents,
  importEventLog,
  toJsonSchema,
  simulateCohort,
  validateEventLog,
  withServiceTask,
  type RecordedEvent,
} from 'kykypolku';
import { ipsJobCoachingPath, workabilityPath } from 'kykypolku/paths';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function exported(store: Parameters<typeof exportEvents>[0], pathId?: string): Promise<string[]> {
  const lines: string[] = [];
  await exportEvents(store, (line) => void lines.push(line), pathId === undefined ? {} : { pathId });
  return lines;
}

async function all(store: { readAll(): AsyncIterable<RecordedEvent> }) {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

describe('NDJSON export and import', () => {
  it('exports a store’s events that validate back, and imports them into another store unchanged', async () => {
    const source = createMemoryStore();
    for (const caseRef of simulateCohort(workabilityPath, { clients: 40, seed: 3, faultRate: 0 }).cases) {
      await source.append(caseRef.caseId, caseRef.history, { expectedSeq: 0 });
    }
    const lines = await exported(source);
    expect((await validateEventLog(workabilityPath, lines)).summary).toMatchObject({ cases: 40, acceptedCases: 40, rejectedCases: 0 });
    const target = createMemoryStore();
    const result = await importEventLog(workabilityPath, lines, target);
    expect(result).toMatchObject({ storedCases: 40, storedEvents: lines.length });
    expect(await exported(target)).toEqual(lines);
    expect((await target.listCases({ pathId: 'workability-path' })).length).toBe(40);
  });

  it('exports one path of a store with many', async () => {
    const store = createMemoryStore();
    for (const definition of [workabilityPath, ipsJobCoachingPath]) {
      for (const caseRef of simulateCohort(definition, { clients: 5, seed: 1, faultRate: 0 }).cases)
        await store.append(caseRef.caseId, caseRef.history, { expectedSeq: 0 });
    }
    const ips = await exported(store, 'ips-job-coaching');
    expect(ips.length).toBeGreaterThan(0);
    expect(ips.every((line) => JSON.parse(line).path.id === 'ips-job-coaching')).toBe(true);
    expect(ips.length + (await exported(store, 'workability-path')).length).toBe((await all(store)).length);
  });

  it('imports whole cases only: a case with a rejected line is not stored at all', async () => {
    const store = createMemoryStore();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(`${root}/docs/examples/two-cases.ndjson`, 'utf8').split('\n');
    const result = await importEventLog(workabilityPath, lines, store);
    expect(result.verdicts.map((verdict) => [verdict.caseId, verdict.status])).toEqual([
      ['case-ok', 'accepted'],
      ['case-bad', 'rejected'],
    ]);
    expect(await store.read('case-bad')).toEqual([]);
    expect((await store.read('case-ok')).map((event) => event.type)).toEqual([
      'CONTACT_RECEIVED',
      'INITIAL_ASSESSMENT_BOOKED',
      'INITIAL_ASSESSMENT_DONE',
      'SITUATION_MAPPED',
      'DOCTOR_VISIT_BOOKED',
    ]);
  });

  it('does not overwrite a case the store already holds, and writes nothing when it holds the log already', async () => {
    const store = createMemoryStore();
    const lines = await exported(
      await (async () => {
        const source = createMemoryStore();
        const [caseRef] = simulateCohort(workabilityPath, { clients: 1, seed: 9, faultRate: 0 }).cases;
        await source.append(caseRef!.caseId, caseRef!.history, { expectedSeq: 0 });
        return source;
      })(),
    );
    await importEventLog(workabilityPath, lines, store);
    const again = await importEventLog(workabilityPath, lines, store);
    expect(again.storedCases).toBe(0);
    expect(again.verdicts[0]).toMatchObject({ status: 'accepted', appended: 0, storedBefore: lines.length });
    const other = lines.map((line) => line.replace(/"id":"[^"]*"/, '"id":"someone-else"'));
    const refused = await importEventLog(workabilityPath, other, store);
    expect(refused.verdicts[0]).toMatchObject({ status: 'notStored', code: 'CASE_DIFFERS', seq: 1 });
    expect(await exported(store)).toEqual(lines);
  });

  it('round-trips through the CLI: import into an embedded database, export, validate', () => {
    const directory = mkdtempSync(join(tmpdir(), 'kykypolku-ndjson-'));
    try {
      const dataDir = join(directory, 'db');
      const cli = (...args: string[]) => spawnSync(process.execPath, [`${root}/dist/cli.js`, ...args], { cwd: root, encoding: 'utf8' });
      const imported = cli('import', 'docs/examples/two-cases.ndjson', '--path', 'workability-path', '--data-dir', dataDir, '--quiet');
      expect(imported.status).toBe(1);
      expect(imported.stdout).toContain('stored 1 cases (5 events)');
      const exportedRun = cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--quiet');
      expect(exportedRun.status).toBe(0);
      expect(exportedRun.stdout.trim().split('\n')).toHaveLength(5);
      writeFileSync(join(directory, 'exported.ndjson'), exportedRun.stdout);
      expect(cli('validate', join(directory, 'exported.ndjson'), '--path', 'workability-path').status).toBe(0);
      expect(cli('export', '--format', 'csv').status).toBe(2);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  // Issue 14 item 12 — S1 `001_55550c4af1568658.txt`:334: the service task is configuration, carried into NDJSON.
  it('names the host’s service task code on every line of a coded path, which validate and import read past', async () => {
    const coding = { system: 'urn:oid:1.2.246.537.6.99999', code: 'host-task-1' };
    const coded = withServiceTask(workabilityPath, coding);
    const store = createMemoryStore();
    for (const caseRef of simulateCohort(workabilityPath, { clients: 12, seed: 8, faultRate: 0 }).cases) {
      await store.append(caseRef.caseId, caseRef.history, { expectedSeq: 0 });
    }
    for (const caseRef of simulateCohort(ipsJobCoachingPath, { clients: 5, seed: 8, faultRate: 0 }).cases) {
      await store.append(
        `ips-${caseRef.caseId}`,
        caseRef.history.map((event) => ({ ...event, caseId: `ips-${caseRef.caseId}` })),
        {
          expectedSeq: 0,
        },
      );
    }
    const plain = await exported(store);
    const lines: string[] = [];
    // The IPS path is in the catalogue uncoded: its lines carry nothing.
    await exportEvents(store, (line) => void lines.push(line), { catalogue: [coded, ipsJobCoachingPath] });
    expect(lines).toHaveLength(plain.length);
    lines.forEach((line, index) => {
      const event = JSON.parse(line) as { path: { id: string }; serviceTask?: unknown };
      if (event.path.id === 'workability-path') {
        expect(event.serviceTask).toEqual(coding);
        expect(line).toBe(`${plain[index]!.slice(0, -1)},"serviceTask":${JSON.stringify(coding)}}`);
      } else expect(line).toBe(plain[index]);
    });
    const workability = lines.filter((line) => line.includes('"workability-path"'));
    // The published recorded-event schema describes such a line, and still refuses any other extra key.
    const ajv = new Ajv2020({ strict: true });
    (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
    const recorded = ajv.compile(toJsonSchema(workabilityPath).recordedEvent);
    for (const line of workability) expect(recorded(JSON.parse(line)), JSON.stringify(recorded.errors?.slice(0, 2))).toBe(true);
    expect(recorded({ ...JSON.parse(workability[0]!), serviceTask: { ...coding, note: 'x' } })).toBe(false);
    expect((await validateEventLog(coded, workability)).summary).toMatchObject({ cases: 12, acceptedCases: 12 });
    const target = createMemoryStore();
    await importEventLog(coded, workability, target);
    expect(await exported(target)).toEqual(plain.filter((line) => line.includes('"workability-path"')));
  });
});
