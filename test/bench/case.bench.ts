/**
 * Issue 3's benchmark: `record` and `replayCase` against XState's own stateless `transition()` on the
 * same event sequence, in one run. Targets: record ≥ 2×, replay ≥ 3× the baseline's events/second.
 */
import { it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { openCase, replayCase, type CaseInputOf } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { compareWithBaseline, printRows } from './harness.js';

type Input = CaseInputOf<typeof workabilityPath>;

const nurse = { role: 'nurse', id: 'n-1' } as const;
const doctor = { role: 'doctor', id: 'd-1' } as const;

/** A whole case from contact to close: ten events, the doctor's route included. */
const tenEventCase: readonly Input[] = [
  {
    type: 'CONTACT_RECEIVED',
    at: '2025-03-03T09:00:00Z',
    actor: nurse,
    payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
  },
  { type: 'INITIAL_ASSESSMENT_BOOKED', at: '2025-03-03T09:05:00Z', actor: nurse, payload: { channel: 'phone' } },
  { type: 'INITIAL_ASSESSMENT_DONE', at: '2025-03-05T10:00:00Z', actor: nurse, payload: { nextRole: 'nurse' } },
  { type: 'HEALTH_CHECK_DONE', at: '2025-03-12T10:00:00Z', actor: nurse, payload: { mode: 'clinic' } },
  { type: 'SITUATION_MAPPED', at: '2025-03-12T10:30:00Z', actor: nurse },
  { type: 'NEXT_APPOINTMENT_SET', at: '2025-03-12T10:35:00Z', actor: nurse, payload: { appointmentOn: '2025-03-26' } },
  { type: 'DOCTOR_VISIT_BOOKED', at: '2025-03-12T10:40:00Z', actor: nurse, payload: { visitOn: '2025-03-26' } },
  { type: 'DOCTOR_ASSESSMENT_DONE', at: '2025-03-26T12:00:00Z', actor: doctor },
  { type: 'FOLLOW_UP_PLAN_MADE', at: '2025-03-26T12:30:00Z', actor: doctor },
  { type: 'CLOSED', at: '2025-04-02T09:00:00Z', actor: doctor, payload: { endReason: 'referredToKelaRehab' } },
];

const machineEvents = tenEventCase.map((input) => ({ type: input.type, payload: input.payload ?? {} }));
const machine = workabilityPath.machine;
const initial = initialTransition(machine)[0];
const casesPerRun = 50;

function recordedHistory() {
  const caseRef = openCase(workabilityPath, { caseId: 'bench' });
  for (const input of tenEventCase) {
    const outcome = caseRef.record(input);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  }
  return caseRef.history;
}

it('record and replayCase against XState transition()', () => {
  const history = recordedHistory();
  const events = tenEventCase.length;
  const baseline = {
    name: 'baseline: xstate transition() per event',
    opsPerRun: casesPerRun * events,
    run: () => {
      for (let c = 0; c < casesPerRun; c++) {
        let snapshot = initial;
        for (const event of machineEvents) snapshot = transition(machine, snapshot, event as never)[0];
      }
    },
  };
  const rows = compareWithBaseline(baseline, [
    {
      name: '(a) record on an open case (schema, role, time, machine, rules)',
      opsPerRun: casesPerRun * events,
      setup: () => Array.from({ length: casesPerRun }, (_, c) => openCase(workabilityPath, { caseId: `c${c}` })),
      run: (cases: ReturnType<typeof openCase<typeof workabilityPath>>[]) => {
        for (const caseRef of cases) for (const input of tenEventCase) caseRef.record(input);
      },
    },
    {
      // What a host without kykypolku would keep: one long-lived actor per case, and send() each event.
      name: '(c) a long-lived XState actor per case, send() per event (no checks)',
      opsPerRun: casesPerRun * events,
      setup: () => Array.from({ length: casesPerRun }, () => createActor(machine).start()),
      run: (actors: ReturnType<typeof createActor<typeof machine>>[]) => {
        for (const actor of actors) for (const event of machineEvents) actor.send(event as never);
      },
    },
    {
      name: '(b) replayCase of the recorded history',
      opsPerRun: casesPerRun * events,
      run: () => {
        for (let c = 0; c < casesPerRun; c++) replayCase(workabilityPath, history);
      },
    },
  ]);
  printRows(`workability-path: events/second, ${events}-event case (ratio to transition())`, rows, 'event');

  const wholeCase = compareWithBaseline(
    {
      name: 'baseline: initialTransition() + 10 × transition()',
      opsPerRun: casesPerRun,
      run: () => {
        for (let c = 0; c < casesPerRun; c++) {
          let snapshot = initialTransition(machine)[0];
          for (const event of machineEvents) snapshot = transition(machine, snapshot, event as never)[0];
        }
      },
    },
    [
      {
        name: 'openCase + 10 × record, open to close',
        opsPerRun: casesPerRun,
        run: () => {
          for (let c = 0; c < casesPerRun; c++) {
            const caseRef = openCase(workabilityPath, { caseId: `c${c}` });
            for (const input of tenEventCase) caseRef.record(input);
          }
        },
      },
    ],
  );
  printRows('workability-path: whole cases/second, open to close', wholeCase, 'case');
});
