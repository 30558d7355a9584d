import type { Label, Language } from '../path/label.js';
import { formatCount } from './reportFormat.js';

/** The report's own words in every supported language. @internal */
export const reportWords = {
  index: { fi: 'Polut', sv: 'Vägar', en: 'Paths' },
  versionDiffs: { fi: 'Versioiden erot', sv: 'Skillnader mellan versioner', en: 'Differences between versions' },
  differences: { fi: 'Erot', sv: 'Skillnader', en: 'Differences' },
  reportTitle: { fi: 'Palvelupolkujen raportti', sv: 'Rapport om servicevägarna', en: 'Service path report' },
  backToIndex: { fi: '← Kaikki polut', sv: '← Alla vägar', en: '← All paths' },
  diagram: { fi: 'Kaavio', sv: 'Diagram', en: 'Diagram' },
  table: { fi: 'Polkutaulukko', sv: 'Vägtabell', en: 'Path table' },
  rules: { fi: 'Säännöt ja lähteet', sv: 'Regler och källor', en: 'Rules and sources' },
  check: { fi: 'Mallintarkistus', sv: 'Modellkontroll', en: 'Model checker' },
  checkMissing: {
    fi: 'Mallintarkistimen tuloksia ei annettu tälle raportille (kykypolku check).',
    sv: 'Modellkontrollens resultat gavs inte för denna rapport (kykypolku check).',
    en: "The model checker's results were not given for this report (kykypolku check).",
  },
  statusProved: {
    fi: 'Kaikki säännöt pätevät kaikissa saavutettavissa tiloissa.',
    sv: 'Alla regler gäller i alla nåbara tillstånd.',
    en: 'Every rule holds in every reachable state.',
  },
  statusViolated: { fi: 'Jokin sääntö rikkoutuu.', sv: 'Någon regel bryts.', en: 'A rule is broken.' },
  statusIncomplete: {
    fi: 'Tarkistus jäi kesken (raja tuli vastaan).',
    sv: 'Kontrollen avbröts (en gräns nåddes).',
    en: 'The check stopped at a budget.',
  },
  held: { fi: 'pätee', sv: 'gäller', en: 'holds' },
  violated: { fi: 'rikkoutuu', sv: 'bryts', en: 'broken' },
  undecided: { fi: 'ratkaisematta', sv: 'inte avgjord', en: 'not decided' },
  cases: { fi: 'Asiakkuudet', sv: 'Ärenden', en: 'Cases' },
  casesFrom: { fi: 'Aineisto', sv: 'Underlag', en: 'Data' },
  kindTarget: { fi: 'tavoite', sv: 'mål', en: 'target' },
  kindDecision: { fi: 'päätös', sv: 'beslut', en: 'decision' },
  line: { fi: 'rivi', sv: 'rad', en: 'line' },
  lines: { fi: 'rivit', sv: 'raderna', en: 'lines' },
  sources: { fi: 'Lähteet', sv: 'Källor', en: 'Sources' },
  casesCount: { fi: 'asiakkuutta', sv: 'ärenden', en: 'cases' },
  closedCount: { fi: 'päättynyt', sv: 'avslutade', en: 'closed' },
  asOf: { fi: 'tilanne', sv: 'läge', en: 'as of' },
  funnel: {
    fi: 'Suppilo: tilaan päässeet asiakkuudet',
    sv: 'Tratt: ärenden som nådde varje tillstånd',
    en: 'Funnel: cases that reached each state',
  },
  endReasons: {
    fi: 'Päättymisen syyt ja avoimet tiloittain',
    sv: 'Orsaker till avslut och öppna ärenden per tillstånd',
    en: 'End reasons, and open cases by state',
  },
  open: { fi: 'avoinna', sv: 'öppen', en: 'open' },
  timeInState: {
    fi: 'Aika tilassa (päivää; mediaani, kvartiilit, 90 %)',
    sv: 'Tid i tillståndet (dagar; median, kvartiler, 90 %)',
    en: 'Time in state (days; median, quartiles, 90th percentile)',
  },
  days: { fi: 'pv', sv: 'd', en: 'd' },
  overdue: {
    fi: 'Myöhässä olevat määräajat (avoimet asiakkuudet)',
    sv: 'Försenade tidsfrister (öppna ärenden)',
    en: 'Overdue deadlines (open cases)',
  },
  overdueOf: { fi: 'myöhässä', sv: 'försenade', en: 'overdue' },
  dueOf: { fi: 'erääntyvää', sv: 'förfallna', en: 'due' },
  language: { fi: 'Kieli', sv: 'Språk', en: 'Language' },
  zoomIn: { fi: 'Lähennä', sv: 'Zooma in', en: 'Zoom in' },
  zoomOut: { fi: 'Loitonna', sv: 'Zooma ut', en: 'Zoom out' },
  zoomFit: { fi: 'Koko kaavio', sv: 'Hela diagrammet', en: 'Fit' },
  diagramHint: {
    fi: 'Vedä siirtääksesi, rullaa tai käytä painikkeita lähentääksesi; napsauta tilaa nähdäksesi, mitä siitä seuraa.',
    sv: 'Dra för att flytta, rulla eller använd knapparna för att zooma; klicka på ett tillstånd för att se vad som följer.',
    en: 'Drag to pan, scroll or use the buttons to zoom; click a state to see what leaves it.',
  },
  states: {
    fi: 'Tilat ja niistä lähtevät tapahtumat',
    sv: 'Tillstånd och händelserna som lämnar dem',
    en: 'States and the events that leave them',
  },
  leavesTo: { fi: 'siirtyy tilaan', sv: 'går till', en: 'goes to' },
  staysIn: { fi: 'pysyy tilassa', sv: 'stannar i tillståndet', en: 'stays in the state' },
  mayRecord: { fi: 'Kirjaa', sv: 'Registreras av', en: 'Recorded by' },
  condition: { fi: 'Ehto', sv: 'Villkor', en: 'Condition' },
  ruleWord: { fi: 'Sääntö', sv: 'Regel', en: 'Rule' },
  fromEnclosing: { fi: 'ylemmästä tilasta', sv: 'från det omgivande tillståndet', en: 'from the enclosing state' },
  nothingLeaves: {
    fi: 'Päättävä tila: mikään tapahtuma ei lähde siitä.',
    sv: 'Sluttillstånd: ingen händelse lämnar det.',
    en: 'A final state: no event leaves it.',
  },
  simulator: { fi: 'Askeltava simulaattori', sv: 'Stegvis simulator', en: 'Step-through simulator' },
  simulatorIntro: {
    fi:
      'Valitse tapahtuma ja kirjaa se: simulaattori kertoo seuraavan tilan tai hylkäyksen koodin ja säännön. ' +
      'Vastaukset ovat mallintarkistimen läpikäymästä tilaverkosta, samat kuin moottorin.',
    sv:
      'Välj en händelse och registrera den: simulatorn visar nästa tillstånd eller avslagets kod och regel. ' +
      'Svaren kommer ur modellkontrollens genomgångna tillståndsgraf, samma som motorns.',
    en:
      'Choose an event and record it: the simulator shows the next state, or the refusal with its code and rule. ' +
      "Its answers come from the model checker's explored state graph, the same as the engine's.",
  },
  simulatorNeedsScript: {
    fi: 'Simulaattori tarvitsee JavaScriptin. Alla olevat tilat ja polkutaulukko luettelevat jokaisen siirtymän.',
    sv: 'Simulatorn behöver JavaScript. Tillstånden och vägtabellen nedan listar varje övergång.',
    en: 'The simulator needs JavaScript. The states and the path table below list every transition.',
  },
  diagramNeedsScript: {
    fi:
      'Siirtäminen, lähentäminen ja tilan napsauttaminen tarvitsevat JavaScriptin. Kaavio näkyy omassa koossaan ' +
      '(vieritä sivuttain), ja alla olevat tilat kertovat, mitä kustakin seuraa.',
    sv:
      'Att flytta, zooma och klicka på ett tillstånd kräver JavaScript. Diagrammet visas i sin egen storlek ' +
      '(rulla i sidled), och tillstånden nedan visar vad som följer på vart och ett.',
    en:
      'Panning, zooming and clicking a state need JavaScript. The diagram is shown at its own size ' +
      '(scroll sideways), and the states below list what leaves each.',
  },
  simulatorMissing: {
    fi: 'Simulaattoria ei ole: polulla on liian monta tilannetta sivulle upotettavaksi.',
    sv: 'Ingen simulator: vägen har för många lägen för att bäddas in på sidan.',
    en: 'No simulator: the path has too many situations to embed in the page.',
  },
  stateNow: { fi: 'Tila nyt', sv: 'Tillstånd nu', en: 'State now' },
  event: { fi: 'Tapahtuma', sv: 'Händelse', en: 'Event' },
  recordIt: { fi: 'Kirjaa', sv: 'Registrera', en: 'Record' },
  startAgain: { fi: 'Alusta', sv: 'Börja om', en: 'Start again' },
  possibleHere: { fi: 'Hyväksytään tässä tilassa', sv: 'Godtas i detta tillstånd', en: 'Accepted in this state' },
  refusedHere: { fi: 'Hylätään tässä tilassa', sv: 'Avslås i detta tillstånd', en: 'Refused in this state' },
  accepted: { fi: 'Hyväksytty: asiakkuus on nyt tilassa', sv: 'Godtagen: ärendet är nu i tillståndet', en: 'Accepted: the case is now in' },
  refused: { fi: 'Hylätty', sv: 'Avslagen', en: 'Refused' },
  notAllowedInState: {
    fi: 'tapahtumaa ei voi kirjata tässä tilassa.',
    sv: 'händelsen kan inte registreras i detta tillstånd.',
    en: 'the event cannot be recorded in this state.',
  },
  caseClosed: {
    fi: 'asiakkuus on päättynyt; mitään ei voi enää kirjata.',
    sv: 'ärendet är avslutat; inget kan registreras längre.',
    en: 'the case is closed; nothing more can be recorded.',
  },
  breaksRule: { fi: 'rikkoisi säännön', sv: 'skulle bryta regeln', en: 'would break rule' },
  steps: { fi: 'Kirjatut askeleet', sv: 'Registrerade steg', en: 'Recorded steps' },
  noCases: { fi: 'Ei asiakkuuksia.', sv: 'Inga ärenden.', en: 'No cases.' },
  indicators: { fi: 'Palvelun tunnusluvut', sv: 'Tjänstens nyckeltal', en: 'Service indicators' },
  indicatorsMissing: {
    fi: 'Tunnuslukuja ei laskettu tälle raportille.',
    sv: 'Nyckeltalen beräknades inte för denna rapport.',
    en: 'The indicators were not counted for this report.',
  },
  indicatorsCounted: { fi: 'Laskettu ajalta', sv: 'Beräknade för perioden', en: 'Counted for' },
  indicatorPeriod: { fi: 'Kausi', sv: 'Period', en: 'Period' },
  indicatorVersion: { fi: 'Polun versio', sv: 'Vägens version', en: 'Path version' },
  indicatorValue: { fi: 'Luku', sv: 'Värde', en: 'Figure' },
  indicatorOrganisation: { fi: 'Organisaatio', sv: 'Organisation', en: 'Organisation' },
  indicatorAllOrganisations: { fi: 'kaikki', sv: 'alla', en: 'all' },
  indicatorNoCells: { fi: 'Ei tapauksia kaudella.', sv: 'Inga fall under perioden.', en: 'No cases in the period.' },
  generated: {
    fi: 'Tuotettu kykypolulla polkujen määrittelyistä; sama syöte tuottaa saman raportin.',
    sv: 'Skapad av kykypolku ur vägarnas definitioner; samma indata ger samma rapport.',
    en: 'Generated by kykypolku from the path definitions; the same input gives the same report.',
  },
} as const satisfies Record<string, Label>;

