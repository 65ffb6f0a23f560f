import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../test-support/cli.js';
import { tempDir } from '../test-support/temp.js';

const ROWS = 60_000;
const HEADER =
  'transaction_id,timestamp,debtor_account,debtor_name,debtor_bank,debtor_country,creditor_account,creditor_name,creditor_bank,creditor_country,amount,currency,amount_usd,channel,purpose';

function transactionsCsv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      `T${i},2026-03-${day}T10:00:00Z,US${i % 5000},Holder ${i % 5000},BANKUS,US,MX${i % 700},Payee ${i % 700},BANKMX,MX,${(i % 9999) + 0.5},USD,,wire,inv ${i}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A digest of everything a run leaves, except the times at which it ran. */
function digest(path: string): Record<string, string | number> {
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, string | number> = {};
    const queries: Record<string, string> = {
      transactions: 'SELECT * FROM transactions ORDER BY id',
      entities: 'SELECT * FROM entities ORDER BY id',
      statements: 'SELECT * FROM statements ORDER BY entity_id, prop, value, dataset',
      runs: 'SELECT id, dataset, source_file, format, file_sha256, status, read_count, rejected_count FROM ingest_runs ORDER BY id',
    };
    for (const [name, sql] of Object.entries(queries)) {
      const hash = createHash('sha256');
      let n = 0;
      for (const row of db.prepare(sql).iterate()) {
        hash.update(JSON.stringify(row));
        n++;
      }
      out[`${name}.count`] = n;
      out[`${name}.sha256`] = hash.digest('hex');
    }
    return out;
  } finally {
    db.close();
  }
}

function countTransactions(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM transactions').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

describe('an ingest killed with SIGKILL, then run again', () => {
  const tmp = tempDir('chokepoint-kill-');
  let input: string;
  beforeAll(() => {
    input = tmp.file('payments.csv', transactionsCsv(ROWS));
  });
  afterAll(() => tmp.cleanup());

  it('leaves exactly what one clean run leaves', async () => {
    const killedDb = join(tmp.dir, 'killed.db');
    const args = ['ingest', input, '--dataset', 'bank', '--batch-size', '1000'];
    const child = startCli([...args, '--db', killedDb]);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill once some batches have been committed but well before the end.
    let seen = 0;
    const deadline = Date.now() + 60_000;
    while (seen < 5_000 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      seen = countTransactions(killedDb);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const partial = countTransactions(killedDb);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS);
    expect(partial % 1000).toBe(0); // whole batches only: never a half-written one

    const rerun = runCli([...args, '--db', killedDb, '--json']);
    expect(rerun.status, rerun.stderr).toBe(0);
    const summary = JSON.parse(rerun.stdout) as { files: { summary: { counts: Record<string, number> } }[] };
    expect(summary.files[0]?.summary.counts).toMatchObject({ read: ROWS, unchanged: partial, stored: ROWS - partial });

    const cleanDb = join(tmp.dir, 'clean.db');
    const clean = runCli([...args, '--db', cleanDb]);
    expect(clean.status, clean.stderr).toBe(0);
    expect(digest(killedDb)).toEqual(digest(cleanDb));
    expect(digest(cleanDb)['transactions.count']).toBe(ROWS);
  });
});
