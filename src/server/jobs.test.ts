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
});
