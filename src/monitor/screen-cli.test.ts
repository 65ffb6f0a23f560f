import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { runDetectors } from '../detect/index.js';
import { alertedRecords } from '../evaluate/index.js';
import { ingestFile } from '../ingest/index.js';
import { SqliteStore } from '../store/index.js';
import { runCli } from '../test-support/cli.js';
import { SHARED_DATA, tempDir } from '../test-support/temp.js';
import { transactionMonitoringDetector } from './store-detector.js';

const HEADER =
  'transaction_id,timestamp,debtor_account,debtor_name,debtor_country,creditor_account,creditor_name,creditor_country,amount,currency,channel,purpose';

/** Five structured deposits by three mules into a funnel that empties to Mexico, among ordinary payments, and one bad row. */
function worldCsv(): string {
  const rows = [HEADER];
  const mules = ['Ana Cruz', 'Li Wei', 'Tom Hart'];
  [9_400, 9_850, 8_900, 9_700, 9_150].forEach((amount, k) =>
    rows.push(
      `D${k + 1},2024-09-0${k + 2}T10:00:00Z,CASH,${mules[k % 3]},US,US-FUNNEL,Kim Student,US,${amount},USD,cash_deposit,"Cash deposit, branch ${k % 2 ? 'El Paso TX' : 'Phoenix AZ'}"`,
    ),
  );
  rows.push('W1,2024-09-08T10:00:00Z,US-FUNNEL,Kim Student,US,MX-IMP,Importadora Norte,MX,44000,USD,wire,Payment services');
  for (let k = 0; k < 20; k++)
    rows.push(
      `N${k + 1},2024-09-0${(k % 8) + 1}T12:00:00Z,US-C${k},Person ${k},US,US-SHOP,Blue Harbor Retail Corp.,US,${20 + k},USD,card,`,
    );
  rows.push('BAD1,2024-09-10T10:00:00Z,US-C1,Person 1,US,US-SHOP,Shop,US,not-a-number,USD,card,');
  return `${rows.join('\n')}\n`;
}

describe('screen transactions (the built CLI) and the store detector', () => {
  const tmp = tempDir('chokepoint-monitor-');
  afterAll(() => tmp.cleanup());
  const input = tmp.file('payments.csv', worldCsv());

  it('writes one scored row per valid input transaction, in order, flags the structuring and reports the bad row', () => {
    const out = join(tmp.dir, 'scored.csv');
    const run = runCli(['screen', 'transactions', input, '--format', 'csv', '--out', out]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/payments\.csv:28: amount: /);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(['transaction_id', 'score', 'flagged', 'typologies', 'alert_id']);
    expect(rows.map((r) => r.transaction_id)).toEqual([
      ...['D1', 'D2', 'D3', 'D4', 'D5', 'W1'],
      ...Array.from({ length: 20 }, (_, k) => `N${k + 1}`),
    ]);
    for (const r of rows.slice(0, 6)) {
      expect(r.flagged, r.transaction_id).toBe('true');
      expect(r.typologies?.split(';')[0]).toBe('structuring');
      expect(r.alert_id).toMatch(/^[0-9a-f]{40}$/);
    }
    for (const r of rows.slice(6)) expect([r.flagged, r.alert_id]).toEqual(['false', '']);
  });

  it('scores the AMLSim sample, one row per transaction', () => {
    const out = join(tmp.dir, 'amlsim.csv');
    const sample = join(SHARED_DATA, 'amlsim-format', 'transactions_sample.csv');
    const run = runCli(['screen', 'transactions', sample, '--format', 'amlsim', '--out', out, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { transactions: number; rejected: number };
    const lines = readFileSync(sample, 'utf8').trim().split('\n').length - 1;
    expect(summary).toMatchObject({ transactions: lines, rejected: 0 });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(lines + 1);
  });

  it('refuses an invalid policy with a usage error naming the problem', () => {
    const policy = tmp.file('policy.json', JSON.stringify({ name: 'x', version: '1' }));
    const run = runCli(['screen', 'transactions', input, '--policy', policy, '--out', join(tmp.dir, 'never.csv')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/version: expected a semantic version/);
  });

  it('runs over the store as a registered detector: alerts name store ids that map back to the source ids, and a rerun adds nothing', async () => {
    const store = new SqliteStore(join(tmp.dir, 'store.db'));
    try {
      await ingestFile(store, { path: input, format: 'transactions-csv', dataset: 'payments' });
      const detector = transactionMonitoringDetector();
      const raised = await runDetectors(store, [detector]);
      const alerts = await store.listAlerts({ limit: 1000 });
      expect(raised[detector.id]).toBe(alerts.length);
      const records = await alertedRecords(alerts, store);
      const ids = new Set(records.map((r) => `${r.recordKind}:${r.recordId}`));
      for (const id of ['D1', 'D2', 'D3', 'D4', 'D5', 'W1']) expect(ids.has(`transaction:${id}`), id).toBe(true);
      expect(ids.has('account:US-FUNNEL')).toBe(true);
      expect([...ids].some((id) => id.startsWith('transaction:N'))).toBe(false);
      const reasons = alerts.find((a) => a.subjectKind === 'account')?.reasons.map((r) => r.ruleId);
      expect(reasons).toEqual(
        expect.arrayContaining(['structuring.below-threshold', 'structuring.funnel-outflow', 'sar.key-term', 'policy']),
      );
      await runDetectors(store, [detector]);
      expect((await store.listAlerts({ limit: 1000 })).length).toBe(alerts.length);
    } finally {
      await store.close();
    }
  });
});
