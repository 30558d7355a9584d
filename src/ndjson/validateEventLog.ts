import type { AnyPathDefinition } from '../path/definition.js';
import { createCaseCore, type CaseCore } from '../case/caseCore.js';
import { compilePath } from '../case/compilePath.js';
import { caseIdProblem } from '../case/caseId.js';
import { maxCaseIdLength } from '../schema/codeStrings.js';
import { recordInput } from '../case/eventPipeline.js';
import { applyRecordedEvent } from '../case/replayCase.js';
import { describeStateValue } from '../machine/stateNodes.js';
import type { RecordedEvent } from '../path/recordedEvent.js';

/** What a log says of one case: every line accepted, or the first line that was not. */
export type LogCaseVerdict =
  | {
      readonly caseId: string;
      readonly status: 'accepted';
      /** Lines of the case, all accepted. */
      readonly events: number;
      /** The state the case ends in, and whether it is closed. */
      readonly state: string;
      readonly closed: boolean;
    }
  | {
      readonly caseId: string;
      readonly status: 'rejected';
      /** Lines of the case accepted before the first rejected one. */
      readonly events: number;
      /** 1-based line number of the first rejected line. */
      readonly line: number;
      /** A rejection code of `record` (`RULE_VIOLATED`, …) or of replay (`OUT_OF_SEQUENCE`, …). */
      readonly code: string;
      readonly message: string;
      /** Lines of the case after the rejected one, not checked. */
      readonly skippedLines: number;
    };

/** A line that belongs to no case: not JSON, not an object, or without a `caseId`. */
export interface LogLineProblem {
  readonly line: number;
  readonly code: 'MALFORMED_LINE';
  readonly message: string;
}

/** Counts over the whole log. */
export interface LogValidationSummary {
  readonly lines: number;
  readonly cases: number;
  readonly acceptedCases: number;
  readonly rejectedCases: number;
  readonly acceptedEvents: number;
  readonly malformedLines: number;
  /** Rejected cases by the code of their first rejected line. */
  readonly rejectedByCode: Readonly<Record<string, number>>;
}

/** The outcome of {@link validateEventLog}. */
export interface LogValidation {
  /** One verdict per case, in the order the cases first appear in the log. */
  readonly verdicts: readonly LogCaseVerdict[];
  /** Lines that belong to no case (the first 1 000; the summary counts them all). */
  readonly problems: readonly LogLineProblem[];
  readonly summary: LogValidationSummary;
}

/** Options of {@link validateEventLog}. */
export interface ValidateEventLogOptions {
  /** Called every `progressEvery` lines (default 100 000) with the lines read so far. */
  readonly onProgress?: (linesRead: number) => void;
  readonly progressEvery?: number;
  /** Called with each event a line made, as recorded, in log order (for an import). */
  readonly onAccepted?: (event: RecordedEvent) => void;
}

interface CaseTrack {
  core: CaseCore | undefined;
  events: number;
  verdict: LogCaseVerdict | undefined;
  skipped: number;
}

const keptProblems = 1000;
const byteOrderMark = '\uFEFF';

/**
 * Checks a host's event log, one JSON object a line, many cases interleaved, through a path's rules:
 * each line is either an input (`{ caseId, type, at, actor, payload }`, as `record` takes it) or a
 * recorded event (with `seq` and `path`, as a store keeps it). Each case is replayed line by line; the
 * first line a case's path refuses is reported with its code and reason, and the case's later lines
 * are skipped. A UTF-8 byte order mark at the start of the first line is ignored; anywhere else it
 * makes the line a `MALFORMED_LINE`. Streams: memory grows with the number of cases, not of lines.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { createInterface } from 'node:readline';
 *
 * const lines = createInterface({ input: createReadStream('events.ndjson'), crlfDelay: Infinity });
 * const { summary, verdicts } = await validateEventLog(workabilityPath, lines);
 * for (const verdict of verdicts) if (verdict.status === 'rejected') console.log(verdict.caseId, verdict.line, verdict.code);
 * ```
 */
