import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { formatRejection, SourceError } from '../../ingest/index.js';
import {
  describeRejections,
  ListError,
  loadLists,
  loadMatchingPolicy,
  Matcher,
  MatchingPolicyError,
  ScreenerBuilder,
  screenNamesFile,
  type ListLoadReport,
  type MatchingPolicy,
  type Screener,
  type ScreenNamesSummary,
} from '../../screening/index.js';
import { openStore } from '../../store/index.js';
import { storeListsScreener } from '../../watchlist/index.js';
import { UsageError } from '../errors.js';
import { dbLocation, dbOption, jsonOption } from '../options.js';

function threshold(value: string): number {
  const t = Number(value);
  if (!Number.isFinite(t) || t <= 0 || t > 1) throw new UsageError(`--threshold expects a number in (0, 1], got "${value}"`);
  return t;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function formatSummary(s: ScreenNamesSummary, lists: readonly ListLoadReport[]): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return [
    ...lists.map(
      (l) =>
        `list         ${l.list} (${l.source}): ${n(l.entities)} entities` +
        (l.index === undefined ? '' : l.index === 'store' ? ', stored index' : ', index built and stored') +
        (l.rejected.length > 0 ? `, ${n(l.rejected.length)} rejected lines` : ''),
    ),
    `screened     ${s.file} → ${s.out}`,
    `policy       ${s.policy} (threshold ${s.threshold})`,
    `queries      ${n(s.queries)} (${n(s.rejected.length)} rejected rows)`,
    `matched      ${n(s.queriesWithMatches)} queries, ${n(s.matches)} matches`,
    `seconds      ${s.seconds.toFixed(2)} (${n(Math.round(s.queries / Math.max(s.seconds, 1e-9)))} queries/s)`,
  ].join('\n');
}

/**
 * The screener for the lists: read back from the store's persisted index when every list is a
 * watchlist dataset there (no preparing of names at each run), else loaded list by list.
 */
async function listsScreener(
  lists: readonly string[],
  policy: MatchingPolicy,
  db: string | undefined,
): Promise<{ screener: Screener; reports: ListLoadReport[] }> {
  if (!lists.some((l) => existsSync(l))) {
    const store = await openStore(dbLocation(db));
    try {
      const stored = await storeListsScreener(store, lists, policy);
      if (stored !== undefined) return stored;
    } finally {
      await store.close();
    }
  }
  const builder = new ScreenerBuilder(new Matcher(policy));
  const reports = await loadLists(lists, builder, () => openStore(dbLocation(db)));
  return { screener: builder.build(), reports };
}

export function screenNamesCommand(): Command {
  return new Command('names')
    .description(
      'screen the names of a CSV against watchlists: one output row per match at or above the threshold, with its explanation',
    )
    .argument('<file>', 'CSV with a name column; optional id, schema, country, birth_date, nationality, identifiers')
    .requiredOption(
      '--list <file-or-dataset>',
      'an FtM entity file, an OFAC/UN file, or a dataset in the store; repeatable',
      collect,
    )
    .requiredOption('--out <file>', 'output CSV: query_id, query_name, match_id, match_name, dataset, score, explanation')
    .addOption(
      new Option('--threshold <t>', 'report matches scoring at least this (default: the policy threshold)').argParser(threshold),
    )
    .option('--policy <file>', 'name-matching policy JSON (default: the bundled policies/name-matching.json)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint screen names parties.csv --list sanctions.ftm.json --out matches.csv\n' +
        '  chokepoint screen names parties.csv --list opensanctions --threshold 0.9 --out matches.csv --json',
    )
    .action(
      async (
        file: string,
        opts: { list: string[]; out: string; threshold?: number; policy?: string; db?: string; json?: boolean },
      ) => {
        try {
          const policy = loadMatchingPolicy(opts.policy);
          const { screener, reports: lists } = await listsScreener(opts.list, policy, opts.db);
          for (const l of lists) for (const r of describeRejections(l)) process.stderr.write(`chokepoint: list ${r}\n`);
          const summary = await screenNamesFile(file, {
            screener,
            out: opts.out,
            threshold: opts.threshold ?? policy.data.threshold,
          });
          for (const r of summary.rejected.slice(0, 10)) process.stderr.write(`chokepoint: rejected ${formatRejection(r)}\n`);
          process.stdout.write(
            opts.json ? `${JSON.stringify({ lists, ...summary }, null, 2)}\n` : `${formatSummary(summary, lists)}\n`,
          );
          if (summary.rejected.length > 0 || lists.some((l) => l.rejected.length > 0)) process.exitCode = 1;
        } catch (err) {
          if (!(err instanceof MatchingPolicyError || err instanceof ListError || err instanceof SourceError)) throw err;
          process.stderr.write(`chokepoint: ${err.message}\n`);
          process.exitCode = 1;
        }
      },
    );
}
