import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp.js';
import { MAX_BACKLOG_BYTES, StdoutOutput } from './output.js';

const tmp = tempDir('chokepoint-monitor-output-');
afterAll(() => tmp.cleanup());

describe('decisions to a descriptor that is not a pipe (written on the thread pool)', () => {
  it('reports a backlog past the cap until the writes complete, then none, and keeps every byte in order', async () => {
    const path = join(tmp.dir, 'decisions.jsonl');
    const fd = openSync(path, 'w');
    const out = new StdoutOutput(fd);
    const lines = ['a', 'b', 'c'].map((c) => `${c.repeat(MAX_BACKLOG_BYTES / 2)}\n`);
    out.write(lines[0] as string);
    // Half the cap queued: nothing to wait for.
    expect(out.backlog()).toBeUndefined();
    out.write(lines[1] as string);
    out.write(lines[2] as string);
    const waiting = out.backlog();
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    // Every write has completed: nothing waits.
    expect(out.backlog()).toBeUndefined();
    out.write(lines[0] as string);
    expect(out.backlog()).toBeUndefined();
    await out.close();
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe(`${lines.join('')}${lines[0] as string}`);
  });
});
