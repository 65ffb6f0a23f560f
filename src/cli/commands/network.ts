import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import {
  findNode,
  loadNetwork,
  loadNetworkPolicy,
  membersOf,
  networkQuery,
  NotFoundError,
  parseTypes,
  RESOLUTIONS,
  subgraphToFtm,
  toGexf,
  toGraphml,
  type LoadedNetwork,
  type Resolution,
} from '../../graph/index.js';
import { openStore, type Store } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { dbLocation, dbOption, positiveInt } from '../options.js';

/** Options every network command shares. */
export interface NetworkOptions {
  db?: string;
  policy?: string;
  resolution?: Resolution;
}

export const policyOption = (): Option =>
  new Option('--policy <file>', 'network policy JSON (default: the bundled policies/network.json)');
export const resolutionOption = (): Option =>
  new Option('--resolution <mode>', 'entity resolution: identity, or exact (the policy default)').choices(RESOLUTIONS);

export function typesOption(): Option {
  return new Option('--types <list>', 'comma-separated edge types to follow (default: all)');
}

/** Parses a YYYY-MM-DD option into epoch milliseconds. */
export function dateOption(name: string): (value: string) => number {
  return (value) => {
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(ms))
      throw new UsageError(`${name} expects a date YYYY-MM-DD, got "${value}"`);
    return ms;
  };
}

export function edgeTypes(list: string | undefined): ReturnType<typeof parseTypes> {
  try {
    return parseTypes(list);
  } catch (err) {
    throw new UsageError(`--types: ${(err as Error).message}`);
  }
}

/** Opens the store, builds the network, runs `use` and closes; an unknown entity is a failure (exit 1), not a crash. */
export async function withNetwork(
  opts: NetworkOptions,
  use: (network: LoadedNetwork, store: Store) => Promise<void> | void,
): Promise<void> {
  const policy = loadNetworkPolicy(opts.policy);
  const store = await openStore(dbLocation(opts.db));
  try {
    const network = await loadNetwork(store, policy, opts.resolution);
    await use(network, store);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    process.stderr.write(`chokepoint: ${err.message}\n`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

export const NETWORK_FORMATS = ['json', 'graphml', 'gexf', 'ftm'] as const;

export function networkCommand(): Command {
  return new Command('network')
    .description(
      "an entity's neighbourhood in the network of goods, money and ownership, as JSON, GraphML, GEXF or an FtM entity stream",
    )
    .argument('<entity>', 'entity id (or exact name)')
    .addOption(new Option('--hops <n>', 'hops from the entity (default 2)').argParser(positiveInt('--hops')))
    .addOption(new Option('--format <format>', 'output format (default json)').choices(NETWORK_FORMATS))
    .addOption(typesOption())
    .addOption(new Option('--from <date>', 'only edges on or after this date (YYYY-MM-DD)').argParser(dateOption('--from')))
    .addOption(new Option('--to <date>', 'only edges before this date (YYYY-MM-DD)').argParser(dateOption('--to')))
    .addOption(new Option('--max-nodes <n>', 'stop at this many nodes (default 10000)').argParser(positiveInt('--max-nodes')))
    .addOption(new Option('--out <file>', 'write to this file instead of stdout'))
    .addOption(policyOption())
    .addOption(resolutionOption())
    .addOption(dbOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint network 3f2a... --hops 2\n  chokepoint network "Harbor Point Logistics LLC" --types ships-to,pays --format gexf --out harbor.gexf\n  chokepoint network 3f2a... --hops 1 --format ftm --out harbor.ftm.json',
    )
    .action(
      async (
        entity: string,
        opts: NetworkOptions & {
          hops?: number;
          format?: (typeof NETWORK_FORMATS)[number];
          types?: string;
          from?: number;
          to?: number;
          maxNodes?: number;
          out?: string;
        },
      ) => {
        const types = edgeTypes(opts.types);
        await withNetwork(opts, async ({ graph }, store) => {
          const answer = networkQuery(graph, findNode(graph, entity), {
            hops: opts.hops ?? 2,
            ...(types === undefined ? {} : { types }),
            ...(opts.from === undefined ? {} : { from: opts.from }),
            ...(opts.to === undefined ? {} : { to: opts.to }),
            ...(opts.maxNodes === undefined ? {} : { maxNodes: opts.maxNodes }),
          });
          const sub = { nodes: answer.nodes.map((n) => n.node), edges: answer.edges.map((e) => e.edge) };
          const format = opts.format ?? 'json';
          let text: string;
          if (format === 'ftm') {
            // One JSON entity per line; the subgraph is small (--max-nodes), so it is gathered first.
            const lines: string[] = [];
            for await (const e of subgraphToFtm(graph, sub, membersOf(graph), store))
              lines.push(JSON.stringify({ id: e.id, schema: e.schema, properties: e.properties }));
            text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
          } else
            text =
              format === 'graphml'
                ? toGraphml(graph, sub)
                : format === 'gexf'
                  ? toGexf(graph, sub)
                  : `${JSON.stringify(answer, null, 2)}\n`;
          if (opts.out === undefined) process.stdout.write(text);
          else await writeFile(opts.out, text);
          if (answer.truncated)
            process.stderr.write(`chokepoint: neighbourhood cut at ${answer.nodes.length} nodes (--max-nodes)\n`);
        });
      },
    );
}
