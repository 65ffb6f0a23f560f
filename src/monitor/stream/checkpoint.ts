import { open, rename, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import {
  closeSync,
  fsync as fsyncCallback,
  write as writeCallback,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const Count = z.number().int().nonnegative();

/**
 * What a checkpoint records: where the input stood (the last line number or JetStream sequence
 * decided), the live rows of the window (as a range of sequence numbers over the row log), the
 * stream clock, how many bytes of decisions had been written, and what policy and partition
 * produced them (a restart with another policy or partition is refused: its decisions would
 * not continue these).
 */
export const CheckpointMeta = z.strictObject({
  format: z.literal(1),
  policySha256: z.string(),
  partition: z.string(),
  source: z.enum(['stdin', 'jetstream']),
  position: Count,
  head: Count,
  tail: Count,
  watermark: z.number().nullable(),
  outputBytes: Count,
  counts: z.strictObject({ transactions: Count, decided: Count, errors: Count, flagged: Count }),
  segments: z.array(z.strictObject({ file: z.string().regex(/^rows-\d+\.jsonl$/), firstSeq: Count, rows: Count, bytes: Count })),
});
export type CheckpointMeta = z.infer<typeof CheckpointMeta>;

const META = 'checkpoint.json';
/** A segment is closed and a new one started at the first checkpoint after it passes this size. */
const SEGMENT_BYTES = 64 << 20;

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** fsync of a descriptor on libuv's thread pool: the disk wait never blocks a decision. */
export const fsyncFd = promisify(fsyncCallback);

/**
 * A checkpoint directory: `checkpoint.json` (replaced atomically: written to a temporary file,
 * synced, renamed) and the row log, segments `rows-<first sequence>.jsonl` holding each valid
 * input line in arrival order. Rows are appended as they arrive; a checkpoint syncs the log and
 * the decisions file, then records their lengths, so whatever was written after the last
 * checkpoint is cut off on restart and decided again. Segments wholly older than the window's
 * head are deleted.
 *
 * A commit takes the lengths at once but waits for the disk off the main thread (`commitAsync`):
 * fsync on a busy disk took tens of milliseconds, during which no transaction was decided. Rows
 * and decisions written meanwhile go past the recorded lengths, which is harmless: a restart cuts
 * them off. The meta file names only what an fsync has covered, because it is written after the
 * fsyncs complete.
 */
export class CheckpointStore {
  private segments: { file: string; firstSeq: number; rows: number; bytes: number }[] = [];
  private fd: number | undefined;
  /** Descriptors of segments rolled over whose last rows no commit has synced yet. */
  private unsynced: number[] = [];
  private buffer = '';
  private buffered = 0;
  /**
   * The row log's writes, in order, on libuv's thread pool. A write to a file while a commit
   * fsyncs it waits for the sync: done on the main thread, that stopped a decision for 8 to 16 ms
   * after every checkpoint. A commit waits for the writes before it syncs.
   */
  private writes: Promise<void> = Promise.resolve();
  private writeFailure: Error | undefined;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** The last checkpoint, validated, or undefined when the directory holds none. */
  load(): CheckpointMeta | undefined {
    const path = join(this.dir, META);
    if (!existsSync(path)) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new CheckpointError(`${path}: not valid JSON: ${(err as Error).message}`);
    }
    const parsed = CheckpointMeta.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CheckpointError(`${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  /** Calls `onRow` with each live row's sequence number and line, in order. */
  readRows(meta: CheckpointMeta, onRow: (seq: number, line: string) => void): void {
    for (const segment of meta.segments) {
      const path = join(this.dir, segment.file);
      let text: string;
      try {
        text = readFileSync(path).subarray(0, segment.bytes).toString('utf8');
      } catch (err) {
        throw new CheckpointError(`${path}: cannot read the row log: ${(err as Error).message}`);
      }
      const lines = text.split('\n');
      if (lines.length - 1 !== segment.rows)
        throw new CheckpointError(`${path}: expected ${segment.rows} rows, found ${lines.length - 1}`);
      for (let k = 0; k < segment.rows; k++) {
        const seq = segment.firstSeq + k;
        if (seq >= meta.head && seq < meta.tail) onRow(seq, lines[k] as string);
      }
    }
  }

  /**
   * Opens the log for appending after `meta` (or empty, starting at sequence `tail`): the last
   * segment is cut back to its checkpointed length, files the checkpoint does not name are removed.
   */
  openLog(meta: CheckpointMeta | undefined, tail: number): void {
    this.segments = meta === undefined ? [] : meta.segments.map((s) => ({ ...s }));
    const named = new Set(this.segments.map((s) => s.file));
    for (const file of readdirSync(this.dir))
      if (file !== META && !named.has(file)) rmSync(join(this.dir, file), { force: true });
    const last = this.segments[this.segments.length - 1];
    if (last === undefined) this.startSegment(tail);
    else {
      this.fd = openSync(join(this.dir, last.file), 'r+');
      ftruncateSync(this.fd, last.bytes);
    }
  }

  private startSegment(firstSeq: number): void {
    if (this.fd !== undefined) closeSync(this.fd);
    const file = `rows-${firstSeq}.jsonl`;
    this.fd = openSync(join(this.dir, file), 'w');
    this.segments.push({ file, firstSeq, rows: 0, bytes: 0 });
  }

  /** Appends one valid input line (its sequence number is the next one). */
  append(line: string): void {
    this.buffer += line;
    this.buffer += '\n';
    this.buffered++;
  }

  /** Writes the buffered rows to the current segment (queued: see `writes`). */
  flush(): void {
    if (this.writeFailure !== undefined) throw this.writeFailure;
    if (this.buffered === 0) return;
    const segment = this.segments[this.segments.length - 1];
    const fd = this.fd;
    if (segment === undefined || fd === undefined) throw new Error('row log is not open');
    const bytes = Buffer.from(this.buffer, 'utf8');
    const position = segment.bytes;
    segment.bytes += bytes.length;
    segment.rows += this.buffered;
    this.buffer = '';
    this.buffered = 0;
    this.writes = this.writes
      .then(() => writeAll(fd, bytes, position))
      .catch((err: unknown) => {
        this.writeFailure ??= err instanceof Error ? err : new Error(String(err));
      });
  }

  /** Waits for the queued writes; throws the first that failed. */
  private async written(): Promise<void> {
    await this.writes;
    if (this.writeFailure !== undefined) throw this.writeFailure;
  }

  /**
   * Commits a checkpoint: takes the log's lengths now, then (off the main thread) syncs the log
   * and `alsoSync` (the decisions file, written up to what `meta` records), replaces the meta
   * file atomically, and deletes the segments older than the head. At most one commit may be in
   * flight; the caller waits for it before the next. A large segment is rolled over afterwards.
   */
  async commitAsync(meta: Omit<CheckpointMeta, 'segments' | 'format'>, alsoSync: () => Promise<void>): Promise<void> {
    this.flush();
    const live = this.segments.filter((s, k) => k === this.segments.length - 1 || s.firstSeq + s.rows > meta.head);
    const dropped = this.segments.filter((s) => !live.includes(s));
    this.segments = live;
    // The text is made now: segment lengths keep growing while the disk is waited for.
    const text = `${JSON.stringify({ format: 1, ...meta, segments: live } satisfies CheckpointMeta)}\n`;
    const rolled = this.unsynced;
    this.unsynced = [];
    const fd = this.fd;
    await this.written();
    await Promise.all([alsoSync(), ...[...rolled, ...(fd === undefined ? [] : [fd])].map((d) => fsyncFd(d))]);
    for (const d of rolled) closeSync(d);
    const temp = join(this.dir, `${META}.tmp`);
    await writeFile(temp, text);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(this.dir, META));
    await Promise.all(dropped.map((s) => rm(join(this.dir, s.file), { force: true })));
    const last = this.segments[this.segments.length - 1];
    if (last !== undefined && last.bytes > SEGMENT_BYTES) {
      // Rows appended since the commit began are in this segment, unsynced: the next commit syncs it.
      this.flush();
      if (this.fd !== undefined) this.unsynced.push(this.fd);
      this.fd = undefined;
      this.startSegment(last.firstSeq + last.rows);
    }
  }

  async close(): Promise<void> {
    await this.written();
    for (const d of this.unsynced) closeSync(d);
    this.unsynced = [];
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Writes all of `bytes` at `position` of `fd`, on the thread pool. */
function writeAll(fd: number, bytes: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (from: number): void =>
      writeCallback(fd, bytes, from, bytes.length - from, position + from, (err, n) => {
        if (err !== null) reject(err);
        else if (from + n < bytes.length) next(from + n);
        else resolve();
      });
    next(0);
  });
}
