// One ingest in its own process, so its peak memory is its own. Prints one JSON line.
import { ingestFile } from '../dist/ingest/index.js';
import { openStore } from '../dist/store/index.js';
import { percentiles } from './stats.mjs';

const [path, format, db] = process.argv.slice(2);
const store = await openStore(db);
const latencies = [];
const write = store.writeBatch.bind(store);
store.writeBatch = async (batch) => {
  const t = performance.now();
  try {
    return await write(batch);
  } finally {
    latencies.push(performance.now() - t);
  }
};
const summary = await ingestFile(store, { path, format });
await store.close();
process.stdout.write(
  `${JSON.stringify({
    format,
    rows: summary.counts.read,
    stored: summary.counts.stored,
    rejected: summary.counts.rejected,
    seconds: summary.seconds,
    rowsPerSecond: summary.counts.read / summary.seconds,
    batchMs: percentiles(latencies),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
