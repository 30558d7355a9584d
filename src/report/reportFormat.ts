import type { Label, Language } from '../path/label.js';
import { serviceTimeZone } from '../time/calendar.js';

// Finnish and Swedish as written in Finland; British English for the English page (day before month).
const locales = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const satisfies Record<Language, string>;

const numberFormats = new Map<Language, Intl.NumberFormat>();
const percentFormats = new Map<Language, Intl.NumberFormat>();
const decimalFormats = new Map<Language, Intl.NumberFormat>();
const instantFormats = new Map<Language, Intl.DateTimeFormat>();

function cached<T>(formats: Map<Language, T>, lang: Language, make: () => T): T {
  let format = formats.get(lang);
  if (!format) {
    format = make();
    formats.set(lang, format);
  }
  return format;
}

/** A whole number as the language writes it: `3 343` in Finnish and Swedish, `3,343` in English. @internal */
export function formatCount(value: number, lang: Language): string {
  return cached(numberFormats, lang, () => new Intl.NumberFormat(locales[lang], { maximumFractionDigits: 0 })).format(value);
}

/** A number with one decimal, as the language writes it (`4,5` in Finnish). @internal */
export function formatDecimal(value: number, lang: Language): string {
  return cached(
    decimalFormats,
    lang,
    () => new Intl.NumberFormat(locales[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  ).format(value);
}

/** A share of a whole with one decimal, as the language writes it: `100,0 %` in Finnish. @internal */
export function formatPercent(part: number, whole: number, lang: Language): string {
  const format = cached(
    percentFormats,
    lang,
    () => new Intl.NumberFormat(locales[lang], { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  );
  return format.format(whole === 0 ? 0 : part / whole);
}

/** An instant as a date and time on the Finnish clock, in the language: `28.11.2026 klo 10.00`. @internal */
export function formatInstant(instant: string, lang: Language): string {
  const format = cached(
    instantFormats,
    lang,
    () => new Intl.DateTimeFormat(locales[lang], { timeZone: serviceTimeZone, dateStyle: 'short', timeStyle: 'short' }),
  );
  return format.format(new Date(instant));
}

/** A host's description of where cases come from: the same words in every language, or one per language. @internal */
export function inLanguage(text: string | Label, lang: Language): string {
  return typeof text === 'string' ? text : text[lang];
}
