import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server.js';
import { openWorkspaceDb } from './db/index.js';
import { as, makeWorld, type World } from './test-world.js';

const AMLSIM = '/work/shared/data/amlsim-format/transactions_sample.csv';

type Job = { id: string; status: string; kind: string; log: string[]; progress: unknown; result: unknown; params: unknown };

async function waitFor(world: World, id: string): Promise<Job> {
  let current = (await as(world, 'vic', 'GET', `/api/jobs/${id}`)).json() as Job;
  for (let i = 0; i < 240 && current.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 500));
    current = (await as(world, 'vic', 'GET', `/api/jobs/${id}`)).json() as Job;
  }
  return current;
}

/** Uploads a file's bytes as the body of POST /api/jobs/ingest. */
const upload = (world: World, user: string, query: string, body: Buffer | string, type = 'text/csv') =>
  world.app.inject({
    method: 'POST',
    url: `/api/jobs/ingest?${query}`,
    headers: { authorization: `Bearer ${world.tokens[user]}`, 'content-type': type },
    payload: body,
  });

describe('analyze jobs (runs the built CLI in a child process)', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld('sqlite');
  });
  afterAll(async () => world.close());

  it('starts one analyze at a time, reports its progress and result, and audits the start', async () => {
    const started = await as(world, 'super', 'POST', '/api/jobs/analyze');
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json();
    expect(job).toMatchObject({ kind: 'analyze', status: 'running' });
    expect((await as(world, 'admin', 'POST', '/api/jobs/analyze')).statusCode).toBe(409);
    let current = job;
    for (let i = 0; i < 240 && current.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      current = (await as(world, 'vic', 'GET', `/api/jobs/${job.id}`)).json();
    }
    expect(current.status, JSON.stringify(current.log)).toBe('succeeded');
    expect(current.result).toMatchObject({ raised: expect.any(Object), seconds: expect.any(Number) });
    const list = (await as(world, 'vic', 'GET', '/api/jobs')).json();
    expect(list.jobs.map((j: { id: string }) => j.id)).toEqual([job.id]);
    expect((await world.sql.all<{ action: string }>("SELECT action FROM audit_log WHERE action = 'job.analyze'")).length).toBe(1);
  }, 150_000);

  it('runs a what-if comparison: one result row per lever value, with the options it may take', async () => {
    const options = (await as(world, 'vic', 'GET', '/api/whatif/options')).json();
    expect(options.scenarios.map((s: { name: string }) => s.name)).toContain('baseline');
    expect(options.levers.map((l: { name: string }) => l.name)).toContain('investigatorAlertsPerDay');
    const bad = await as(world, 'carl', 'POST', '/api/jobs/whatif', { lever: 'x;rm -rf', values: ['1'] });
    expect(bad.statusCode).toBe(400);
    const started = await as(world, 'carl', 'POST', '/api/jobs/whatif', {
      lever: 'investigatorAlertsPerDay',
      values: ['5', '50'],
      seeds: 1,
    });
    expect(started.statusCode, started.body).toBe(202);
    let current = started.json();
    expect(current).toMatchObject({ kind: 'whatif', params: { lever: 'investigatorAlertsPerDay', scale: 'tiny' } });
    for (let i = 0; i < 240 && current.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      current = (await as(world, 'vic', 'GET', `/api/jobs/${current.id}`)).json();
    }
    expect(current.status, JSON.stringify(current.log)).toBe('succeeded');
    const rows = current.result as { value: string; alertsPerDay: number; precision: number }[];
    expect(rows.map((r) => r.value)).toEqual(['5', '50']);
    expect(rows.map((r) => r.alertsPerDay)).toEqual([5, 50]);
  }, 150_000);
});

