import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { buildServer, openWorkspaceDb } from '../../server/index.js';
import { openStore } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { dbLocation, dbOption, nonNegativeInt, positiveInt } from '../options.js';

interface ServeOptions {
  db?: string;
  port: number;
  host: string;
  logLevel: string;
  publicMatching?: boolean;
  secureCookies?: boolean;
  indexTtl: number;
  answerCache: number;
  requestsPerTurn: number;
  workers: number;
  truth?: string;
  uploadDir?: string;
  uploadLimitMb: number;
}

/**
 * Forks `n` server processes sharing the listening port (node:cluster); each opens its own
 * connections. They share one cookie secret so a CSRF token from one is good at the others,
 * and a worker that dies is replaced.
 */
function forkWorkers(n: number): void {
  process.env['CHOKEPOINT_COOKIE_SECRET'] ??= randomBytes(32).toString('hex');
  for (let i = 0; i < n; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(`chokepoint: server worker ${worker.process.pid} exited (${code}); starting another\n`);
    cluster.fork();
  });
  // Each worker finishes its requests and closes its database on SIGTERM (see stop below).
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    });
}

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'run the investigation server: JSON API, OpenAPI at /openapi.json, docs at /docs, reconciliation and yente-compatible matching',
    )
    .addOption(dbOption())
    .addOption(new Option('--port <n>', 'TCP port').default(8080).argParser(positiveInt('--port')))
    .addOption(new Option('--host <address>', 'address to listen on').default('127.0.0.1'))
    .addOption(
      new Option('--log-level <level>', 'pino log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
        .default('info'),
    )
    .addOption(
      new Option('--public-matching', 'answer /match, /search and /reconcile without credentials (trusted networks only)'),
    )
    .addOption(new Option('--secure-cookies', 'mark cookies Secure (when served over HTTPS)'))
    .addOption(new Option('--truth <file>', "a simulated world's truth.csv: the dashboard shows caught versus planted"))
    .addOption(
      new Option('--index-ttl <seconds>', 'rebuild the entity name index when older than this')
        .default(300)
        .argParser(positiveInt('--index-ttl')),
    )
    .addOption(
      new Option('--answer-cache <n>', 'answers of /match, /search and entity search kept for repeated queries (0: off)')
        .default(10_000)
        .argParser(nonNegativeInt('--answer-cache')),
    )
    .addOption(
      new Option(
        '--requests-per-turn <n>',
        'requests started per event-loop turn, so connections keep being accepted (0: no limit)',
      )
        .default(4)
        .argParser(nonNegativeInt('--requests-per-turn')),
    )
    .addOption(
      new Option('--workers <n>', 'server processes sharing the port (one per core; each holds its own name indexes)')
        .default(1)
        .argParser(positiveInt('--workers')),
    )
    .addOption(new Option('--upload-dir <dir>', 'where files uploaded for ingest wait for their job (default: system temp)'))
    .addOption(
      new Option('--upload-limit-mb <mb>', 'largest file accepted by POST /api/jobs/ingest')
        .default(2048)
        .argParser(positiveInt('--upload-limit-mb')),
    )
    .addHelpText(
      'after',
      [
        '',
        'Set CHOKEPOINT_COOKIE_SECRET (32+ characters) when several server processes share one database,',
        'so a CSRF token issued by one is accepted by the others.',
        '',
        'Examples:',
        '  chokepoint user add --admin alice --password-stdin < secret.txt',
        '  chokepoint serve --db data/chokepoint.db --port 8080',
        '  chokepoint serve --db postgres://localhost/chokepoint --host 0.0.0.0 --secure-cookies',
      ].join('\n'),
    )
    .action(async (opts: ServeOptions) => {
      const cookieSecret = process.env['CHOKEPOINT_COOKIE_SECRET'];
      if (cookieSecret !== undefined && cookieSecret.length < 32)
        throw new UsageError('CHOKEPOINT_COOKIE_SECRET must have at least 32 characters');
      if (opts.workers > 1 && cluster.isPrimary) {
        forkWorkers(opts.workers);
        return;
      }
      if (opts.truth !== undefined && !existsSync(opts.truth)) throw new UsageError(`--truth: no such file ${opts.truth}`);
      const location = dbLocation(opts.db);
      const store = await openStore(location);
      const sql = await openWorkspaceDb(location);
      const app = await buildServer({
        store,
        sql,
        logger: { level: opts.logLevel },
        ...(cookieSecret === undefined ? {} : { cookieSecret }),
        publicMatching: opts.publicMatching === true,
        secureCookies: opts.secureCookies === true,
        indexTtlSeconds: opts.indexTtl,
        answerCacheSize: opts.answerCache,
        requestsPerTurn: opts.requestsPerTurn,
        dbLocation: location,
        uploadLimitBytes: opts.uploadLimitMb * 1024 * 1024,
        ...(opts.uploadDir === undefined ? {} : { uploadDir: opts.uploadDir }),
        ...(opts.truth === undefined ? {} : { truthFile: opts.truth }),
      });
      const stop = async (): Promise<void> => {
        await app.close();
        // One line for benchmarks and operators: how often repeated queries were answered from memory.
        const stats = Object.entries(app.answerCacheStats())
          .map(([name, s]) => `${name} ${s.hits} hits / ${s.hits + s.misses}`)
          .join(', ');
        process.stderr.write(`chokepoint: server ${process.pid} stopped; caches: ${stats}\n`);
        await sql.close();
        await store.close();
        // A cluster worker's channel to the primary would keep it alive.
        if (cluster.isWorker && process.connected) process.disconnect();
      };
      // Finish the requests in flight, then release the database.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
      await app.listen({ port: opts.port, host: opts.host });
      process.stderr.write(`chokepoint: serving ${store.location} on http://${opts.host}:${opts.port} (docs at /docs)\n`);
    });
}
