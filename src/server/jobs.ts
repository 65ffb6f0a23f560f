import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROGRESS_LINE_PREFIX } from '../ingest/index.js';
import type { Sql } from './db/index.js';

/** The built CLI (two folders up from both src/server and dist/server). */
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const MAX_LOG_LINES = 500;
/** How often a running job's row is written (log, progress, heartbeat). */
const FLUSH_MS = 1000;
/** A running job whose heartbeat is older than this was left by a process that stopped. */
const LOST_AFTER_MS = 60_000;

export type JobStatus = 'running' | 'succeeded' | 'failed';
export type JobKind = 'analyze' | 'whatif' | 'ingest';

/** A what-if comparison: one lever varied over values, each on the same seeds. */
export interface WhatIfParams {
  readonly scenario: string;
  readonly lever: string;
  readonly values: readonly string[];
  readonly seeds: number;
  readonly scale: string;
}

/** An uploaded file to ingest, as `chokepoint ingest FILE [--format] [--dataset]`. */
export interface IngestParams {
  readonly name: string;
  readonly bytes: number;
  readonly format?: string;
  readonly dataset?: string;
}

export interface Job {
  readonly id: string;
  readonly kind: JobKind;
  /** What the job was asked (the what-if's scenario, lever and values; the uploaded file). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly startedBy: string;
  readonly startedAt: string;
  status: JobStatus;
  finishedAt: string | null;
  /** The latest progress the run reported (ingest: bytes and rows read), or null. */
  progress: unknown;
  /** What the run reported on success (alerts raised per detector, seconds). */
  result: unknown;
  /** stderr lines of the run, newest last, bounded. */
  readonly log: string[];
}

/** Another job is running: one at a time, across every server process sharing the database. */
export class JobConflict extends Error {
  constructor(readonly running: Job) {
    super(`${running.kind} job ${running.id} is still running`);
  }
}

interface JobRow {
  id: string;
  kind: JobKind;
  params: string;
  started_by: string;
  started_at: string;
  status: JobStatus;
  finished_at: string | null;
  progress: string | null;
  result: string | null;
  log: string;
}

const COLUMNS = 'id, kind, params, started_by, started_at, status, finished_at, progress, result, log';

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

const fromRow = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  params: parse(r.params) as Job['params'],
  startedBy: r.started_by,
  startedAt: r.started_at,
  status: r.status,
  finishedAt: r.finished_at,
  progress: parse(r.progress),
  result: parse(r.result),
  log: parse(r.log) as string[],
});

/**
 * Long runs (ingest, analyze, what-if) go to a child process running the CLI, so work that keeps
 * a core busy for minutes never stalls the server's event loop, and the run is exactly the
 * command. Jobs are rows of the workspace database: every server process lists them, and the
 * process running one writes its log, progress and heartbeat there once a second.
 */
