// Unit: the frozen actors a path's cases share. Replays of JSON-parsed cases give histories whose
// actors are one frozen object per person, shared across cases; an actor outside the value domain is
// never shared (it never passes), and the map stops growing at its bound.
import { describe, expect, it } from 'vitest';
import { openCase, replayCase, type RecordedEvent } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { mostSharedActors, SharedActors } from '../../src/case/sharedActors.js';
import { reach } from '../support/workabilityInputs.js';

function parsedCase(caseId: string): RecordedEvent[] {
  const caseRef = openCase(workabilityPath, { caseId });
  for (const input of reach.doctorAssessment()) expect(caseRef.record(input).ok).toBe(true);
  return JSON.parse(JSON.stringify(caseRef.history)) as RecordedEvent[];
}

describe('unit: shared frozen actors', () => {
  it("gives two replayed cases the same frozen actor object for the same person, and keeps each history's values", () => {
    const first = replayCase(workabilityPath, parsedCase('shared-1'));
    const second = replayCase(workabilityPath, parsedCase('shared-2'));
    if (!first.ok || !second.ok) throw new Error('replay failed');
    const actor = first.case.history[0]!.actor;
    expect(Object.isFrozen(actor)).toBe(true);
    expect(second.case.history[0]!.actor).toBe(actor);
    expect(second.case.history.map((event) => event.actor)).toEqual(parsedCase('shared-3').map((event) => event.actor));
  });

  it('refuses an actor id with a lone surrogate whatever was shared before, naming the field', () => {
    const events = parsedCase('shared-4');
    expect(replayCase(workabilityPath, events).ok).toBe(true);
    const bad = events.map((event, index) =>
      index === 1 ? { ...event, actor: { ...event.actor, id: `${event.actor.id}\ud800` } } : event,
    );
    const replayed = replayCase(workabilityPath, bad);
    expect(replayed.ok).toBe(false);
    expect(replayed.failure).toMatchObject({ code: 'MALFORMED_EVENT', index: 1, issues: [{ path: ['actor', 'id'] }] });
  });

  it(`keeps at most ${mostSharedActors} actors, the first ones, and finds each by role and id`, () => {
    const shared = new SharedActors();
    for (let index = 0; index <= mostSharedActors; index++) shared.add(Object.freeze({ role: 'coach', id: `coach-${index}` }));
    expect(shared.get('coach', 'coach-0')).toEqual({ role: 'coach', id: 'coach-0' });
    expect(shared.get('coach', `coach-${mostSharedActors - 1}`)).toBeDefined();
    expect(shared.get('coach', `coach-${mostSharedActors}`)).toBeUndefined();
    expect(shared.get('nurse', 'coach-0')).toBeUndefined();
  });
});
