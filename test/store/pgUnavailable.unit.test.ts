import { describe, expect, it } from 'vitest';
import { isPgUnavailable } from '../../src/store/postgres/postgresStore.js';

// What the PostgreSQL store answers STORE_UNAVAILABLE ("try again, the same event ids") rather than
// STORE_FAILED ("the statement failed; retrying will fail the same way"). After a failover a pool
// can reach a server that is not (yet) the primary, or stop getting answers at all.
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('isPgUnavailable', () => {
  it('a read-only server (25006): a standby not yet promoted, where a pool points after a failover', () => {
    expect(isPgUnavailable(pgError('25006', 'cannot execute INSERT in a read-only transaction'))).toBe(true);
  });

  it("pg's query_timeout expiring: a server that stopped answering", () => {
    expect(isPgUnavailable(new Error('Query read timeout'))).toBe(true);
  });

  it('the outages it knew already, and not a statement the server refused', () => {
    expect(isPgUnavailable(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isPgUnavailable(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isPgUnavailable(pgError('08006', 'connection failure'))).toBe(true);
    expect(isPgUnavailable(pgError('23514', 'new row violates check constraint'))).toBe(false);
    expect(isPgUnavailable(pgError('42P01', 'relation does not exist'))).toBe(false);
  });
});
