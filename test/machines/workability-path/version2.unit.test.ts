import { describe, expect, it } from 'vitest';
import { checkGuards, checkMigration, checkPath, createMemoryStore, openCaseStore, replayFromCatalogue, simulateCohort } from 'kykypolku';
import { builtInPaths, builtInPathVersions, workabilityPath, workabilityPathV1 } from 'kykypolku/paths';
import { asV1, contactReceived, coordinator, coordinatorAssigned, noFurtherVisitNeeded, reach } from '../../support/workabilityInputs.js';

// Issue 14 items 4 and 5 change how stored cases replay, so they are version 2 of the path; version 1 stays as
// published for the cases recorded under it (docs/developers.md, "Path versions").

describe('work-ability path version 2 beside version 1', () => {
  it('is the latest built-in path; version 1 is kept in builtInPathVersions for stored cases only', () => {
    expect([workabilityPath.version, workabilityPathV1.version]).toEqual([2, 1]);
    expect(builtInPaths).toContain(workabilityPath);
    expect(builtInPaths).not.toContain(workabilityPathV1);
    expect(builtInPathVersions).toEqual(expect.arrayContaining([...builtInPaths, workabilityPathV1]));
    expect(workabilityPath.migrations?.map((migration) => migration.from)).toEqual([1]);
    // Version 1 is unchanged: its events, rules and guards are what they were.
    expect(Object.keys(workabilityPathV1.events)).not.toContain('NO_FURTHER_VISIT_NEEDED');
    expect(workabilityPathV1.rules.map((rule) => rule.id)).toContain('coordinator-case-manager-only-without-own-worker');
    expect(Object.keys(workabilityPath.events)).toEqual([...Object.keys(workabilityPathV1.events), 'NO_FURTHER_VISIT_NEEDED']);
  });

  // S1:167, checked the way `kykypolku check` checks it: every reachable transition of the machine, so every
  // route to an assignment (network meeting, health check, coordinator support, service planning, re-assignment).
  describe('S1:167 exactly one case manager, on every route the model checker finds', () => {
    it('proves every rule of version 2 on every reachable transition', () => {
      const check = checkPath(workabilityPath);
      expect(check.complete && check.proven).toBe(true);
      expect(check.rules.find((rule) => rule.ruleId === 'exactly-one-case-manager')?.verdict).toBe('held');
    });

    it("finds the case without a case manager that version 1's guard lets through, as its shortest walk", () => {
      // Version 2 with version 1's guard: the rule is right, the guard too weak.
      const v1Guard = workabilityPath.machine.provide({
        guards: {
          caseManagerAllowed: ({ event }) =>
            event.type !== 'COORDINATOR_ASSIGNED' || !(event.payload.asCaseManager && event.payload.clientHasSocialCareOwnWorker),
        },
      });
      const check = checkPath({ ...workabilityPath, machine: v1Guard });
      const verdict = check.rules.find((rule) => rule.ruleId === 'exactly-one-case-manager');
      expect(verdict?.verdict).toBe('violated');
      const last = verdict?.counterexample?.inputs.at(-1);
      expect(last).toMatchObject({ type: 'COORDINATOR_ASSIGNED', payload: { asCaseManager: false, clientHasSocialCareOwnWorker: false } });
    });

    it('justifies every guard of version 2 (check --guards), the case-manager guard by exactly-one-case-manager', () => {
      const guards = checkGuards(workabilityPath);
      expect(guards.justified).toBe(true);
      const caseManager = guards.guards.find((guard) => guard.guard === 'caseManagerAllowed');
      expect(caseManager).toMatchObject({ verdict: 'caught', enforces: ['exactly-one-case-manager'] });
      expect(caseManager?.brokenRules.map((rule) => rule.ruleId)).toEqual(['exactly-one-case-manager']);
    });
  });

  describe('the v1 demo cohort moves to version 2 (migrate-check)', () => {
    async function v1DemoStore() {
      // The demo's cohort (`kykypolku demo`: 1 000 clients, seed 1), recorded under version 1 and stored.
      const cohort = simulateCohort(workabilityPathV1, { clients: 1000, seed: 1 });
      const store = createMemoryStore();
      for (const live of cohort.cases) expect((await store.append(live.caseId, live.history, { expectedSeq: 0 })).ok).toBe(true);
      return { cohort, store };
    }

    it('passes checkMigration to v2: no blocker; every open case would move, closed ones stay', async () => {
      const { cohort, store } = await v1DemoStore();
      const open = cohort.cases.filter((live) => live.state.status !== 'closed').length;
      // Some open v1 cases hold an assignment with no case manager: the migration's reading is what moves them.
      const withoutManager = cohort.cases.filter((live) =>
        live.history.some(
          (event) => event.type === 'COORDINATOR_ASSIGNED' && !event.payload.asCaseManager && !event.payload.clientHasSocialCareOwnWorker,
        ),
      );
      expect(withoutManager.length).toBeGreaterThan(10);
      const report = await checkMigration(store, builtInPathVersions, { id: 'workability-path', version: 2 });
      expect(report).toMatchObject({ cases: 1000, onTarget: 0, wouldMove: open, closedStaying: 1000 - open, blockers: [], unreadable: [] });
      expect(open).toBeGreaterThan(20);
    });

    it('without the migration the same cases would be exactly the blockers: the v1 assignments that left no case manager', async () => {
      const { cohort, store } = await v1DemoStore();
      const withoutRewrite = { ...workabilityPath, migrations: [{ from: 1 }] };
      const report = await checkMigration(store, [workabilityPathV1, withoutRewrite], { id: 'workability-path', version: 2 });
      const expected = cohort.cases
        .filter(
          (live) =>
            live.state.status !== 'closed' &&
            live.history.some(
              (event) =>
                event.type === 'COORDINATOR_ASSIGNED' && !event.payload.asCaseManager && !event.payload.clientHasSocialCareOwnWorker,
            ),
        )
        .map((live) => live.caseId);
      expect(report.blockers.map((blocker) => blocker.caseId)).toEqual(expected);
      expect(report.blockers.length).toBeGreaterThan(0);
      for (const blocker of report.blockers) {
        expect(blocker).toMatchObject({ fromVersion: 1, under: 'new version' });
        expect(blocker.failure).toMatchObject({
          code: 'EVENT_REJECTED',
          rejection: { code: 'RULE_VIOLATED', ruleId: 'exactly-one-case-manager' },
        });
      }
    });

    it('moves such a case on its next event, reads its coordinator as case manager (S1:167), and replays it under v2 after', async () => {
      const store = createMemoryStore();
      const v1Only = openCaseStore(store, [workabilityPathV1]);
      for (const input of asV1([...reach.healthCheck(), coordinatorAssigned(false, false)])) {
        expect((await v1Only.record('v1-no-manager', input)).ok).toBe(true);
      }
      const cases = openCaseStore(store, builtInPathVersions);
      const recorded = await cases.record('v1-no-manager', noFurtherVisitNeeded(coordinator));
      expect(recorded).toMatchObject({ ok: true, event: { path: { version: 2 } } });
      const reloaded = await cases.load('v1-no-manager');
      expect(reloaded.ok && reloaded.case.definition).toBe(workabilityPath);
      expect(reloaded.ok && reloaded.case.state.context).toMatchObject({
        coordinatorIsCaseManager: true,
        clientHasSocialCareOwnWorker: false,
      });
      // The stored v1 event is unchanged: the reading is the migration's, every time the case is loaded.
      const log = await store.read('v1-no-manager');
      expect(log[3]).toMatchObject({ type: 'COORDINATOR_ASSIGNED', payload: { asCaseManager: false }, path: { version: 1 } });
      expect(replayFromCatalogue(builtInPathVersions, log)).toMatchObject({ ok: true });
    });

    it('refuses, under v2, a new assignment that leaves no case manager', async () => {
      const store = createMemoryStore();
      const cases = openCaseStore(store, builtInPathVersions);
      const opened = await cases.record('v2-case', contactReceived('networkMeeting'), { pathId: 'workability-path' });
      expect(opened).toMatchObject({ ok: true, event: { path: { version: 2 } } });
      const refused = await cases.record('v2-case', coordinatorAssigned(false, false));
      expect(refused).toMatchObject({
        ok: false,
        failure: { code: 'EVENT_REJECTED', rejection: { code: 'RULE_VIOLATED', ruleId: 'exactly-one-case-manager' } },
      });
    });
  });
});
