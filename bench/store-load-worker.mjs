// Bulk loading of typed transaction rows through Store.writeBatch: the store's own speed,
// without parsing. Prints one JSON line.
import { contentId } from '../dist/model/index.js';
import { openStore } from '../dist/store/index.js';
import { percentiles } from './stats.mjs';

const [db, rowsArg, batchArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const batchSize = Number(batchArg ?? 5000);
const store = await openStore(db);
const provenance = { dataset: 'bench', sourceFile: 'bench.csv', sourceLine: 0, runId: 'bench-run' };

function transaction(i) {
  return {
    id: contentId('tx', i),
    sourceId: `T${i}`,
    timestamp: Date.UTC(2026, 0, 1) + i * 1000,
    debtorAccount: `US${i % 50_000}`,
    debtorName: `Holder ${i % 50_000}`,
    debtorBank: 'BANKUS',
    debtorCountry: 'US',
    creditorAccount: `MX${i % 20_000}`,
    creditorName: `Payee ${i % 20_000}`,
    creditorBank: 'BANKMX',
    creditorCountry: 'MX',
    amount: (i % 99_999) / 10,
    currency: 'USD',
    amountUsd: (i % 99_999) / 10,
    channel: 'wire',
    purpose: `invoice ${i}`,
    debtorAccountEntityId: `acct-us-${i % 50_000}`,
    creditorAccountEntityId: `acct-mx-${i % 20_000}`,
    truthLaundering: null,
    truthScheme: null,
  };
}

// Records are built before the clock starts for their batch: this measures the store, not
// the making of test rows (parsing and id derivation are measured by the ingest benchmarks).
const latencies = [];
for (let start = 0; start < rows; start += batchSize) {
  const transactions = [];
  for (let i = start; i < Math.min(rows, start + batchSize); i++) {
    transactions.push({ transaction: transaction(i), provenance: { ...provenance, sourceLine: i + 2 } });
  }
  const t = performance.now();
  await store.writeBatch({ entities: [], shipments: [], transactions });
  latencies.push(performance.now() - t);
}
const seconds = latencies.reduce((a, b) => a + b, 0) / 1000;
await store.close();
process.stdout.write(
  `${JSON.stringify({ store: store.kind, rows, seconds, rowsPerSecond: rows / seconds, batchMs: percentiles(latencies), peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