describe.each(['sqlite', 'postgres'] as const)(
  'ingest jobs on %s (an uploaded file, ingested by the built CLI in a child process)',
  (kind) => {
    let world: World;
    let uploads: string;
    beforeAll(async () => {
      uploads = mkdtempSync(join(tmpdir(), 'chokepoint-uploads-test-'));
      world = await makeWorld(kind, { uploadDir: uploads, uploadLimitBytes: 100_000 });
    });
    afterAll(async () => {
      await world.close();
      rmSync(uploads, { recursive: true, force: true });
    });

    it('streams the body to a private file, ingests it with progress, and removes the file after', async () => {
      const before = (await as(world, 'vic', 'GET', '/api/transactions?limit=1')).json();
      const started = await upload(
        world,
        'super',
        'name=transactions_sample.csv&format=amlsim-csv&dataset=amlsim',
        readFileSync(AMLSIM),
      );
      expect(started.statusCode, started.body).toBe(202);
      expect(started.json()).toMatchObject({
        kind: 'ingest',
        status: 'running',
        params: { name: 'transactions_sample.csv', bytes: 17217 },
      });
      const done = await waitFor(world, started.json().id);
      expect(done.status, JSON.stringify(done.log)).toBe('succeeded');
      expect(done.progress).toMatchObject({ read: 300, rejected: 0 });
      expect(done.result).toMatchObject({ files: [{ summary: { dataset: 'amlsim', counts: { read: 300, rejected: 0 } } }] });
      const after = (await as(world, 'vic', 'GET', '/api/transactions?limit=1')).json();
      expect(after.total).toBe(before.total + 300);
      expect(readdirSync(uploads)).toEqual([]);
      const audit = await world.sql.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'job.ingest'");
      expect(JSON.parse(audit[0]!.detail)).toMatchObject({ name: 'transactions_sample.csv', format: 'amlsim-csv' });
    }, 150_000);

    it('reports rejected lines in the log and the result, with the good rows stored', async () => {
      const text = readFileSync(AMLSIM, 'utf8').split(/\r?\n/).slice(0, 11);
      text[3] = '3,18,74,TRANSFER,not-a-number,2017-01-01T00:00:00Z,False,-1';
      const started = await upload(world, 'super', 'name=bad.csv&format=amlsim-csv&dataset=bad', text.join('\n') + '\n');
      expect(started.statusCode, started.body).toBe(202);
      const done = await waitFor(world, started.json().id);
      expect(done.status).toBe('failed');
      expect(done.log.join('\n')).toMatch(/bad\.csv:4: base_amt/);
      expect(done.result).toMatchObject({ files: [{ summary: { counts: { read: 10, rejected: 1 } } }] });
    }, 150_000);

    it('refuses a path as a name, a JSON body, an upload over the limit, and a viewer or analyst', async () => {
      expect((await upload(world, 'super', 'name=../etc/passwd', 'x')).statusCode).toBe(400);
      expect((await upload(world, 'super', 'name=a.csv&format=nope', 'x')).statusCode).toBe(400);
      const json = await as(world, 'super', 'POST', '/api/jobs/ingest?name=a.csv', { rows: [] });
      expect(json.statusCode).toBe(415);
      const big = await upload(world, 'super', 'name=big.csv', Buffer.alloc(200_000, 65));
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      expect((await upload(world, 'carl', 'name=a.csv', 'x')).statusCode).toBe(403);
      expect(readdirSync(uploads)).toEqual([]);
    });

    it('lists jobs from the database to every server process, and fails a job whose process stopped', async () => {
      // A second server process on the same database (its own connection) sees this one's jobs.
      const sql = await openWorkspaceDb(world.location);
      const other = await buildServer({ store: world.store, sql, logger: false, dbLocation: world.location });
      try {
        const listed = (
          await other.inject({ url: '/api/jobs', headers: { authorization: `Bearer ${world.tokens['vic']}` } })
        ).json() as { jobs: Job[] };
        expect(listed.jobs.map((j) => j.kind)).toEqual(['ingest', 'ingest']);
        // A job left running by a process that died (heartbeat long ago) does not block the next one.
        const old = '2020-01-01T00:00:00.000Z';
        await sql.run(
          "INSERT INTO jobs (id, kind, params, started_by, started_at, status, heartbeat_at, log) VALUES ('lost-1', 'analyze', '{}', ?, ?, 'running', ?, '[]')",
          [world.ids['super']!, old, old],
        );
        const started = await upload(world, 'super', 'name=again.csv&format=amlsim-csv&dataset=again', readFileSync(AMLSIM));
        expect(started.statusCode, started.body).toBe(202);
        // While it runs, the other process refuses a second job with 409 naming it.
        const second = await other.inject({
          method: 'POST',
          url: '/api/jobs/analyze',
          headers: { authorization: `Bearer ${world.tokens['super']}` },
        });
        expect(second.statusCode).toBe(409);
        expect(second.json().error.details.jobId).toBe(started.json().id);
        const lost = (await as(world, 'vic', 'GET', '/api/jobs/lost-1')).json() as Job;
        expect(lost.status).toBe('failed');
        expect(lost.log).toContain('the server process running this job stopped');
        expect((await waitFor(world, started.json().id)).status).toBe('succeeded');
      } finally {
        await other.close();
        await sql.close();
      }
    }, 150_000);
  },
);
