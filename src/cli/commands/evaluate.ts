import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import {
  alertedRecords,
  evaluate,
  evaluationCsv,
  formatEvaluation,
  readAlertsFile,
  readTruth,
  schemesCsv,
  topPerDay,
  type Evaluation,
} from '../../evaluate/index.js';
import { DETECTORS } from '../../detect/index.js';
import type { Alert } from '../../model/index.js';
import { isPostgresUrl, openStore, type Store } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { jsonOption } from '../options.js';

function budgets(value: string): number[] {
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isInteger(n) || n <= 0))
    throw new UsageError(`--budgets expects positive integers like 10,50,100, got "${value}"`);
  return list;
}

/** A JSON-lines file of alerts, or else a store (SQLite file or postgres:// URL). */
function isAlertsFile(location: string): boolean {
  if (isPostgresUrl(location) || !existsSync(location) || !statSync(location).isFile()) return false;
  return /\.(jsonl|json|ndjson)$/i.test(location);
}

export function evaluateCommand(): Command {
  return new Command('evaluate')
    .description("score alerts against a simulated world's ground truth: precision, recall, F1, schemes found, kg and USD caught")
    .requiredOption('--truth <file>', 'truth.csv written by `chokepoint simulate`')
    .requiredOption(
      '--alerts <file-or-db>',
      'alerts: a JSON-lines file, or the store holding them (SQLite path or postgres:// URL)',
    )
    .option('--db <location>', 'store that resolves subject ids of a JSON-lines alerts file to source ids')
    .option('--budgets <k,...>', 'also evaluate the top k alerts per day for each k', budgets)
    .option('--out <file>', 'write the per-typology results as CSV')
    .option('--schemes-out <file>', 'write one CSV row per planted scheme (found or not, records and kg caught)')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint evaluate --truth world/truth.csv --alerts chokepoint.db\n' +
        '  chokepoint evaluate --truth world/truth.csv --alerts alerts.jsonl --db chokepoint.db --budgets 10,50 --out eval.csv --schemes-out schemes.csv',
    )
    .action(
      async (opts: {
        truth: string;
        alerts: string;
        db?: string;
        budgets?: number[];
        out?: string;
        schemesOut?: string;
        json?: boolean;
      }) => {
        const truth = await readTruth(opts.truth);
        const fromFile = isAlertsFile(opts.alerts);
        const storeLocation = fromFile ? opts.db : opts.alerts;
        const store: Store | undefined = storeLocation === undefined ? undefined : await openStore(storeLocation);
        let alerts: Alert[];
        try {
          alerts = fromFile ? await readAlertsFile(opts.alerts) : await store!.listAlerts({ limit: Number.MAX_SAFE_INTEGER });
          const records = await alertedRecords(alerts, store);
          const claims = new Map(DETECTORS.map((d) => [d.id, d.typologies]));
          const evaluations: Evaluation[] = [evaluate(truth, records, 'all alerts', claims)];
          for (const k of opts.budgets ?? [])
            evaluations.push(evaluate(truth, topPerDay(records, k), `top ${k} per day`, claims));
          if (opts.out !== undefined) await writeFile(opts.out, evaluationCsv(evaluations));
          if (opts.schemesOut !== undefined) await writeFile(opts.schemesOut, schemesCsv(evaluations));
          process.stdout.write(
            opts.json ? `${JSON.stringify(evaluations, null, 2)}\n` : `${evaluations.map(formatEvaluation).join('\n\n')}\n`,
          );
        } finally {
          await store?.close();
        }
      },
    );
}
