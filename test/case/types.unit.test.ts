// Type tests: what a host must be able to write, and what must not compile. `npm test` runs `tsc`
// over this file; an `@ts-expect-error` whose line compiles fails the build.
import { describe, expectTypeOf, it } from 'vitest';
import { openCase, type CaseInputOf, type RecordedEventOf, type Rejection, type RejectionCode, type RoleOf } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';

const at = '2025-03-03T09:00:00Z';
const nurse = { role: 'nurse', id: 'n' } as const;

describe('types inferred from the work-ability definition', () => {
  it('gives the state value as a union of the path’s states', () => {
    const caseRef = openCase(workabilityPath, { caseId: 't' });
    expectTypeOf(caseRef.state.value).toEqualTypeOf<
      | 'opened'
      | 'contacted'
      | 'initialAssessment'
      | 'healthCheck'
      | 'coordinatorSupport'
      | 'doctorAssessment'
      | 'servicePlanning'
      | 'closed'
    >();
    expectTypeOf(caseRef.state.context.situationMapped).toEqualTypeOf<boolean>();
    expectTypeOf(caseRef.state.outcome).toEqualTypeOf<
      | 'employed'
      | 'studies'
      | 'referredToTyp'
      | 'referredToKelaRehab'
      | 'referredToSocialCare'
      | 'referredToMentalHealth'
      | 'pensionProcess'
      | 'noFurtherNeed'
      | 'clientDeclined'
      | 'unreachable'
      | 'moved'
      | 'other'
      | undefined
    >();
  });

  it('types roles, next events and recorded payloads', () => {
    expectTypeOf<RoleOf<typeof workabilityPath>>().toEqualTypeOf<'client' | 'nurse' | 'coordinator' | 'doctor' | 'socialWorker'>();
    const caseRef = openCase(workabilityPath, { caseId: 't' });
    expectTypeOf(caseRef.nextEvents()).items.toEqualTypeOf<keyof typeof workabilityPath.events>();
    const outcome = caseRef.record({ type: 'HEALTH_CHECK_DONE', at, actor: nurse, payload: { mode: 'eVisit' } });
    if (outcome.ok && outcome.event.type === 'HEALTH_CHECK_DONE') {
      expectTypeOf(outcome.event.payload.mode).toEqualTypeOf<'clinic' | 'eVisit'>();
    }
    expectTypeOf<RecordedEventOf<typeof workabilityPath>['type']>().toEqualTypeOf<keyof typeof workabilityPath.events>();
  });

  it('forces a host to narrow a result before reading it', () => {
    const caseRef = openCase(workabilityPath, { caseId: 't' });
    const outcome = caseRef.record({ type: 'SITUATION_MAPPED', at, actor: nurse });
    expectTypeOf(outcome.rejection).toEqualTypeOf<Rejection | undefined>();
    if (!outcome.ok) expectTypeOf(outcome.rejection.code).toEqualTypeOf<RejectionCode>();
  });

  it('does not compile an unknown event type, a wrong payload, a missing payload or an unknown role', () => {
    const caseRef = openCase(workabilityPath, { caseId: 't' });
    // @ts-expect-error: the path has no such event
    caseRef.record({ type: 'TELEPORTED', at, actor: nurse, payload: {} });
    // @ts-expect-error: 'x' is not a health-check mode
    caseRef.record({ type: 'HEALTH_CHECK_DONE', at, actor: nurse, payload: { mode: 'x' } });
    // @ts-expect-error: CONTACT_RECEIVED needs its payload
    caseRef.record({ type: 'CONTACT_RECEIVED', at, actor: nurse });
    // @ts-expect-error: a payload field of another event
    caseRef.record({ type: 'CLOSED', at, actor: nurse, payload: { endReason: 'employed', mode: 'clinic' } });
    // @ts-expect-error: no such role on the path
    caseRef.record({ type: 'SITUATION_MAPPED', at, actor: { role: 'janitor', id: 'j' } });
    // @ts-expect-error: nextEvents takes a role of the path
    caseRef.nextEvents('janitor');
    // @ts-expect-error: a state the path does not have
    expectTypeOf(caseRef.state.value).toEqualTypeOf<'teleported'>();
  });

  it('builds inputs with CaseInputOf', () => {
    const input: CaseInputOf<typeof workabilityPath> = {
      type: 'NEXT_APPOINTMENT_SET',
      at,
      actor: nurse,
      payload: { appointmentOn: '2025-03-10' },
    };
    expectTypeOf(input.type).toEqualTypeOf<'NEXT_APPOINTMENT_SET'>();
    expectTypeOf<CaseInputOf<typeof workabilityPath>['type']>().toEqualTypeOf<keyof typeof workabilityPath.events>();
  });
});
