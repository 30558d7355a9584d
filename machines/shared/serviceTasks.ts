import type { ServiceTask } from '../../src/path/index.js';

// The social-care service tasks (palvelutehtävät) of the built-in paths. No seed publishes a code
// value, so none is shipped: the host supplies its code with withServiceTask (docs/hosts.md).

/**
 * For the Essote paths whose clients talk with a social-care professional about work: S1
 * `001_55550c4af1568658.txt`:334 says the task that had to be chosen was "vammaisten henkilöiden
 * työllistymistä tukeva toiminta", the structures knowing no other employment support than it,
 * "vammaisten henkilöiden työhönvalmennus" or "kuntouttava työtoiminta" — and that none fitted.
 */
export const employmentSupportServiceTask: ServiceTask = {
  note: {
    fi:
      'Lähde nimeää palvelutehtäväksi ”vammaisten henkilöiden työllistymistä tukeva toiminta” ja toteaa, ettei mikään tarjolla ' +
      'olevista sopinut; palvelun järjestäjä valitsee palvelutehtävän ja antaa sen koodin.',
    sv:
      'Källan nämner uppgiften ”vammaisten henkilöiden työllistymistä tukeva toiminta” (sysselsättningsfrämjande verksamhet ' +
      'för personer med funktionsnedsättning) och konstaterar att ' +
      'ingen av de tillgängliga passade; anordnaren väljer serviceuppgiften och anger dess kod.',
    en:
      'The source names the task "vammaisten henkilöiden työllistymistä tukeva toiminta" (employment-supporting activity for ' +
      'disabled persons) and says none of those available fitted; ' +
      'the host chooses the service task and supplies its code.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '334' },
};

/** For a path whose sources name no social-care service task: the host chooses one, if it files the path under social care at all. */
export const hostChosenServiceTask: ServiceTask = {
  note: {
    fi: 'Lähteet eivät nimeä sosiaalihuollon palvelutehtävää; palvelun järjestäjä valitsee sen ja antaa sen koodin.',
    sv: 'Källorna nämner ingen serviceuppgift inom socialvården; anordnaren väljer den och anger dess kod.',
    en: 'The sources name no social-care service task; the host chooses it and supplies its code.',
  },
};
