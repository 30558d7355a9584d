/** The languages every label of a path is written in: Finnish, Swedish (Finland is bilingual) and English. */
export const languages = ['fi', 'sv', 'en'] as const;

/**
 * A language code that labels, counterexamples and diagrams can be printed in.
 *
 * @example
 * ```ts
 * const lang: Language = 'fi';
 * ```
 */
export type Language = (typeof languages)[number];

/**
 * One name in every supported language. Hosts and diagrams pick the language; the engine never
 * translates.
 *
 * @example
 * ```ts
 * const mapped: Label = { fi: 'Tilanne kartoitettu', sv: 'Situationen kartlagd', en: 'Situation mapped' };
 * ```
 */
export type Label = Readonly<Record<Language, string>>;
