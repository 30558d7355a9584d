import { createMemoryStore } from 'kykypolku';
import { describeEventStoreContract } from './eventStoreContract.js';

describeEventStoreContract('the memory store', async () => createMemoryStore());
