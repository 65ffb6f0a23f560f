import { Command, Option } from 'commander';
import { exposureQuery } from '../../graph/index.js';
import { dbOption, jsonOption, positiveInt } from '../options.js';
import { policyOption, resolutionOption, withNetwork, type NetworkOptions } from './network.js';

export function exposureCommand(): Command {
  return new Command('exposure')
    .description('parties most exposed to designated and flagged ones: personalised PageRank, hops to risk, the 50% rule')
    .addOption(new Option('--top <n>', 'how many (default 50)').argParser(positiveInt('--top')))
    .addOption(policyOption())
    .addOption(resolutionOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  chokepoint exposure --top 50\n  chokepoint exposure --json --db world.db')
    .action(async (opts: NetworkOptions & { top?: number; json?: boolean }) => {
      await withNetwork(opts, (network) => {
        const answer = exposureQuery(network, opts.top ?? 50);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
          return;
        }
        const lines = [
          `seeds        ${answer.seeds} designated or flagged (PageRank converged in ${answer.iterations} iterations)`,
        ];
        lines.push('rank  exposure  hops  50%    kind     name (id)  <- nearest seed');
        for (const x of answer.exposed)
          lines.push(
            `${String(x.rank).padStart(4)}  ${x.score.toExponential(2)}  ${x.hopsToRisk === null ? '  -' : String(x.hopsToRisk).padStart(3)}  ` +
              `${x.blockedShare === null ? '  -  ' : `${Math.round(x.blockedShare * 100)}%`.padStart(5)}  ${x.node.kind.padEnd(7)}  ` +
              `${x.node.label || x.node.id} (${x.node.id})${x.nearestSeed === null ? '' : `  <- ${x.nearestSeed.label || x.nearestSeed.id}`}`,
          );
        if (answer.seeds === 0) lines.push('(no seeds: ingest Sanction entities or run `chokepoint analyze` first)');
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
