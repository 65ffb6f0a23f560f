import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../../test-support/cli.js';
import { tempDir } from '../../test-support/temp.js';
import { TestWorld } from '../test-world.js';
import { MAX_BACKLOG_BYTES } from './output.js';
import { seededRandom } from '../../resolve/random.js';

const tmp = tempDir('chokepoint-monitor-stream-');
afterAll(() => tmp.cleanup());

/** Ordinary payments among `accounts` over `days`, with a structuring funnel every few days. */
function streamWorld(rows: number, accounts: number, days: number): TestWorld {
  const r = seededRandom(7);
  const w = new TestWorld();
  const channels = ['wire', 'ach', 'card', 'remittance', 'check'];
  for (let i = 0; i < rows; i++) {
    const day = (i / rows) * days;
    if (i % 997 === 0) {
      const funnel = `FUNNEL-${Math.floor(i / 5000)}`;
      w.pay({ from: 'CASH', to: funnel, usd: 8_600 + r() * 1_300, day, channel: 'cash_deposit', fromName: `Mule ${i % 5}` });
      continue;
    }
    const from = Math.floor(accounts * r() ** 3);
    const to = (from + 1 + Math.floor(r() * (accounts - 1))) % accounts;
    const usd = Math.round(Math.exp(4 + r() * 6) * 100) / 100;
    w.pay({ from: `A${from}`, to: `A${to}`, usd, day, channel: channels[Math.floor(r() * channels.length)] as string });
  }
  return w;
}

function jsonLines(w: TestWorld): string {
  return `${w.transactions.map((t) => JSON.stringify(t)).join('\n')}\n`;
}

function monitor(args: readonly string[], input: string) {
  return spawnSync(process.execPath, [CLI, 'monitor', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    maxBuffer: 1 << 28,
  });
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').trim().split('\n');
}

