import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeWorld, type World } from './test-world.js';

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
