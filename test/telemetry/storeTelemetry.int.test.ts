import { PGlite } from '@electric-sql/pglite';
import { createMemoryStore } from 'kykypolku';
import { createPgliteStore } from 'kykypolku/postgres';
import { describeStoreTelemetry } from './storeTelemetryContract.js';

const telemetryOf = (options?: { readonly caseIds?: boolean }) => (options?.caseIds ? { telemetry: { recordCaseIds: true } } : {});

describeStoreTelemetry('the memory store', { kind: 'memory', fresh: async (options) => createMemoryStore(telemetryOf(options)) });

describeStoreTelemetry('the PGlite store', {
  kind: 'pglite',
  fresh: (options) => createPgliteStore(telemetryOf(options)),
  async unreachable() {
    const db = new PGlite();
    const store = await createPgliteStore({ db });
    await db.close();
    return store;
  },
  async failing() {
    const db = new PGlite();
    const store = await createPgliteStore({ db });
    await db.exec('DROP TABLE kykypolku_heads CASCADE');
    return store;
  },
});
