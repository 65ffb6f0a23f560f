import { Command } from 'commander';
import { EMPTY_CONTEXT, loadPolicy, PolicyError } from '../../monitor/index.js';
import {
  allowHeapGrowth,
  CheckpointError,
  DEFAULT_HEAP_GROWTH_PERCENT,
  DEFAULT_STREAM_OPTIONS,
  MAX_EVIDENCE,
  MAX_RING_CAPACITY,
  MonitorSession,
  parsePartition,
  PauseReport,
  runJetStream,
  runLines,
  streamPolicy,
  streamSupport,
  warmUp,
  WHOLE_STREAM,
  type Partition,
} from '../../monitor/stream/index.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors.js';
import { nonNegativeInt, positiveInt } from '../options.js';

interface MonitorOptions {
  policy?: string;
  nats?: string;
  subject?: string;
  durable?: string;
  checkpoint?: string;
  checkpointEvery: number;
  checkpointSeconds: number;
  partition?: string;
  out?: string;
  maxAccountRows: number;
  unflaggedEvidence: number;
  reportPauses?: number;
  heapGrowth: number;
  threads: number;
  quiet?: boolean;
}

/** More decision threads than this only copy the window again (each keeps a whole replica). */
const MAX_THREADS = 16;

function partitionOf(text: string | undefined): Partition {
  if (text === undefined) return WHOLE_STREAM;
  const p = parsePartition(text);
  if (typeof p === 'string') throw new UsageError(p);
  return p;
}

