import type { Label, Language } from '../path/label.js';

/**
 * The engine's words in a version diff (table headings, kinds of change, the legend), in every
 * supported language.
 *
 * @internal
 */
export const diffWords = {
  compound: { fi: 'koostetila', sv: 'sammansatt tillstånd', en: 'compound state' },
  parallel: { fi: 'rinnakkaistila', sv: 'parallellt tillstånd', en: 'parallel state' },
  final: { fi: 'lopputila', sv: 'sluttillstånd', en: 'final state' },
  history: { fi: 'historiatila', sv: 'historiktillstånd', en: 'history state' },
  atomic: { fi: 'tila', sv: 'tillstånd', en: 'state' },
  always: { fi: 'aina', sv: 'alltid', en: 'always' },
  fields: { fi: 'kentät', sv: 'fält', en: 'fields' },
  enforcedBy: { fi: 'varmistavat ehdot', sv: 'säkerställs av', en: 'enforced by' },
  decision: { fi: 'päätös', sv: 'beslut', en: 'decision' },
  target: { fi: 'tavoite', sv: 'mål', en: 'target' },
  assignee: { fi: 'Vastuuhenkilö', sv: 'Ansvarig person', en: 'Who is responsible' },
  assigneeNamed: { fi: 'polku nimeää vastuuhenkilön', sv: 'vägen anger den ansvariga', en: 'the path names the responsible person' },
  state: { fi: 'Tila', sv: 'Tillstånd', en: 'State' },
  transition: { fi: 'Siirtymä', sv: 'Övergång', en: 'Transition' },
  guard: { fi: 'Ehto', sv: 'Villkor', en: 'Condition' },
  event: { fi: 'Tapahtuma', sv: 'Händelse', en: 'Event' },
  role: { fi: 'Rooli', sv: 'Roll', en: 'Role' },
  permission: { fi: 'Kirjaajat', sv: 'Registreras av', en: 'Recorded by' },
  rule: { fi: 'Sääntö', sv: 'Regel', en: 'Rule' },
  deadline: { fi: 'Määräaika', sv: 'Tidsfrist', en: 'Deadline' },
  outcome: { fi: 'Päättymisen syy', sv: 'Orsak till avslut', en: 'End reason' },
  added: { fi: 'lisätty', sv: 'tillagd', en: 'added' },
  removed: { fi: 'poistettu', sv: 'borttagen', en: 'removed' },
  changed: { fi: 'muutettu', sv: 'ändrad', en: 'changed' },
  unchanged: { fi: 'ennallaan', sv: 'oförändrad', en: 'unchanged' },
  what: { fi: 'Mikä', sv: 'Vad', en: 'What' },
  change: { fi: 'Muutos', sv: 'Ändring', en: 'Change' },
  key: { fi: 'Tunnus', sv: 'Kod', en: 'Key' },
  name: { fi: 'Nimi', sv: 'Namn', en: 'Name' },
  before: { fi: 'Ennen', sv: 'Före', en: 'Before' },
  after: { fi: 'Jälkeen', sv: 'Efter', en: 'After' },
  was: { fi: 'oli', sv: 'var', en: 'was' },
  legend: { fi: 'Selite', sv: 'Förklaring', en: 'Legend' },
  noChanges: { fi: 'Ei eroja.', sv: 'Inga skillnader.', en: 'No differences.' },
} as const satisfies Record<string, Label>;

/** One of the diff's words in a language. @internal */
export function diffWord(word: keyof typeof diffWords, lang: Language): string {
  return diffWords[word][lang];
}