export class JobRunner {
  /** This process's running jobs, written to their rows by the flush timer. */
  private readonly live = new Map<string, Job>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly dbLocation: string,
    private readonly onFinished: (job: Job) => void = () => undefined,
  ) {}

  get available(): boolean {
    return existsSync(CLI);
  }

  async list(limit = 100): Promise<Job[]> {
    await this.markLost();
    const rows = await this.sql.all<JobRow>(`SELECT ${COLUMNS} FROM jobs ORDER BY started_at DESC, id LIMIT ?`, [limit]);
    // This process's own running jobs are fresher in memory than their last flushed row.
    return rows.map((r) => this.live.get(r.id) ?? fromRow(r));
  }

  async get(id: string): Promise<Job | undefined> {
    const mine = this.live.get(id);
    if (mine !== undefined) return mine;
    await this.markLost();
    const row = await this.sql.get<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`, [id]);
    return row === undefined ? undefined : fromRow(row);
  }

  startAnalyze(userId: string): Promise<Job> {
    return this.start(userId, 'analyze', {}, ['analyze', '--db', this.dbLocation, '--json']);
  }

  /** `chokepoint whatif` on simulated worlds of its own (it neither reads nor writes the store). */
  startWhatIf(userId: string, params: WhatIfParams): Promise<Job> {
    const args = ['whatif', '--scenario', params.scenario, '--vary', `${params.lever}=${params.values.join(',')}`];
    args.push('--seeds', String(params.seeds), '--scale', params.scale, '--json');
    return this.start(userId, 'whatif', { ...params }, args);
  }

  /** `chokepoint ingest` of a file already on this host; `cleanup` runs when the job ends. */
  startIngest(userId: string, params: IngestParams, file: string, cleanup: () => void): Promise<Job> {
    const args = ['ingest', file, '--db', this.dbLocation, '--json'];
    if (params.format !== undefined) args.push('--format', params.format);
    if (params.dataset !== undefined) args.push('--dataset', params.dataset);
    return this.start(userId, 'ingest', { ...params }, args, cleanup);
  }

  /** Stops writing heartbeats (tests, shutdown); running children are left to finish. */
  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Running jobs whose process stopped beating are failed, so that a new job may start. */
  private async markLost(): Promise<void> {
    const before = new Date(Date.now() - LOST_AFTER_MS).toISOString();
    const lost = await this.sql.all<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE status = 'running' AND heartbeat_at < ?`, [
      before,
    ]);
    for (const row of lost) {
      const log = [...(parse(row.log) as string[]), 'the server process running this job stopped'];
      await this.sql.run("UPDATE jobs SET status = 'failed', finished_at = ?, log = ? WHERE id = ? AND status = 'running'", [
        new Date().toISOString(),
        JSON.stringify(log),
        row.id,
      ]);
    }
  }

  /** The job running now in any server process, if any. */
  async running(): Promise<Job | undefined> {
    await this.markLost();
    return this.runningJob();
  }

  private async runningJob(): Promise<Job | undefined> {
    const row = await this.sql.get<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE status = 'running'`);
    return row === undefined ? undefined : (this.live.get(row.id) ?? fromRow(row));
  }

  private async start(
    userId: string,
    kind: JobKind,
    params: Job['params'],
    args: readonly string[],
    cleanup: () => void = () => undefined,
  ): Promise<Job> {
    const job: Job = {
      id: randomUUID(),
      kind,
      params,
      startedBy: userId,
      startedAt: new Date().toISOString(),
      status: 'running',
      finishedAt: null,
      progress: null,
      result: null,
      log: [],
    };
    await this.markLost();
    try {
      await this.sql.run(
        `INSERT INTO jobs (${COLUMNS}, heartbeat_at) VALUES (?, ?, ?, ?, ?, 'running', NULL, NULL, NULL, '[]', ?)`,
        [job.id, kind, JSON.stringify(params), userId, job.startedAt, job.startedAt],
      );
    } catch (err) {
      // The unique index on running jobs refused it: another job (maybe in another process) runs.
      const running = await this.runningJob();
      cleanup();
      if (running !== undefined) throw new JobConflict(running);
      throw err;
    }
    this.live.set(job.id, job);
    this.timer ??= setInterval(() => void this.flush(), FLUSH_MS).unref();
    this.spawnChild(job, args, cleanup);
    return job;
  }

  private spawnChild(job: Job, args: readonly string[], cleanup: () => void): void {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1', CHOKEPOINT_PROGRESS: 'lines' },
    });
    let stdout = '';
    let partial = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        if (line.startsWith(PROGRESS_LINE_PREFIX)) job.progress = parse(line.slice(PROGRESS_LINE_PREFIX.length));
        else job.log.push(line);
      }
      if (job.log.length > MAX_LOG_LINES) job.log.splice(0, job.log.length - MAX_LOG_LINES);
    });
    const finish = (status: JobStatus, message?: string): void => {
      if (job.status !== 'running') return;
      if (partial !== '') job.log.push(partial);
      if (message !== undefined) job.log.push(message);
      job.status = status;
      job.finishedAt = new Date().toISOString();
      cleanup();
      void this.write(job).finally(() => {
        this.live.delete(job.id);
        if (this.live.size === 0) this.close();
        this.onFinished(job);
      });
    };
    child.on('error', (err) => finish('failed', `could not start ${job.kind}: ${err.message}`));
    child.on('exit', (code) => {
      // A run that failed part-way may still report (ingest: the rows stored and those rejected).
      if (stdout.trim() !== '')
        try {
          job.result = JSON.parse(stdout) as unknown;
        } catch {
          job.result = { output: stdout.slice(0, 10_000) };
        }
      if (code === 0) finish('succeeded');
      else finish('failed', `${job.kind} exited with code ${code}`);
    });
  }

  /** Writes every running job's row: its log and progress so far, and the heartbeat. */
  private async flush(): Promise<void> {
    for (const job of this.live.values()) if (job.status === 'running') await this.write(job);
  }

  private async write(job: Job): Promise<void> {
    try {
      await this.sql.run(
        'UPDATE jobs SET status = ?, finished_at = ?, heartbeat_at = ?, progress = ?, result = ?, log = ? WHERE id = ?',
        [
          job.status,
          job.finishedAt,
          new Date().toISOString(),
          job.progress === null ? null : JSON.stringify(job.progress),
          job.result === null ? null : JSON.stringify(job.result),
          JSON.stringify(job.log),
          job.id,
        ],
      );
    } catch {
      // A failed write (database closed at shutdown) is retried by the next flush, if any.
    }
  }
}
