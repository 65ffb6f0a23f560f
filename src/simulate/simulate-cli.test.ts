import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { simulateCommand } from '../cli/commands/simulate.js';
import { UsageError } from '../cli/errors.js';
import { tempDir } from '../test-support/temp.js';

/** Runs the command in-process, with commander's exits turned into exceptions. */
async function run(args: readonly string[]): Promise<string> {
  const command = simulateCommand()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await command.parseAsync([...args], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

describe('chokepoint simulate', () => {
  const tmp = tempDir('chokepoint-simcli-');
  afterAll(() => tmp.cleanup());

  it('writes a world and prints a JSON summary', async () => {
    const out = join(tmp.dir, 'w');
    const printed = await run([
      '--out',
      out,
      '--seed',
      '4',
      '--scale',
      'tiny',
      '--scenario',
      'cn-hk-suspended',
      '--set',
      'investigatorAlertsPerDay=20',
      '--json',
    ]);
    const summary = JSON.parse(printed) as {
      scenario: string;
      levers: { investigatorAlertsPerDay: number };
      counts: { shipments: number };
    };
    expect(summary.scenario).toBe('cn-hk-suspended');
    expect(summary.levers.investigatorAlertsPerDay).toBe(20);
    expect(summary.counts.shipments).toBeGreaterThan(1_900);
    for (const f of ['shipments.csv', 'transactions.csv', 'entities.ftm.json', 'truth.csv', 'scenario.json'])
      expect(existsSync(join(out, f))).toBe(true);
  });

  it.each([
    [['--seed', 'x', '--scale', 'tiny'], /--seed expects an integer/],
    [['--seed', '1', '--scale', 'tiny', '--set', 'bogus=1'], /unknown lever "bogus"/],
    [['--seed', '1', '--scale', 'tiny', '--set', 'noequals'], /--set expects lever=value/],
    [['--seed', '1', '--scale', 'tiny', '--set', 'moneyTransmitterPenalty=3'], /lever moneyTransmitterPenalty/],
  ])('reports bad usage %j as a UsageError', async (args, message) => {
    const attempt = run(['--out', join(tmp.dir, 'bad'), ...args]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(run(['--out', join(tmp.dir, 'bad'), ...args])).rejects.toThrow(message);
  });

  it('refuses an unknown scale or scenario through commander (main.ts maps it to exit 2)', async () => {
    await expect(run(['--out', tmp.dir, '--seed', '1', '--scale', 'huge'])).rejects.toMatchObject({
      exitCode: 1,
      code: 'commander.invalidArgument',
    });
    await expect(run(['--out', tmp.dir, '--seed', '1', '--scale', 'tiny', '--scenario', 'nope'])).rejects.toMatchObject({
      code: 'commander.invalidArgument',
    });
  });
});
