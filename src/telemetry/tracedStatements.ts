import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { libraryTracer, tracingOn } from './instruments.js';
import { telemetryAttributeNames, postgresqlSystem, telemetrySpanNames } from './telemetryNames.js';
import { thrownType } from './tracedCall.js';

/** The driver port of the SQL stores, by shape (src/store/postgres/sqlClient.ts). */
interface SessionLike {
  query<TRow>(
    text: string,
    values?: readonly unknown[],
    name?: string,
  ): Promise<{ readonly rows: readonly TRow[]; readonly rowCount: number }>;
}

interface ClientLike extends SessionLike {
  transaction<T>(work: (session: SessionLike) => Promise<T>): Promise<T>;
}

/** `/* kykypolku:<name>:<scope> *\/ <VERB> …`: the tag every store statement opens with. */
const taggedStatement = /^\/\* kykypolku:([A-Za-z][A-Za-z0-9]*):([^*]*) \*\/\s*([A-Za-z]+)?/;
const scopes = new Set(['case', 'scan', 'schema']);
/** Verbs that name a statement's operation; a `WITH` statement holds several and gets none. */
const operations = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'SET', 'CREATE', 'ALTER', 'DROP', 'LOCK', 'TRUNCATE']);

/**
 * The span attributes of a statement, read off its tag only: `db.query.summary` is the tag's name,
 * the scope is its `case`/`scan`/`schema`. Never the text's values, nor the text itself (the
 * conventions' `db.query.text` is opt-in, and left out).
 */
export function statementAttributes(text: string): { readonly name: string; readonly attributes: Attributes } {
  const tag = taggedStatement.exec(text);
  if (!tag) return { name: telemetrySpanNames.untaggedStatement, attributes: { [telemetryAttributeNames.dbSystemName]: postgresqlSystem } };
  const verb = tag[3]?.toUpperCase();
  return {
    name: tag[1]!,
    attributes: {
      [telemetryAttributeNames.dbSystemName]: postgresqlSystem,
      [telemetryAttributeNames.dbQuerySummary]: tag[1]!,
      ...(scopes.has(tag[2]!) ? { [telemetryAttributeNames.statementScope]: tag[2]! } : {}),
      ...(verb !== undefined && operations.has(verb) ? { [telemetryAttributeNames.dbOperationName]: verb } : {}),
    },
  };
}

function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function tracedSession<S extends SessionLike>(session: S): SessionLike {
  return {
    query<TRow>(text: string, values?: readonly unknown[], name?: string) {
      if (!tracingOn()) return session.query<TRow>(text, values, name);
      const { name: spanName, attributes } = statementAttributes(text);
      return libraryTracer().startActiveSpan(spanName, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        try {
          return await session.query<TRow>(text, values, name);
        } catch (error) {
          const sqlState = sqlStateOf(error);
          const type = sqlState ?? thrownType(error);
          span.setAttributes({
            [telemetryAttributeNames.errorType]: type,
            ...(sqlState ? { [telemetryAttributeNames.dbResponseStatusCode]: sqlState } : {}),
          });
          span.setStatus({ code: SpanStatusCode.ERROR, message: type });
          throw error;
        } finally {
          span.end();
        }
      });
    },
  };
}

/**
 * The client with a CLIENT span around every statement, named by its `kykypolku:` tag (the
 * conventions' `db.query.summary`), inside a transaction too. Nothing extra runs while no tracer
 * provider is installed.
 *
 * @internal
 */
export function traceStatements<C extends ClientLike>(client: C): C {
  const session = tracedSession(client);
  return {
    ...client,
    query: session.query,
    transaction: (work) => client.transaction((inner) => work(tracedSession(inner))),
  } as C;
}
