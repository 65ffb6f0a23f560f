import { Command, Option } from 'commander';
import { ENCODINGS, type Encoding } from '../../ingest/index.js';
import { loadChemistry } from '../../knowledge/index.js';
import { loadPolicy, PolicyError, screenShipmentsFile, type ScreenFileSummary } from '../../trade/index.js';
import { jsonOption } from '../options.js';

function formatSummary(s: ScreenFileSummary): string {
  const rules = Object.entries(s.byRule)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `    ${id.padEnd(40)} ${n.toLocaleString('en-US')}`)
    .join('\n');
  return [
    `screened     ${s.file} → ${s.out}`,
    `policy       ${s.policy}`,
    `rows         ${s.rows.toLocaleString('en-US')} (${s.rejected.toLocaleString('en-US')} failed validation, screened as data-quality rows)`,
    `flagged      ${s.flagged.toLocaleString('en-US')}`,
    `levels       ${Object.entries(s.byLevel)
      .map(([l, n]) => `${l} ${n.toLocaleString('en-US')}`)
      .join(', ')}`,
    `reasons`,
    ...(rules ? [rules] : []),
    `seconds      ${s.seconds.toFixed(1)} (${Math.round(s.rows / Math.max(s.seconds, 1e-9)).toLocaleString('en-US')} rows/s)`,
  ].join('\n');
}

export function screenShipmentsCommand(): Command {
  return new Command('shipments')
    .description('score every shipment of a canonical shipments CSV with explained reasons, and detect split low-value shipments')
    .argument('<file>', 'canonical shipments CSV')
    .requiredOption('--out <file>', 'output CSV: shipment_id, score, level, flagged, reasons, explanation')
    .option('--policy <file>', 'trade-screening policy JSON (default: the bundled policies/trade-screening.json)')
    .option('--alerts <file>', 'also write the flagged rows as JSON-lines alerts (for `chokepoint evaluate`)')
    .addOption(new Option('--encoding <encoding>', 'text encoding').choices(ENCODINGS).default('utf8'))
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint screen shipments manifest.csv --out scored.csv\n' +
        '  chokepoint screen shipments world/shipments.csv --policy my-policy.json --out scored.csv --alerts alerts.jsonl --json',
    )
    .action(async (file: string, opts: { out: string; policy?: string; alerts?: string; encoding: Encoding; json?: boolean }) => {
      let policy;
      try {
        policy = loadPolicy(opts.policy);
      } catch (err) {
        if (!(err instanceof PolicyError)) throw err;
        process.stderr.write(`chokepoint: ${err.message}\n`);
        process.exitCode = 1;
        return;
      }
      const chemistry = await loadChemistry();
      const summary = await screenShipmentsFile(file, {
        policy,
        chemistry,
        out: opts.out,
        encoding: opts.encoding,
        ...(opts.alerts === undefined ? {} : { alertsOut: opts.alerts }),
      });
      process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
    });
}
