import { Command, Option } from 'commander';
import { formatRejection, type Rejection } from '../../ingest/index.js';
import { loadPolicy, PolicyError, screenTransactionsFile, type ScreenSummary } from '../../monitor/index.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors.js';
import { jsonOption } from '../options.js';

/** `--format` names as users say them, mapped to the ingest readers. */
const FORMAT_READERS: Readonly<Record<string, string>> = {
  csv: 'transactions-csv',
  amlsim: 'amlsim-csv',
  amlworld: 'amlworld-csv',
  iso20022: 'iso20022-xml',
};

const ECHOED_REJECTIONS = 10;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function describe(file: string, out: string, s: ScreenSummary): string {
  const typologies = Object.entries(s.byTypology)
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  return [
    `${file}: ${s.format}: ${s.transactions} transactions scored, ${s.flagged} flagged, ${s.accountsFlagged} accounts flagged, ${s.rejected} rejected`,
    ...(typologies ? [`  flagged by typology: ${typologies}`] : []),
    `  read ${s.seconds.read.toFixed(2)} s, analyse ${s.seconds.analyse.toFixed(2)} s, write ${s.seconds.write.toFixed(2)} s → ${out}`,
  ].join('\n');
}

/** `chokepoint screen transactions FILE`: the batch engine over a file, without a store. */
export function screenTransactionsCommand(): Command {
  return new Command('transactions')
    .description(
      'score every transaction of a file for laundering typologies and fentanyl red flags; write one row per transaction',
    )
    .argument('<file>', 'transactions file: canonical CSV, AMLSim, AMLworld or ISO 20022 (pacs.008, pain.001)')
    .addOption(
      new Option('--format <name>', 'input format (default: detected from the content)').choices(Object.keys(FORMAT_READERS)),
    )
    .option('--policy <file>', 'monitoring policy JSON (default: policies/transaction-monitoring.json)')
    .requiredOption('--out <file>', 'scored CSV: transaction_id, score, flagged, typologies, alert_id')
    .option(
      '--entities <file>',
      'FtM entities (account holders, directorships, registers) to use as context; repeatable',
      collect,
    )
    .option('--shipments <file>', 'canonical shipments CSV: chemical shippers become known sellers; repeatable', collect)
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint screen transactions world/transactions.csv --out scored.csv\n' +
        '  chokepoint screen transactions transactions_sample.csv --format amlsim --out scored.csv\n' +
        '  chokepoint screen transactions world/transactions.csv --entities world/entities.ftm.json --shipments world/shipments.csv --out scored.csv\n' +
        '\nExit code 1 when any record was rejected (every valid record is still scored).',
    )
    .action(
      async (
        file: string,
        opts: { format?: string; policy?: string; out: string; entities?: string[]; shipments?: string[]; json?: boolean },
      ) => {
        let policy;
        try {
          policy = await loadPolicy(opts.policy);
        } catch (err) {
          if (err instanceof PolicyError) throw new UsageError(err.message);
          throw err;
        }
        const format = opts.format === undefined ? undefined : FORMAT_READERS[opts.format];
        let rejected = 0;
        const onRejection = (r: Rejection): void => {
          if (!opts.json && rejected++ < ECHOED_REJECTIONS) process.stderr.write(`rejected ${formatRejection(r)}\n`);
        };
        const summary = await screenTransactionsFile({
          file,
          ...(format === undefined ? {} : { format }),
          policy,
          out: opts.out,
          entities: opts.entities ?? [],
          shipments: opts.shipments ?? [],
          onRejection,
        });
        if (rejected > ECHOED_REJECTIONS) process.stderr.write(`... ${rejected - ECHOED_REJECTIONS} more rejected\n`);
        process.stdout.write(
          opts.json
            ? `${JSON.stringify({ file, out: opts.out, policy: policy.version, ...summary }, null, 2)}\n`
            : `${describe(file, opts.out, summary)}\n`,
        );
        process.exitCode = summary.rejected > 0 ? EXIT_FAILURE : EXIT_OK;
      },
    );
}
