import { createMemoryStore } from 'kykypolku';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';

describeEventStoreContract('the memory store', async () => createMemoryStore());
describeIndexedStoreContract('the memory store', async () => createMemoryStore());
