import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDatasetContract } from '../datasets.suite.js';
import { SqliteStore } from './sqlite-store.js';

describeDatasetContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-sqlite-datasets-'));
  const path = join(dir, 'test.db');
  const store = new SqliteStore(path);
  return {
    store,
    reopen: async () => new SqliteStore(path),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