/** One of the report's words in a language. @internal */
export function reportWord(word: keyof typeof reportWords, lang: Language): string {
  return reportWords[word][lang];
}

/** The report's sentence for each checker status. @internal */
export const statusWord = { proved: 'statusProved', violated: 'statusViolated', incomplete: 'statusIncomplete' } as const satisfies Record<
  string,
  keyof typeof reportWords
>;

/**
 * What the model checker did, in words a service manager reads: how many situations of a case it
 * went through and how many steps between them, numbers as the language writes them.
 *
 * @internal
 */
export function checkedSentence(states: string, transitions: string, lang: Language): string {
  switch (lang) {
    case 'fi':
      return `Mallintarkistin kävi läpi ${states} tilannetta, joissa asiakkuus voi olla, ja ${transitions} siirtymää niiden välillä.`;
    case 'sv':
      return `Modellkontrollen gick igenom ${states} lägen som ett ärende kan vara i, och ${transitions} övergångar mellan dem.`;
    case 'en':
      return `The model checker went through ${states} situations a case can be in, and ${transitions} steps between them.`;
  }
}

/**
 * Where a synthetic cohort's cases come from, in each language: the CLI's report and demo say so on
 * every page.
 *
 * @internal
 */
export function demoCohortWords(clients: number, seed: number): Label {
  const count = (lang: Language) => formatCount(clients, lang);
  return {
    fi: `demokohortti, ${count('fi')} keksittyä asiakasta, siemenluku ${seed}`,
    sv: `demokohort, ${count('sv')} påhittade klienter, frö ${seed}`,
    en: `demo cohort, ${count('en')} made-up clients, seed ${seed}`,
  };
}
