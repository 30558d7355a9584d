import { z } from 'zod';
import { isoDate } from '../../src/path/index.js';

/**
 * Kykyviisari®, the work-ability and functional-capacity self-assessment of Työterveyslaitos (TTL,
 * the Finnish Institute of Occupational Health; not THL, domain.md §0). The library treats it as an
 * outside instrument: it records that it was filled in, when and in which phase, with the area scores
 * the Kykyviisari service gives. It computes no score and ships no questionnaire text.
 *
 * The seven areas are those the Eksote handbook names (S3 `003_b3609eb1a20809d4.txt`:229).
 */
export const kykyviisariAreas = ['wellbeing', 'participation', 'mind', 'everydayLife', 'skills', 'body', 'workAndFuture'] as const;

/** One Kykyviisari area. */
export type KykyviisariArea = (typeof kykyviisariAreas)[number];

/** Names of the areas as the handbook gives them (S3:229), with Swedish and English. */
export const kykyviisariAreaLabels = {
  wellbeing: { fi: 'Hyvinvointi', sv: 'Välbefinnande', en: 'Well-being' },
  participation: { fi: 'Osallisuus', sv: 'Delaktighet', en: 'Participation' },
  mind: { fi: 'Mieli', sv: 'Sinne', en: 'Mind' },
  everydayLife: { fi: 'Arki', sv: 'Vardag', en: 'Everyday life' },
  skills: { fi: 'Taidot', sv: 'Färdigheter', en: 'Skills' },
  body: { fi: 'Keho', sv: 'Kropp', en: 'Body' },
  workAndFuture: { fi: 'Työ ja tulevaisuus', sv: 'Arbete och framtid', en: 'Work and future' },
} as const satisfies Record<KykyviisariArea, { fi: string; sv: string; en: string }>;

/**
 * When in a client relationship the instrument was filled in: at the start, about six months in, at the
 * end (S1 `001_55550c4af1568658.txt`:243).
 */
export const kykyviisariPhase = z.enum(['baseline', 'followup', 'final']);

/** An area score as the Kykyviisari service reports it, on its 0–10 scale. */
const areaScore = z.number().min(0).max(10);

/**
 * The payload of a `KYKYVIISARI_RECORDED` event, shared by every path that uses the instrument: the
 * instrument version (the area set may change between versions), the phase, the day it was filled
 * in, and optionally the area scores supplied from outside.
 *
 * @example
 * ```ts
 * kykyviisariRecorded.parse({ instrumentVersion: '2022', phase: 'baseline', administeredOn: '2025-03-05' });
 * ```
 */
export const kykyviisariRecorded = z.strictObject({
  instrumentVersion: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,20}$/)
    .max(20)
    .meta({ examples: ['2022'] }),
  phase: kykyviisariPhase,
  administeredOn: isoDate,
  areaScores: z
    .strictObject(
      Object.fromEntries(kykyviisariAreas.map((area) => [area, areaScore.optional()])) as Record<
        KykyviisariArea,
        z.ZodOptional<typeof areaScore>
      >,
    )
    .optional(),
});

/** A Kykyviisari record as a payload. */
export type KykyviisariRecorded = z.infer<typeof kykyviisariRecorded>;
