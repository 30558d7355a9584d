/**
 * Coordinator-service cases of any length with consents in them, recorded through the real engine,
 * for the consent rebuild at the stores' sizes (a case past the 5 000-row read page, a store past
 * 50 000 events). The consulting team may meet any number of times while the coordinator maps the
 * client's situation (`TEAM_CONSULTED`), so a case of any length is one the rules accept.
 */
import { openCase, type RecordedEvent } from 'kykypolku';
import { coordinatorServicePath } from 'kykypolku/paths';

const coordinator = { role: 'coordinator', id: 'k-1' } as const;
type Scope = 'employmentServices' | 'kela' | 'socialHealth';

/** A consent change at a position of the case: given or withdrawn for a scope, after `at` events (at least 2). */
export interface PlannedConsent {
  readonly after: number;
  readonly change: 'given' | 'withdrawn';
  readonly scope: Scope;
}

/**
 * The history of one coordinator case of exactly `length` events: referred, eligible, a consent to
 * social and health care (the consent that opens mapping), team consultations, and the planned
 * consents in their places. Instants one minute apart from `startMinute` after 2025-01-01.
 */
export function consentCase(caseId: string, length: number, planned: readonly PlannedConsent[], startMinute = 0): RecordedEvent[] {
  const caseRef = openCase(coordinatorServicePath, { caseId });
  let minute = startMinute;
  const at = () => new Date(Date.UTC(2025, 0, 1) + minute++ * 60_000).toISOString();
  const record = (input: Parameters<typeof caseRef.record>[0]) => {
    const outcome = caseRef.record(input);
    if (!outcome.ok) throw new Error(`consentCase: ${outcome.rejection.code} ${outcome.rejection.message}`);
  };
  record({ type: 'REFERRED', at: at(), actor: { role: 'client', id: 'client-1' }, payload: { route: 'selfContact' } });
  record({ type: 'ELIGIBILITY_CONFIRMED', at: at(), actor: coordinator, payload: { unemploymentMonths: 3, targetGroup: 'unemployed' } });
  record({ type: 'CONSENT_GIVEN', at: at(), actor: coordinator, payload: { scope: 'socialHealth' } });
  while (caseRef.seq < length) {
    const next = planned.find((consent) => consent.after === caseRef.seq);
    if (next)
      record({
        type: next.change === 'given' ? 'CONSENT_GIVEN' : 'CONSENT_WITHDRAWN',
        at: at(),
        actor: coordinator,
        payload: { scope: next.scope },
      });
    else record({ type: 'TEAM_CONSULTED', at: at(), actor: coordinator, payload: { anonymous: true } });
  }
  return [...caseRef.history];
}
