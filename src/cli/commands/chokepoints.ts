import { Command, Option } from 'commander';
import { chokepointsQuery } from '../../graph/index.js';
import { dbOption, jsonOption, positiveInt } from '../options.js';
import { policyOption, resolutionOption, withNetwork, type NetworkOptions } from './network.js';

export function chokepointsCommand(): Command {
  return new Command('chokepoints')
    .description(
      'the entities whose removal cuts the most risky flow (flow betweenness, pass-through, articulation points, min cut)',
    )
    .addOption(new Option('--top <n>', 'how many (default 20)').argParser(positiveInt('--top')))
    .addOption(policyOption())
    .addOption(resolutionOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nRun `chokepoint analyze` first: alerted shipments and payments are the risky flow.\n\nExamples:\n  chokepoint chokepoints --top 20\n  chokepoint chokepoints --json --db world.db',
    )
    .action(async (opts: NetworkOptions & { top?: number; json?: boolean }) => {
      await withNetwork(opts, (network) => {
        const answer = chokepointsQuery(network, opts.top ?? 20);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
          return;
        }
        const lines = [
          `risky flow   ${answer.riskyEdges.toLocaleString('en-US')} edges, ${answer.suppliers} suppliers, ${answer.destinations} destinations${answer.sampledSources ? ' (sources sampled)' : ''}`,
          'rank  score  between  through  cut  artic  kind     name (id)',
        ];
        for (const c of answer.chokepoints)
          lines.push(
            `${String(c.rank).padStart(4)}  ${c.score.toFixed(2).padStart(5)}  ${c.betweenness.toFixed(2).padStart(7)}  ${c.throughput.toFixed(2).padStart(7)}  ` +
              `${c.inMinCut ? 'yes' : ' - '}  ${c.articulationSplits.length > 0 ? ' yes ' : '  -  '}  ${c.node.kind.padEnd(7)}  ${c.node.label || c.node.id} (${c.node.id})`,
          );
        if (answer.chokepoints.length === 0) lines.push('(no risky flow: run `chokepoint analyze`, or ingest designations)');
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
