import { Command } from 'commander';
import { formatRejection, SourceError } from '../../ingest/index.js';
import {
  loadMatchingPolicy,
  Matcher,
  MatchingPolicyError,
  scorePairsFile,
  type ScorePairsSummary,
} from '../../screening/index.js';
import { jsonOption } from '../options.js';

function formatSummary(s: ScorePairsSummary): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return [
    `scored       ${s.file} → ${s.out}`,
    `policy       ${s.policy} (threshold ${s.threshold})`,
    `pairs        ${n(s.pairs)} (${n(s.rejected.length)} rows not scored)`,
    `matches      ${n(s.matches)}`,
    `seconds      ${s.seconds.toFixed(2)}`,
  ].join('\n');
}

export function scorePairsCommand(): Command {
  return new Command('score-pairs')
    .description('score pairs of names (columns schema, name1, name2; others kept): adds score, match and explanation')
    .argument('<file>', 'CSV with columns schema (Person|Company|Organization|Vessel|LegalEntity), name1, name2')
    .requiredOption('--out <file>', 'output CSV: the input columns plus score, match (true|false at the threshold), explanation')
    .option('--policy <file>', 'name-matching policy JSON (default: the bundled policies/name-matching.json)')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint score-pairs labelled-pairs.csv --out scored.csv\n  chokepoint score-pairs pairs.csv --policy strict.json --out scored.csv --json',
    )
    .action(async (file: string, opts: { out: string; policy?: string; json?: boolean }) => {
      try {
        const matcher = new Matcher(loadMatchingPolicy(opts.policy));
        const summary = await scorePairsFile(file, { matcher, out: opts.out });
        for (const r of summary.rejected.slice(0, 10)) process.stderr.write(`chokepoint: not scored ${formatRejection(r)}\n`);
        process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
        if (summary.rejected.length > 0) process.exitCode = 1;
      } catch (err) {
        if (!(err instanceof MatchingPolicyError || err instanceof SourceError)) throw err;
        process.stderr.write(`chokepoint: ${err.message}\n`);
        process.exitCode = 1;
      }
    });
}
