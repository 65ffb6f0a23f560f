import { Command, Option } from 'commander';
import { formatRejection, SourceError } from '../../ingest/index.js';
import {
  DecisionError,
  loadResolutionPolicy,
  recordMerge,
  recordSplit,
  resolveFiles,
  resolveStore,
  ResolutionPolicyError,
  type ResolveFilesSummary,
  type StoreResolveSummary,
} from '../../resolve/index.js';
import { loadMatchingPolicy, Matcher, MatchingPolicyError } from '../../screening/index.js';
import { openStore, type ResolutionDecision } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { collectMap, dbLocation, dbOption, jsonOption } from '../options.js';

function probability(value: string): number {
  const t = Number(value);
  if (!Number.isFinite(t) || t <= 0 || t >= 1)
    throw new UsageError(`--threshold expects a probability in (0, 1), got "${value}"`);
  return t;
}

const n = (x: number): string => x.toLocaleString('en-US');

function formatFiles(s: ResolveFilesSummary): string {
  const st = s.stats;
  return [
    ...s.files.map(
      (f) =>
        `read         ${f.file} as "${f.source}": ${n(f.records)} records${f.rejected > 0 ? `, ${n(f.rejected)} rejected` : ''}; ` +
        Object.entries(f.columns)
          .map(([field, cols]) => `${field}=${cols.join('+')}`)
          .join(' '),
    ),
    `policy       ${s.policy} (threshold ${s.threshold})`,
    `model        prior ${s.model.prior.toFixed(4)}, EM ${s.model.iterations} iterations${s.model.converged ? '' : ' (NOT converged)'}`,
    `pairs        ${n(st.pairsCompared)} compared, ${n(st.links)} links; refused ${n(st.refused.conflict)} conflict, ${n(st.refused.weak)} weak, ${n(st.refused.size)} size`,
    `clusters     ${n(st.clusters)} from ${n(st.records)} records (largest ${st.largestCluster}) → ${s.out}`,
    ...(s.explain === null ? [] : [`evidence     ${s.explain}`]),
    `seconds      ${s.seconds.toFixed(2)} (${n(Math.round(st.records / Math.max(s.seconds, 1e-9)))} records/s)`,
  ].join('\n');
}

function formatStore(s: StoreResolveSummary): string {
  const st = s.stats;
  return [
    `resolved     ${n(s.entities)} parties in ${s.location}: ${n(s.clusters)} entities, ${n(s.entitiesInClusters)} parties in clusters of two or more`,
    `policy       ${s.policy} (threshold ${s.threshold})`,
    `pairs        ${n(st.pairsCompared)} compared, ${n(st.links)} links; refused ${n(st.refused.conflict)} conflict, ${n(st.refused.weak)} weak, ${n(st.refused.size)} size, ${n(st.refused.split)} split`,
    `decisions    ${n(s.decisions.merges)} merges and ${n(s.decisions.splits)} splits applied` +
      (s.decisions.stale > 0 ? `, ${n(s.decisions.stale)} name entities no longer stored` : '') +
      (s.decisions.overridden > 0 ? `, ${n(s.decisions.overridden)} splits overridden by merges` : ''),
    `run          ${s.runId}`,
    `seconds      ${s.seconds.toFixed(2)}`,
  ].join('\n');
}

function formatDecisions(ds: readonly ResolutionDecision[]): string {
  return ds.map((d) => `recorded     ${d.kind} ${d.leftId} ${d.rightId}: ${d.reason}`).join('\n');
}

const KNOWN = (err: unknown): err is Error =>
  err instanceof ResolutionPolicyError ||
  err instanceof MatchingPolicyError ||
  err instanceof SourceError ||
  err instanceof DecisionError;

function fail(err: unknown): void {
  if (!KNOWN(err)) throw err;
  process.stderr.write(`chokepoint: ${err.message}\n`);
  process.exitCode = 1;
}

function mergeCommand(): Command {
  return new Command('merge')
    .description('record that two stored entities are one: every later resolution keeps them together')
    .argument('<id1>', 'entity id')
    .argument('<id2>', 'entity id')
    .requiredOption('--reason <text>', 'why (kept with the decision)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (id1: string, id2: string, opts: { reason: string; db?: string; json?: boolean }) => {
      const store = await openStore(dbLocation(opts.db));
      try {
        const ds = await recordMerge(store, id1, id2, opts.reason);
        process.stdout.write(opts.json ? `${JSON.stringify(ds, null, 2)}\n` : `${formatDecisions(ds)}\n`);
      } catch (err) {
        fail(err);
      } finally {
        await store.close();
      }
    });
}

