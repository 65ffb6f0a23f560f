import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../contract.suite.js';
import { SqliteStore } from './sqlite-store.js';

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-sqlite-'));
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
