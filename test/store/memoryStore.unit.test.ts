import { createMemoryStore } from 'kykypolku';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';
import { describeDeadlineClaimsContract } from './deadlineClaimsContract.js';
import { describeRetentionContract } from './retentionContract.js';
import { describeOrganisationContract } from './organisationContract.js';
import { describeAccessLogContract } from './accessLogContract.js';
import { describeConsentContract } from './consentContract.js';
import { describeOrganisationRetentionContract } from './organisationRetentionContract.js';

describeEventStoreContract('the memory store', async () => createMemoryStore());
describeIndexedStoreContract('the memory store', async () => createMemoryStore());
describeDeadlineClaimsContract('the memory store', async () => createMemoryStore());
describeRetentionContract('the memory store', async () => ({ store: createMemoryStore() }));
describeEventStoreContract('the memory store opened for an organisation', async () => createMemoryStore({ organisation: 'county-a' }));
describeIndexedStoreContract('the memory store opened for an organisation', async () => createMemoryStore({ organisation: 'county-a' }));
describeDeadlineClaimsContract('the memory store opened for an organisation', async () => createMemoryStore().forOrganisation('county-a'));
describeOrganisationContract('the memory store', async () => {
  const unscoped = createMemoryStore();
  return { unscoped, forOrganisation: async (organisation) => unscoped.forOrganisation(organisation) };
});
describeConsentContract('the memory store', async () => {
  const unscoped = createMemoryStore();
  return { unscoped, forOrganisation: async (organisation) => unscoped.forOrganisation(organisation) };
});
describeAccessLogContract('the memory store', async () => {
  const unscoped = createMemoryStore();
  return { unscoped, forOrganisation: async (organisation) => unscoped.forOrganisation(organisation) };
});
describeOrganisationRetentionContract('the memory store', async () => {
  const unscoped = createMemoryStore();
  return { unscoped, forOrganisation: async (organisation) => unscoped.forOrganisation(organisation) };
});