export async function validateEventLog(
  definition: AnyPathDefinition,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ValidateEventLogOptions = {},
): Promise<LogValidation> {
  const plan = compilePath(definition);
  const cases = new Map<string, CaseTrack>();
  const problems: LogLineProblem[] = [];
  let malformedLines = 0;
  let lineNumber = 0;
  const progressEvery = options.progressEvery ?? 100_000;
  const problem = (message: string) => {
    malformedLines++;
    if (problems.length < keptProblems) problems.push({ line: lineNumber, code: 'MALFORMED_LINE', message });
  };

  for await (const line of lines) {
    lineNumber++;
    if (options.onProgress && lineNumber % progressEvery === 0) options.onProgress(lineNumber);
    // Windows tools write a UTF-8 byte order mark; RFC 8259 §8.1 lets a reader ignore it at the start.
    const text = lineNumber === 1 && line.startsWith(byteOrderMark) ? line.slice(1) : line;
    if (text.trim() === '') continue;
    if (text.startsWith(byteOrderMark)) {
      problem('a byte order mark (U+FEFF) starts the line; only the first line may start with one');
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      problem('not JSON');
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problem('not a JSON object');
      continue;
    }
    const { caseId: rawCaseId } = value as { caseId?: unknown };
    const badCaseId = caseIdProblem(rawCaseId);
    if (badCaseId !== undefined) {
      // The value domain's case ids: the same as openCase and store.append take.
      problem(
        typeof rawCaseId === 'string' && rawCaseId.length > 0 && rawCaseId.length <= maxCaseIdLength
          ? `caseId ${badCaseId}`
          : 'no caseId (a non-empty string of at most 200 characters)',
      );
      continue;
    }
    const caseId = rawCaseId as string;
    let track = cases.get(caseId);
    if (!track) {
      track = { core: createCaseCore(plan, caseId, { keepsHistory: false }), events: 0, verdict: undefined, skipped: 0 };
      cases.set(caseId, track);
    }
    if (!track.core) {
      track.skipped++;
      continue;
    }
    const rejected = (code: string, message: string) => {
      track!.verdict = { caseId, status: 'rejected', events: track!.events, line: lineNumber, code, message, skippedLines: 0 };
      track!.core = undefined;
    };
    if ('seq' in value) {
      const failure = applyRecordedEvent(track.core, value, track.events);
      if (failure) {
        rejected(failure.code === 'EVENT_REJECTED' ? failure.rejection.code : failure.code, failure.message);
        continue;
      }
      options.onAccepted?.(track.core.lastEvent!);
    } else {
      const { caseId: _caseId, ...input } = value as Record<string, unknown>;
      const result = recordInput(track.core, input);
      if (!result.ok) {
        rejected(result.rejection.code, result.rejection.message);
        continue;
      }
      options.onAccepted?.(result.event);
    }
    track.events++;
  }

  const verdicts: LogCaseVerdict[] = [];
  const rejectedByCode: Record<string, number> = {};
  let acceptedEvents = 0;
  for (const [caseId, track] of cases) {
    acceptedEvents += track.events;
    if (track.verdict?.status === 'rejected') {
      rejectedByCode[track.verdict.code] = (rejectedByCode[track.verdict.code] ?? 0) + 1;
      verdicts.push({ ...track.verdict, skippedLines: track.skipped });
    } else if (track.core) {
      verdicts.push({
        caseId,
        status: 'accepted',
        events: track.events,
        state: describeStateValue(track.core.snapshot.value),
        closed: track.core.snapshot.status !== 'active',
      });
    }
  }
  const rejectedCases = verdicts.filter((verdict) => verdict.status === 'rejected').length;
  return {
    verdicts,
    problems,
    summary: {
      lines: lineNumber,
      cases: cases.size,
      acceptedCases: cases.size - rejectedCases,
      rejectedCases,
      acceptedEvents,
      malformedLines,
      rejectedByCode,
    },
  };
}