/** Resolves on the first SIGTERM or SIGINT: the monitor checkpoints and stops cleanly. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}

/** CPU seconds this process used: on a shared machine, the cost of the work itself. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** `chokepoint monitor`: the streaming engine over stdin or a JetStream subject. */
export function monitorCommand(): Command {
  return new Command('monitor')
    .description(
      'decide transactions one by one as they arrive (JSON lines on stdin, or a NATS JetStream subject): one decision per transaction',
    )
    .option('--policy <file>', 'monitoring policy JSON (default: policies/transaction-monitoring.json)')
    .option('--nats <url>', 'read from NATS JetStream at this URL (e.g. nats://127.0.0.1:4222) instead of stdin')
    .option('--subject <subject>', 'JetStream subject to consume (with --nats)')
    .option('--durable <name>', 'durable consumer name (with --nats; default chokepoint-monitor-<i>-of-<n>)')
    .option('--checkpoint <dir>', 'checkpoint directory: window state, input position, decisions written; resumes from it')
    .option('--checkpoint-every <n>', 'checkpoint after this many input items', positiveInt('--checkpoint-every'), 10_000)
    .option(
      '--checkpoint-seconds <n>',
      'with --nats, also checkpoint (and acknowledge) this often',
      positiveInt('--checkpoint-seconds'),
      5,
    )
    .option('--partition <i/n>', 'decide only the transactions whose originator account hashes to partition i of n')
    .option('--out <file>', 'decisions as JSON lines (default: stdout; a file is exact across restarts)')
    .option(
      '--max-account-rows <n>',
      'rows per account and direction a decision reads (a hub reads its latest)',
      positiveInt('--max-account-rows', MAX_RING_CAPACITY),
      DEFAULT_STREAM_OPTIONS.maxAccountRows,
    )
    .option(
      '--unflagged-evidence <n>',
      `evidence rows and accounts named per reason of a decision below the alert threshold (flagged decisions name up to ${MAX_EVIDENCE})`,
      nonNegativeInt('--unflagged-evidence', MAX_EVIDENCE),
      DEFAULT_STREAM_OPTIONS.unflaggedEvidence,
    )
    .option(
      '--report-pauses <ms>',
      'at the end, report GC pauses, event loop delay and the stdin lines that took longer than ms to decide, with what happened meanwhile (per decision thread with --threads)',
      positiveInt('--report-pauses'),
    )
    .option(
      '--heap-growth <percent>',
      'let the JavaScript heap grow this far past its live size between full GCs (fewer, so fewer latency spikes; 0: V8 decides)',
      nonNegativeInt('--heap-growth'),
      DEFAULT_HEAP_GROWTH_PERCENT,
    )
    .option(
      '--threads <n>',
      'decision threads (stdin only): each keeps a replica of the window and decides one line in n; 1 decides on the main thread',
      positiveInt('--threads', MAX_THREADS),
      1,
    )
    .option('--quiet', 'no start-up notice and summary on stderr')
    .addHelpText(
      'after',
      '\nEach input line is one transaction as JSON with the fields of the canonical Transaction type\n' +
        '(id, timestamp, debtorAccount, creditorAccount, amount, currency required). Each output line:\n' +
        '{"line"|"sequence", "transaction_id", "score", "flagged", "typologies", "reasons"}, or {"line", "error"}.\n' +
        '\nExamples:\n' +
        '  chokepoint monitor --checkpoint state/ --out decisions.jsonl < payments.jsonl\n' +
        '  chokepoint monitor --nats nats://127.0.0.1:4222 --subject payments.in --partition 0/2 --checkpoint state-0/ --out d0.jsonl',
    )
    .action(async (opts: MonitorOptions) => {
      let loaded;
      try {
        loaded = await loadPolicy(opts.policy);
      } catch (err) {
        if (err instanceof PolicyError) throw new UsageError(err.message);
        throw err;
      }
      const partition = partitionOf(opts.partition);
      if (opts.nats !== undefined && opts.subject === undefined) throw new UsageError('--nats needs --subject');
      if (opts.nats === undefined && (opts.subject !== undefined || opts.durable !== undefined))
        throw new UsageError('--subject and --durable need --nats');
      if (opts.threads > 1 && opts.nats !== undefined)
        throw new UsageError('--threads reads stdin only; with --nats, run one monitor per --partition');
      const notice = (text: string): void => {
        if (!opts.quiet) process.stderr.write(`${text}\n`);
      };
      allowHeapGrowth(opts.heapGrowth);
      // Before the start-up notice: the monitor is up once its hot paths are compiled.
      const engine = { maxAccountRows: opts.maxAccountRows, unflaggedEvidence: opts.unflaggedEvidence };
      // Decision threads warm up their own engines.
      if (opts.threads === 1) warmUp(loaded, EMPTY_CONTEXT, engine);
      let session: MonitorSession;
      try {
        session = new MonitorSession({
          policy: loaded,
          context: EMPTY_CONTEXT,
          engine,
          partition,
          source: opts.nats === undefined ? 'stdin' : 'jetstream',
          ...(opts.out === undefined ? {} : { out: opts.out }),
          ...(opts.checkpoint === undefined ? {} : { checkpointDir: opts.checkpoint }),
          checkpointEvery: opts.checkpointEvery,
          threads: opts.threads,
          ...(opts.reportPauses === undefined ? {} : { reportPauses: opts.reportPauses }),
        });
        await session.ready();
      } catch (err) {
        if (err instanceof CheckpointError) throw new UsageError(err.message);
        throw err;
      }
      // After the threads are up: the first notice says the monitor takes input.
      for (const d of streamPolicy(loaded).batchOnly)
        notice(`monitor: ${d.id} is batch-only (${streamSupport(d).note}); run "screen transactions" for it`);
      if (session.resumedAt > 0)
        notice(
          `monitor: resuming after ${opts.nats === undefined ? 'line' : 'sequence'} ${session.resumedAt} (${session.windowSize} rows in the window)`,
        );
      const started = performance.now();
      const pauses = opts.reportPauses === undefined ? undefined : new PauseReport(opts.reportPauses);
      if (opts.nats === undefined) await runLines(session, process.stdin, pauses);
      else
        await runJetStream(session, {
          url: opts.nats,
          subject: opts.subject as string,
          durable: opts.durable ?? `chokepoint-monitor-${partition.index}-of-${partition.count}`,
          checkpointMs: opts.checkpointSeconds * 1000,
          stop: stopSignal(),
        });
      const s = session.stats;
      const seconds = (performance.now() - started) / 1000;
      notice(
        `monitor: ${s.transactions} transactions, ${s.decided} decided (partition ${partition.index}/${partition.count}), ${s.flagged} flagged, ${s.errors} bad lines; ` +
          `${seconds.toFixed(1)} s this run, cpu ${cpuSeconds().toFixed(2)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
      );
      // Asked for explicitly, so printed even with --quiet.
      for (const line of pauses?.finish() ?? []) process.stderr.write(`monitor: ${line}\n`);
      session.threadPauses.forEach((lines, i) => {
        for (const line of lines) process.stderr.write(`monitor: thread ${i} ${line}\n`);
      });
      process.exitCode = s.errors > 0 ? EXIT_FAILURE : EXIT_OK;
    });
}
