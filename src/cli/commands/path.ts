import { Command, Option } from 'commander';
import { findNode, pathQuery, type PathAnswer } from '../../graph/index.js';
import { dbOption, jsonOption, positiveInt } from '../options.js';
import {
  dateOption,
  edgeTypes,
  policyOption,
  resolutionOption,
  typesOption,
  withNetwork,
  type NetworkOptions,
} from './network.js';

function describe(title: string, path: PathAnswer['shortest'], extra = ''): string[] {
  if (path === null) return [`${title}: none`];
  const lines = [`${title} (${path.edges.length} hops${extra}):`];
  path.nodes.forEach((n, i) => {
    lines.push(`  ${n.label || n.id}  [${n.kind}${n.designated ? ', designated' : ''}${n.flagged ? ', flagged' : ''}]  ${n.id}`);
    const e = path.edges[i];
    if (e !== undefined)
      lines.push(
        `    ${e.type}${e.weight === null ? '' : ` ${e.weight}`}${e.time === null ? '' : ` ${e.time.slice(0, 10)}`}${e.record === null ? '' : `  record ${e.record}`}`,
      );
  });
  return lines;
}

export function pathCommand(): Command {
  return new Command('path')
    .description('shortest and strongest paths between two entities (e.g. a US consignee and a designated supplier)')
    .argument('<from>', 'entity id (or exact name)')
    .argument('<to>', 'entity id (or exact name)')
    .addOption(new Option('--max-hops <n>', 'give up beyond this many hops (default 8)').argParser(positiveInt('--max-hops')))
    .addOption(new Option('--direction <d>', 'follow edges out, in or both ways (default both)').choices(['out', 'in', 'both']))
    .addOption(typesOption())
    .addOption(new Option('--from-date <date>', 'only edges on or after this date').argParser(dateOption('--from-date')))
    .addOption(new Option('--to-date <date>', 'only edges before this date').argParser(dateOption('--to-date')))
    .addOption(policyOption())
    .addOption(resolutionOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint path 3f2a... 9bc1...\n  chokepoint path 3f2a... 9bc1... --types ships-to,pays,holds --json',
    )
    .action(
      async (
        from: string,
        to: string,
        opts: NetworkOptions & {
          maxHops?: number;
          direction?: 'out' | 'in' | 'both';
          types?: string;
          fromDate?: number;
          toDate?: number;
          json?: boolean;
        },
      ) => {
        const types = edgeTypes(opts.types);
        await withNetwork(opts, ({ graph }) => {
          const answer = pathQuery(graph, findNode(graph, from), findNode(graph, to), {
            ...(opts.maxHops === undefined ? {} : { maxHops: opts.maxHops }),
            ...(opts.direction === undefined ? {} : { direction: opts.direction }),
            ...(types === undefined ? {} : { types }),
            ...(opts.fromDate === undefined ? {} : { from: opts.fromDate }),
            ...(opts.toDate === undefined ? {} : { to: opts.toDate }),
          });
          if (opts.json) process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
          else
            process.stdout.write(
              [
                ...describe('shortest path', answer.shortest),
                ...describe(
                  'strongest path',
                  answer.strongest,
                  answer.strongest ? `, strength ${answer.strongest.strength.toPrecision(3)}` : '',
                ),
                '',
              ].join('\n'),
            );
          if (answer.shortest === null) process.exitCode = 1;
        });
      },
    );
}
