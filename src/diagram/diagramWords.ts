import type { Label, Language } from '../path/label.js';

/**
 * The engine's own words in diagrams, tables and reports, in every supported language. Paths
 * bring their own labels (states, events, guards, rules); these are the words around them.
 *
 * @internal
 */
export const diagramWords = {
  and: { fi: 'ja', sv: 'och', en: 'and' },
  or: { fi: 'tai', sv: 'eller', en: 'or' },
  not: { fi: 'ei', sv: 'inte', en: 'not' },
  otherwise: { fi: 'muuten', sv: 'annars', en: 'otherwise' },
  inState: { fi: 'tilassa', sv: 'i tillståndet', en: 'in state' },
  refused: { fi: 'hylätään', sv: 'avvisas', en: 'refused' },
  eventToRecord: { fi: 'Kirjattava tapahtuma', sv: 'Händelse att registrera', en: 'Event to record' },
  whereIsTheCase: { fi: 'Missä tilassa asiakkuus on?', sv: 'I vilket tillstånd är ärendet?', en: 'Where is the case?' },
  refusedEnd: { fi: 'Hylätty: tila ei muutu', sv: 'Avvisad: tillståndet ändras inte', en: 'Refused: the state stays' },
  outcome: { fi: 'Päättymisen syy?', sv: 'Orsak till avslut?', en: 'End reason?' },
  rememberWhereTheCaseIs: { fi: 'Muistetaan, missä asiakkuus on', sv: 'Kom ihåg var ärendet är', en: 'Remember where the case is' },
  backToWhereItLeft: { fi: 'Takaisin sinne, mihin jäätiin', sv: 'Tillbaka dit ärendet lämnade', en: 'Back to where the case left' },
  whileOpen: { fi: 'Asiakkuuden aikana', sv: 'Medan ärendet pågår', en: 'While the case is open' },
  history: { fi: 'H', sv: 'H', en: 'H' },
  caseDataUpdated: { fi: 'Tapauksen tiedot päivitetty', sv: 'Ärendets uppgifter uppdaterade', en: 'Case data updated' },
  rule: { fi: 'sääntö', sv: 'regel', en: 'rule' },
  goesOnTo: { fi: 'mihin seuraavaksi?', sv: 'vart sedan?', en: 'where next?' },
  entersPhase: { fi: 'mihin vaiheeseen?', sv: 'till vilken fas?', en: 'into which phase?' },
  recordedBy: { fi: 'Kirjaajat', sv: 'Registreras av', en: 'Recorded by' },
} as const satisfies Record<string, Label>;

/** One of the engine's words in a language. @internal */
export function wordIn(word: keyof typeof diagramWords, lang: Language): string {
  return diagramWords[word][lang];
}
