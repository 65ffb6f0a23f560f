import { createScratchDatabase } from '../../test-support/postgres.js';
import { describeDatasetContract } from '../datasets.suite.js';
import { PostgresStore } from './postgres-store.js';

describeDatasetContract('PostgreSQL', async () => {
  const db = await createScratchDatabase();
  const store = await PostgresStore.open(db.url);
  return {
    store,
    reopen: async () => PostgresStore.open(db.url),
    cleanup: async () => {
      await store.close();
      await db.drop();
    },
  };
});
