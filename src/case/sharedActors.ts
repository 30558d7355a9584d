import type { EventActor } from '../path/recordedEvent.js';

/**
 * The frozen actors of a compiled path's events, shared by every case of the path: the few dozen
 * people who record a path's events (coordinators, team members, coaches) are frozen once per
 * process, not once per case replayed. Only an actor whose strings an event has already been checked
 * for (inside the value domain, a well-formed envelope) is added, so one found here needs no walk of
 * its strings again. Bounded: past {@link mostSharedActors} a path's new actors are frozen per case,
 * as before, so a process replaying a million cases of as many people holds a bounded map.
 *
 * @internal
 */
export class SharedActors {
  readonly #byRole = new Map<string, Map<string, EventActor>>();
  #size = 0;
  // The last answer: replay asks for an event's actor twice (its strings' check, then the event it
  // makes), with the same strings, so the second is two comparisons instead of two map look-ups.
  #lastRole: string | undefined;
  #lastId: string | undefined;
  #last: EventActor | undefined;

  /** The shared frozen actor with this role and id, if one is kept. */
  get(role: string, id: string): EventActor | undefined {
    if (role === this.#lastRole && id === this.#lastId) return this.#last;
    const found = this.#byRole.get(role)?.get(id);
    this.#lastRole = role;
    this.#lastId = id;
    this.#last = found;
    return found;
  }

  /** Keeps a frozen actor whose strings are inside the value domain, while there is room. */
  add(actor: EventActor): void {
    if (this.#size >= mostSharedActors) return;
    let byId = this.#byRole.get(actor.role);
    if (!byId) {
      byId = new Map();
      this.#byRole.set(actor.role, byId);
    }
    if (byId.has(actor.id)) return;
    byId.set(actor.id, actor);
    this.#size++;
    if (actor.role === this.#lastRole && actor.id === this.#lastId) this.#last = actor;
  }
}

/** How many actors one path shares at most: far past a service's staff, small beside a case's events. */
export const mostSharedActors = 4096;
