import type { z } from 'zod';

/**
 * One validation problem as zod reports it, with what the client sent taken out: no `input`, at
 * most five unknown keys named (each a short excerpt), and a bounded message.
 */
export type EventIssue = z.core.$ZodIssue;

/**
 * Why an event was not recorded. A union keyed by a stable `code`: programs switch on `code`, people
 * read `message`. Codes are public API; new ones may be added, none is renamed or reused. A rejected
 * event changes nothing: the case's state, history and seq are as they were.
 *
 * @example
 * ```ts
 * const outcome = caseRef.record(input);
 * if (!outcome.ok) {
 *   switch (outcome.rejection.code) {
 *     case 'RULE_VIOLATED':
 *       return showRule(outcome.rejection.ruleId);
 *     case 'INVALID_EVENT':
 *       return showIssues(outcome.rejection.issues);
 *     default:
 *       return showMessage(outcome.rejection.message);
 *   }
 * }
 * ```
 */
export type Rejection =
  | {
      /** The input is not a well-formed event: zod's issues say where. */
      readonly code: 'INVALID_EVENT';
      readonly message: string;
      readonly issues: readonly EventIssue[];
    }
  | {
      /**
       * The input's `eventId` already names another event of the case: the same id with a
       * different type, time, actor or payload. A retry of the very same event is answered as
       * already recorded instead. `seq` is the event the id names.
       */
      readonly code: 'EVENT_ID_TAKEN';
      readonly message: string;
      readonly seq: number;
    }
  | {
      /** The path has no event of this type. */
      readonly code: 'UNKNOWN_EVENT_TYPE';
      readonly message: string;
      readonly eventType: string;
    }
  | {
      /** The actor's role may not record this event type on this path. */
      readonly code: 'ROLE_NOT_PERMITTED';
      readonly message: string;
      readonly role: string;
      readonly eventType: string;
      readonly permittedRoles: readonly string[];
    }
  | {
      /** The case has ended; nothing more can be recorded on it. */
      readonly code: 'CASE_CLOSED';
      readonly message: string;
      readonly eventType: string;
      readonly state: string;
    }
  | {
      /** The event's `at` is earlier than the case's last recorded event. */
      readonly code: 'TIME_WENT_BACKWARDS';
      readonly message: string;
      readonly at: string;
      readonly lastAt: string;
    }
  | {
      /** The machine has no transition for this event in the case's current state. */
      readonly code: 'NOT_ALLOWED_IN_STATE';
      readonly message: string;
      readonly eventType: string;
      readonly state: string;
    }
  | {
      /** Recording the event would break a hard rule of the path. */
      readonly code: 'RULE_VIOLATED';
      readonly message: string;
      readonly eventType: string;
      readonly state: string;
      readonly ruleId: string;
    };

/** Every rejection code, read off the union. */
export type RejectionCode = Rejection['code'];

/** The rejection of one code. */
export type RejectionOf<TCode extends RejectionCode> = Extract<Rejection, { code: TCode }>;

/**
 * All rejection codes in the order the pipeline checks them, for documentation and exhaustive
 * tests.
 *
 * @example
 * ```ts
 * rejectionCodes.includes('RULE_VIOLATED'); // true
 * ```
 */
export const rejectionCodes = [
  'UNKNOWN_EVENT_TYPE',
  'INVALID_EVENT',
  'EVENT_ID_TAKEN',
  'ROLE_NOT_PERMITTED',
  'CASE_CLOSED',
  'TIME_WENT_BACKWARDS',
  'NOT_ALLOWED_IN_STATE',
  'RULE_VIOLATED',
] as const satisfies readonly RejectionCode[];
