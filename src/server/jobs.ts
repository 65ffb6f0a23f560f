import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI (two folders up from both src/server and dist/server). */
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const MAX_LOG_LINES = 500;

export type JobStatus = 'running' | 'succeeded' | 'failed';

/** A what-if comparison: one lever varied over values, each on the same seeds. */
export interface WhatIfParams {
  readonly scenario: string;
  readonly lever: string;
  readonly values: readonly string[];
  readonly seeds: number;
  readonly scale: string;
}

export interface Job {
  readonly id: string;
  readonly kind: 'analyze' | 'whatif';
  /** What the job was asked (the what-if's scenario, lever and values); empty for analyze. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly startedBy: string;
  readonly startedAt: string;
  status: JobStatus;
  finishedAt: string | null;
  /** What the run reported on success (alerts raised per detector, seconds). */
  result: unknown;
  /** stderr lines of the run, newest last, bounded. */
  readonly log: string[];
}

/**
 * Long runs (analyze, what-if) go to a child process running the CLI, so detectors that keep a core busy
 * for minutes never stall the server's event loop, and the run is exactly `chokepoint analyze`.
 * Jobs live in this process's memory: a restart forgets them, while the alerts they wrote stay.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly dbLocation: string,
    private readonly onFinished: () => void = () => undefined,
  ) {}

  get available(): boolean {
    return existsSync(CLI);
  }

  list(): Job[] {
    return [...this.jobs.values()].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  running(): Job | undefined {
    return [...this.jobs.values()].find((j) => j.status === 'running');
  }

  startAnalyze(userId: string): Job {
    return this.start(userId, 'analyze', {}, ['analyze', '--db', this.dbLocation, '--json']);
  }

  /** `chokepoint whatif` on simulated worlds of its own (it neither reads nor writes the store). */
  startWhatIf(userId: string, params: WhatIfParams): Job {
    const args = ['whatif', '--scenario', params.scenario, '--vary', `${params.lever}=${params.values.join(',')}`];
    args.push('--seeds', String(params.seeds), '--scale', params.scale, '--json');
    return this.start(userId, 'whatif', { ...params }, args);
  }

  private start(userId: string, kind: Job['kind'], params: Job['params'], args: readonly string[]): Job {
    const job: Job = {
      id: randomUUID(),
      kind,
      params,
      startedBy: userId,
      startedAt: new Date().toISOString(),
      status: 'running',
      finishedAt: null,
      result: null,
      log: [],
    };
    this.jobs.set(job.id, job);
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      job.log.push(...d.toString().split('\n').filter(Boolean));
      if (job.log.length > MAX_LOG_LINES) job.log.splice(0, job.log.length - MAX_LOG_LINES);
    });
    const finish = (status: JobStatus, message?: string): void => {
      if (job.status !== 'running') return;
      if (message !== undefined) job.log.push(message);
      job.status = status;
      job.finishedAt = new Date().toISOString();
      this.onFinished();
    };
    child.on('error', (err) => finish('failed', `could not start ${kind}: ${err.message}`));
    child.on('exit', (code) => {
      if (code === 0) {
        try {
          job.result = JSON.parse(stdout) as unknown;
        } catch {
          job.result = { output: stdout.slice(0, 10_000) };
        }
        finish('succeeded');
      } else finish('failed', `${kind} exited with code ${code}`);
    });
    return job;
  }
}