describe('chokepoint monitor over stdin (the built CLI)', () => {
  it('writes one decision per line in order, flags the funnel, and reports a bad line by line and field without stopping', () => {
    const w = new TestWorld();
    const mules = ['Ana Cruz', 'Li Wei', 'Tom Hart'];
    [9_400, 9_850, 8_900, 9_700].forEach((usd, k) =>
      w.pay({
        from: 'CASH',
        to: 'FUNNEL',
        usd,
        day: k * 2,
        channel: 'cash_deposit',
        fromName: mules[k % 3],
        purpose: `Cash deposit, branch ${k}`,
      }),
    );
    for (let k = 0; k < 10; k++) w.pay({ from: `C${k}`, to: 'SHOP', usd: 30 + k, day: k / 2, channel: 'card' });
    w.pay({ from: 'FUNNEL', to: 'MX-IMP', usd: 36_000, day: 9, toCountry: 'MX' });
    const text = jsonLines(w).split('\n');
    text.splice(
      3,
      0,
      JSON.stringify({
        id: 'BAD-1',
        timestamp: 1_725_300_000_000,
        debtorAccount: 'X',
        creditorAccount: 'Y',
        amount: 'lots',
        currency: 'USD',
      }),
    );
    text.splice(5, 0, '{"id": "BAD-2", ');
    const out = join(tmp.dir, 'decisions.jsonl');
    const run = monitor(['--out', out], text.join('\n'));
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/cycle is batch-only/);
    const decisions = lines(out).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(decisions).toHaveLength(w.transactions.length + 2);
    expect(decisions.map((d) => d['line'])).toEqual(decisions.map((_, k) => k + 1));
    expect(decisions[3]).toEqual({ line: 4, transaction_id: 'BAD-1', error: expect.stringMatching(/^line 4: amount: /) });
    expect(decisions[5]).toEqual({ line: 6, error: expect.stringMatching(/^line 6: not valid JSON/) });
    const byId = new Map(decisions.map((d) => [d['transaction_id'], d]));
    const last = byId.get(w.transactions[w.transactions.length - 1]?.id);
    expect(last).toMatchObject({ flagged: true, typologies: ['structuring'] });
    expect(byId.get('T3')).toMatchObject({
      flagged: true,
      reasons: expect.arrayContaining([expect.objectContaining({ ruleId: 'structuring.below-threshold' })]),
    });
    for (const id of ['T1', 'T2', 'T5', 'T6']) expect(byId.get(id)).toMatchObject({ flagged: false });
  });

  it('refuses a bad partition or policy with a usage error', () => {
    expect(monitor(['--partition', '3/3'], '').stderr).toMatch(/--partition expects 0 <= i < n/);
    const policy = tmp.file('bad-policy.json', JSON.stringify({ name: 'x', version: '1' }));
    const run = monitor(['--policy', policy], '');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/version: expected a semantic version/);
    const growth = monitor(['--heap-growth', '-5'], '');
    expect(growth.status).toBe(2);
    expect(growth.stderr).toMatch(/--heap-growth expects a whole number of 0 or more, got "-5"/);
    // A ring keeps at most 65,536 rows per account and direction.
    const rows = monitor(['--max-account-rows', '70000'], '');
    expect(rows.status).toBe(2);
    expect(rows.stderr).toMatch(/--max-account-rows expects a positive integer up to 65536, got "70000"/);
    const evidence = monitor(['--unflagged-evidence', '51'], '');
    expect(evidence.status).toBe(2);
    expect(evidence.stderr).toMatch(/--unflagged-evidence expects a whole number up to 50, got "51"/);
  });

  it('decides on threads exactly as on one: same lines, errors and counts, and a checkpoint carries over between the two', () => {
    const stream = jsonLines(streamWorld(12_000, 1_500, 10)).split('\n');
    // A bad line, a blank one and a partly valid one among the payments.
    stream.splice(500, 0, '{"id": "BAD-1", ');
    stream.splice(900, 0, '   ');
    stream.splice(
      1_300,
      0,
      JSON.stringify({ id: 'BAD-2', timestamp: 1, debtorAccount: 'A', creditorAccount: 'B', amount: -1, currency: 'USD' }),
    );
    const input = stream.join('\n');
    const one = monitor(['--out', join(tmp.dir, 'one.jsonl')], input);
    expect(one.status, one.stderr).toBe(1);
    const three = monitor(['--threads', '3', '--out', join(tmp.dir, 'three.jsonl')], input);
    expect(three.status, three.stderr).toBe(1);
    expect(readFileSync(join(tmp.dir, 'three.jsonl'), 'utf8')).toBe(readFileSync(join(tmp.dir, 'one.jsonl'), 'utf8'));
    const summary = (stderr: string) =>
      /monitor: (\d+ transactions, \d+ decided .*, \d+ flagged, \d+ bad lines)/.exec(stderr)?.[1];
    expect(summary(three.stderr)).toBe(summary(one.stderr));
    expect(summary(one.stderr)).toMatch(/^12000 transactions, 12000 decided .*, 2 bad lines$/);
    // Standard output, partitioned: the same bytes too.
    const part = monitor(['--partition', '1/2', '--quiet'], input);
    const partThreads = monitor(['--partition', '1/2', '--threads', '2', '--quiet'], input);
    expect(partThreads.stdout).toBe(part.stdout);
    expect(part.stdout.split('\n').length).toBeGreaterThan(3_000);

    // The first half on one thread, the rest on two, from the first run's checkpoint.
    const dir = join(tmp.dir, 'cp-mixed');
    const out = join(tmp.dir, 'mixed.jsonl');
    const half = stream.slice(0, 6_000).join('\n');
    expect(monitor(['--checkpoint', dir, '--checkpoint-every', '900', '--out', out, '--quiet'], half).status).toBe(1);
    const rest = monitor(['--checkpoint', dir, '--checkpoint-every', '900', '--out', out, '--threads', '2'], input);
    expect(rest.stderr).toMatch(/resuming after line 6000 \(\d+ rows in the window\)/);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(tmp.dir, 'one.jsonl'), 'utf8'));
  }, 120_000);

  it('refuses --threads with --nats and out of range; reports pauses per decision thread', () => {
    expect(monitor(['--threads', '0'], '').stderr).toMatch(/--threads expects a positive integer up to 16, got "0"/);
    const nats = monitor(['--threads', '2', '--nats', 'nats://127.0.0.1:4222', '--subject', 'x'], '');
    expect(nats.status).toBe(2);
    expect(nats.stderr).toMatch(/--threads reads stdin only/);
    const input = jsonLines(streamWorld(2_000, 300, 5));
    const report = monitor(['--threads', '2', '--report-pauses', '1000', '--quiet'], input);
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout.trim().split('\n')).toHaveLength(2_000);
    // The main thread's report, then each thread's: every line timed on both threads (each adds every row).
    expect(report.stderr).toMatch(/^monitor: pauses: gc .*; items over 1000 ms 0 of 0, /m);
    for (const i of [0, 1])
      expect(report.stderr).toMatch(
        new RegExp(`^monitor: thread ${i} pauses: gc .*items over 1000 ms 0 of 2000, .*thread ${i} cpu [\\d.]+ s$`, 'm'),
      );
  });

  it('refuses to resume from a row log that no longer parses, on one thread or on two', () => {
    const dir = join(tmp.dir, 'cp-corrupt');
    const input = jsonLines(streamWorld(500, 50, 2));
    expect(monitor(['--checkpoint', dir, '--out', join(tmp.dir, 'corrupt.jsonl'), '--quiet'], input).status).toBe(0);
    const log = join(dir, 'rows-0.jsonl');
    const rows = readFileSync(log, 'utf8').split('\n');
    rows[2] = '{"id": broken';
    writeFileSync(log, rows.join('\n'));
    for (const threads of ['1', '2']) {
      const run = monitor(['--checkpoint', dir, '--out', join(tmp.dir, 'corrupt.jsonl'), '--threads', threads], input);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/cp-corrupt: (decision thread \d: )?row 2 of the log is invalid: line 2: not valid JSON/);
    }
  });

  describe('restarts after SIGKILL from its checkpoint and writes exactly the decisions of an uninterrupted run', () => {
    const total = 40_000;
    let input = '';
    let whole = '';
    beforeAll(() => {
      input = tmp.file('stream.jsonl', jsonLines(streamWorld(total, 3_000, 20)));
      whole = join(tmp.dir, 'whole.jsonl');
      const run = monitor(
        ['--checkpoint', join(tmp.dir, 'cp-whole'), '--checkpoint-every', '700', '--out', whole, '--quiet'],
        readFileSync(input, 'utf8'),
      );
      expect(run.status, run.stderr).toBe(0);
      expect(lines(whole)).toHaveLength(total);
      expect(lines(whole).some((l) => l.includes('"flagged":true'))).toBe(true);
    }, 120_000);

    it.each(['1', '2'])(
      'with --threads %s',
      async (threads) => {
        const out = join(tmp.dir, `killed-${threads}.jsonl`);
        const dir = join(tmp.dir, `cp-killed-${threads}`);
        const args = [CLI, 'monitor', '--checkpoint', dir, '--checkpoint-every', '700', '--out', out, '--threads', threads];
        const fd = openSync(input, 'r');
        const child = spawn(process.execPath, args, { stdio: [fd, 'ignore', 'pipe'] });
        closeSync(fd);
        // Kill it once it is well into the stream, wherever it is (mid-checkpoint included).
        const killedAt = await new Promise<number>((resolve, reject) => {
          const poll = setInterval(() => {
            const size = existsSync(out) ? statSync(out).size : 0;
            if (size > statSync(whole).size * 0.3) {
              clearInterval(poll);
              child.kill('SIGKILL');
              resolve(size);
            }
          }, 5);
          child.on('exit', (code) => {
            clearInterval(poll);
            if (code !== null) reject(new Error(`the monitor finished (exit ${code}) before it could be killed`));
          });
        });
        await new Promise((resolve) => child.on('close', resolve));
        expect(killedAt).toBeLessThan(statSync(whole).size);

        const restart = spawnSync(process.execPath, args, { stdio: [openSync(input, 'r'), 'pipe', 'pipe'], encoding: 'utf8' });
        expect(restart.status, restart.stderr).toBe(0);
        const resumed = Number(/resuming after line (\d+)/.exec(restart.stderr)?.[1]);
        expect(resumed).toBeGreaterThan(0);
        expect(resumed).toBeLessThan(total);
        expect(readFileSync(out, 'utf8')).toBe(readFileSync(whole, 'utf8'));
      },
      120_000,
    );

    it.each(['1', '2'])(
      'stops reading stdin while no one reads its decisions, then writes every one (--threads %s)',
      async (threads) => {
        const text = readFileSync(input, 'utf8');
        expect(statSync(whole).size).toBeGreaterThan(3 * MAX_BACKLOG_BYTES);
        const child = spawn(process.execPath, [CLI, 'monitor', '--threads', threads], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        // Its start-up notice comes once it is ready to read; its decisions are not read yet.
        await new Promise((resolve) => child.stderr.once('data', resolve));
        child.stdin.write(text);
        // Wait until the input left to send stops shrinking: at the backlog's cap, or at none.
        let left = child.stdin.writableLength;
        for (let still = 0; still < 15;) {
          await sleep(100);
          const now = child.stdin.writableLength;
          still = now === left ? still + 1 : 0;
          left = now;
        }
        // A few megabytes of decisions waited, so most of the input was never taken.
        expect(left, stderr).toBeGreaterThan(text.length / 3);
        const chunks: Buffer[] = [];
        child.stdout.on('data', (d: Buffer) => chunks.push(d));
        child.stdin.end();
        expect(await new Promise((resolve) => child.on('close', resolve)), stderr).toBe(0);
        expect(Buffer.concat(chunks).toString('utf8')).toBe(readFileSync(whole, 'utf8'));
      },
      120_000,
    );
  });
});
