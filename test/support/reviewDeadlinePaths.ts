import { addDays, definePath, type DeadlineMigration } from 'kykypolku';
import { reviewPath } from './reviewPath.js';
import { reviewSpecV2 } from './reviewPathV2.js';

/**
 * A v1 → v2 change that moves a deadline: v1 wants a submitted document reviewed within a week,
 * v2 within two weeks. Each v2 declares what the change does to the due date of a case that
 * migrates to it (`onMigration`), one of the four readings; the migration names v1, whose rule
 * gave the due date being kept.
 */
export function reviewPathV2Deadline(onMigration: DeadlineMigration | undefined) {
  const v2 = reviewSpecV2();
  const [weekly] = v2.deadlines;
  return definePath({
    ...v2,
    deadlines: [
      {
        ...weekly,
        label: { fi: 'fi: Reviewed within two weeks', sv: 'sv: Reviewed within two weeks', en: 'Reviewed within two weeks' },
        dueAt: (history: readonly { type: string; at: string }[]) => {
          const submitted = history.find((event) => event.type === 'SUBMITTED');
          if (!submitted || history.some((event) => event.type === 'REVIEWED')) return undefined;
          return addDays(submitted.at, 14);
        },
        ...(onMigration === undefined ? {} : { onMigration }),
      },
    ],
    migrations: [{ from: 1, fromPath: reviewPath }],
  });
}

/** One catalogue module per reading, for `kykypolku migrate-check --module`. */
export const readings = ['recompute', 'keep-due-date', 'keep-remaining', 'restart'] as const;