function splitCommand(): Command {
  return new Command('split')
    .description(
      'record that entities are not one: with one id, it leaves its cluster for good; with two, that pair never shares a cluster',
    )
    .argument('<id>', 'entity id')
    .argument('[other]', 'a second entity id')
    .requiredOption('--reason <text>', 'why (kept with the decision)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (id: string, other: string | undefined, opts: { reason: string; db?: string; json?: boolean }) => {
      const store = await openStore(dbLocation(opts.db));
      try {
        const ds = await recordSplit(store, id, other, opts.reason);
        process.stdout.write(opts.json ? `${JSON.stringify(ds, null, 2)}\n` : `${formatDecisions(ds)}\n`);
      } catch (err) {
        fail(err);
      } finally {
        await store.close();
      }
    });
}

export function resolveCommand(): Command {
  return new Command('resolve')
    .description(
      'entity resolution: cluster records of CSV files (or, without files, the parties in the store) into entities, with pairwise evidence',
    )
    .argument(
      '[files...]',
      'CSV files of records: an id column and any of name, address, date, identifier, country, phone, email',
    )
    .option('--out <file>', 'output CSV: source, record_id, cluster_id (required with files)')
    .option('--explain <file>', 'pairwise evidence CSV: every compared pair with its levels, weights and outcome')
    .option(
      '--map <field=column>',
      'read FIELD from COLUMN (fields: id, name, address, date, identifier, country, phone, email, schema); repeatable',
      collectMap,
    )
    .addOption(
      new Option('--threshold <p>', 'match probability a pair needs to be linked (default: the policy threshold)').argParser(
        probability,
      ),
    )
    .option('--policy <file>', 'resolution policy JSON (default: the bundled policies/resolution.json)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint resolve crm.csv payments.csv --out clusters.csv --explain pairs.csv\n' +
        '  chokepoint resolve vendors.csv --map id=VendorNo --map name="Vendor Name" --out clusters.csv\n' +
        '  chokepoint resolve --db chokepoint.db\n' +
        '  chokepoint resolve merge ENTITY1 ENTITY2 --reason "same tax number in the registry extract"\n' +
        '  chokepoint resolve split ENTITY1 --reason "different person, confirmed by passport"',
    )
    .addCommand(mergeCommand())
    .addCommand(splitCommand())
    .action(
      async (
        files: string[],
        opts: {
          out?: string;
          explain?: string;
          map?: Record<string, string>;
          threshold?: number;
          policy?: string;
          db?: string;
          json?: boolean;
        },
      ) => {
        try {
          const policy = loadResolutionPolicy(opts.policy);
          const matcher = new Matcher(loadMatchingPolicy());
          if (files.length > 0) {
            if (opts.out === undefined) throw new UsageError('resolve FILE... needs --out FILE');
            if (opts.db !== undefined) throw new UsageError('give either files or --db, not both');
            const rejected: string[] = [];
            const summary = await resolveFiles(files, {
              policy,
              matcher,
              out: opts.out,
              ...(opts.explain === undefined ? {} : { explain: opts.explain }),
              ...(opts.threshold === undefined ? {} : { threshold: opts.threshold }),
              ...(opts.map === undefined ? {} : { map: opts.map }),
              onRejection: (r) => {
                if (rejected.length < 10) rejected.push(formatRejection(r));
              },
            });
            for (const r of rejected) process.stderr.write(`chokepoint: rejected ${r}\n`);
            process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatFiles(summary)}\n`);
            if (summary.rejected > 0 || !summary.model.converged) process.exitCode = 1;
            return;
          }
          if (opts.map !== undefined || opts.out !== undefined || opts.explain !== undefined)
            throw new UsageError(
              '--out, --explain and --map apply to files; the store is resolved in place (chokepoint resolve --db PATH)',
            );
          const store = await openStore(dbLocation(opts.db));
          try {
            const { summary } = await resolveStore(store, {
              policy,
              matcher,
              ...(opts.threshold === undefined ? {} : { threshold: opts.threshold }),
            });
            process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatStore(summary)}\n`);
          } finally {
            await store.close();
          }
        } catch (err) {
          fail(err);
        }
      },
    );
}
