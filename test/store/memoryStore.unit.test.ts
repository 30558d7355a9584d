import { createMemoryStore } from 'kykypolku';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';
import { describeDeadlineClaimsContract } from './deadlineClaimsContract.js';
import { describeRetentionContract } from './retentionContract.js';

describeEventStoreContract('the memory store', async () => createMemoryStore());
describeIndexedStoreContract('the memory store', async () => createMemoryStore());
describeDeadlineClaimsContract('the memory store', async () => createMemoryStore());
describeRetentionContract('the memory store', async () => ({ store: createMemoryStore() }));
