import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../../test-support/cli.js';
import { tempDir } from '../../test-support/temp.js';
import { TestWorld } from '../test-world.js';

/** The JetStream server every node-svc machine (and CI) runs. */
const NATS_URL = process.env['CHOKEPOINT_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const tag = randomBytes(4).toString('hex');
const STREAM = `CHOKEPOINT_TEST_${tag}`;
const SUBJECT = `chokepoint.test.${tag}.payments`;
const tmp = tempDir('chokepoint-monitor-nats-');
let nc: NatsConnection;

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL });
  await (await nc.jetstreamManager()).streams.add({ name: STREAM, subjects: [SUBJECT] });
});

afterAll(async () => {
  await (await nc.jetstreamManager()).streams.delete(STREAM).catch(() => false);
  await nc.drain();
  tmp.cleanup();
});

function world(from: number, rows: number): string[] {
  const w = new TestWorld();
  for (let k = 0; k < from + rows; k++) w.pay({ from: `A${k % 11}`, to: `B${k % 7}`, usd: 100 + k, day: k / 10, channel: 'ach' });
  [9_400, 9_850, 8_900].forEach((usd, k) =>
    w.pay({ from: 'CASH', to: 'FUNNEL', usd, day: (from + k) / 10, channel: 'cash_deposit', fromName: `Mule ${k}` }),
  );
  const lines = w.transactions.map((t) => JSON.stringify({ ...t, id: `${t.id}-${from}-${tag}` }));
  // The first `from` transactions were published before; the funnel deposits come last.
  return [...lines.slice(from, from + rows), ...lines.slice(from + rows)];
}

async function publish(lines: readonly string[]): Promise<void> {
  const js = nc.jetstream();
  for (const line of lines) await js.publish(SUBJECT, line);
}

/** Runs the monitor until it has written `count` decisions, then stops it with SIGTERM. */
async function runUntil(out: string, count: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'monitor',
      '--nats',
      NATS_URL,
      '--subject',
      SUBJECT,
      '--durable',
      `test-${tag}`,
      '--checkpoint',
      join(tmp.dir, 'cp'),
      '--checkpoint-seconds',
      '1',
      '--out',
      out,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (existsSync(out) && readFileSync(out, 'utf8').split('\n').length - 1 >= count) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stderr };
}

describe('chokepoint monitor over NATS JetStream (the real server)', () => {
  it('decides each message once, acknowledges after the checkpoint, and resumes after the last one on restart', async () => {
    const out = join(tmp.dir, 'decisions.jsonl');
    const first = world(0, 40);
    await publish([...first, '{"id":"BAD","timestamp":"soon"}']);
    const one = await runUntil(out, first.length + 1);
    expect(one.code, one.stderr).toBe(1);
    let decisions = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(decisions.map((d) => d['sequence'])).toEqual(decisions.map((_, k) => k + 1));
    expect(decisions[first.length]).toMatchObject({
      sequence: first.length + 1,
      transaction_id: 'BAD',
      error: expect.stringMatching(/timestamp/),
    });
    expect(decisions[first.length - 1]).toMatchObject({ flagged: true, typologies: ['structuring'] });
    const info = await (await nc.jetstreamManager()).consumers.info(STREAM, `test-${tag}`);
    expect(info.ack_floor.stream_seq).toBe(first.length + 1);
    expect(info.num_ack_pending).toBe(0);

    // The same decisions as over stdin.
    const stdin = spawnSync(process.execPath, [CLI, 'monitor', '--quiet'], { input: first.join('\n'), encoding: 'utf8' });
    const viaStdin = stdin.stdout
      .trim()
      .split('\n')
      .map((l) => {
        const { line, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return { sequence: line, ...rest };
      });
    expect(decisions.slice(0, first.length)).toEqual(viaStdin);

    const more = world(40, 20).slice(0, 20);
    await publish(more);
    const two = await runUntil(out, first.length + 1 + more.length);
    expect(two.stderr).toMatch(new RegExp(`resuming after sequence ${first.length + 1}`));
    decisions = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(decisions).toHaveLength(first.length + 1 + more.length);
    expect(new Set(decisions.map((d) => d['sequence'])).size).toBe(decisions.length);
  }, 90_000);
});
