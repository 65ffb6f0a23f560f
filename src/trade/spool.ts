import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One spooled record as replay hands it out: bytes [start, end) of `buf`, valid until the next record. */
export interface SpoolRecord {
  buf: Buffer;
  start: number;
  end: number;
}

interface Utf8Writing {
  utf8Write(text: string, offset: number, length?: number): number;
}

const BUFFER_BYTES = 1 << 22;

/**
 * A temporary file of per-row facts, one length-prefixed binary record each (see spool-codec.ts):
 * the stream-wide detectors need every row before any row's reasons are final, and holding
 * millions of rows in memory is not an option. Written once through a 4 MB buffer, replayed
 * as often as a pass needs with synchronous reads into another, removed by `dispose`.
 */
export class Spool {
  private readonly dir: string;
  private readonly path: string;
  private fd: number | null;
  private buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private pos = 0;
  /** Where the record being written starts (its 4-byte length goes there). */
  private recordStart = -1;
  count = 0;
  bytes = 0;

  constructor(parent: string = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'chokepoint-spool-'));
    this.path = join(this.dir, 'rows.bin');
    this.fd = openSync(this.path, 'w');
  }

  /** Starts a record of at most `maxBytes` bytes (an upper bound; strings count 3 bytes a character). */
  begin(maxBytes: number): void {
    if (this.fd === null) throw new Error('spool is closed');
    const need = maxBytes + 4;
    if (this.pos + need > this.buf.length) {
      this.flush();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    this.recordStart = this.pos;
    this.pos += 4;
  }

  /** Ends the record begun last. */
  end(): void {
    this.buf.writeUInt32LE(this.pos - this.recordStart - 4, this.recordStart);
    this.recordStart = -1;
    this.count++;
  }

  u8(v: number): void {
    this.buf[this.pos++] = v;
  }
  u32(v: number): void {
    this.buf.writeUInt32LE(v, this.pos);
    this.pos += 4;
  }
  i32(v: number): void {
    this.buf.writeInt32LE(v, this.pos);
    this.pos += 4;
  }
  f64(v: number): void {
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }
  /** A UTF-8 string with its byte length in front. */
  str(text: string): void {
    const n = (this.buf as unknown as Utf8Writing).utf8Write(text, this.pos + 4);
    this.buf.writeUInt32LE(n, this.pos);
    this.pos += 4 + n;
  }

  private flush(): void {
    if (this.fd === null || this.pos === 0) return;
    let done = 0;
    while (done < this.pos) done += writeSync(this.fd, this.buf, done, this.pos - done);
    this.bytes += this.pos;
    this.pos = 0;
  }

  /** Ends writing; the spool can then be replayed. */
  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Every record, in write order. The record object and its bytes are reused: decode before the next. */
  *replay(): Generator<SpoolRecord> {
    if (this.fd !== null) throw new Error('close the spool before replaying it');
    const fd = openSync(this.path, 'r');
    let buf = Buffer.allocUnsafe(BUFFER_BYTES);
    const record: SpoolRecord = { buf, start: 0, end: 0 };
    let have = 0;
    try {
      for (;;) {
        const read = readSync(fd, buf, have, buf.length - have, null);
        have += read;
        let pos = 0;
        while (pos + 4 <= have) {
          const length = buf.readUInt32LE(pos);
          if (pos + 4 + length > have) break;
          record.buf = buf;
          record.start = pos + 4;
          record.end = pos + 4 + length;
          yield record;
          pos += 4 + length;
        }
        if (read === 0) {
          if (pos !== have) throw new Error('spool ends inside a record');
          return;
        }
        // Move the partial record to the front; grow when one record is larger than the buffer.
        const rest = have - pos;
        const need = rest >= 4 ? 4 + buf.readUInt32LE(pos) : 0;
        if (need > buf.length) {
          const bigger = Buffer.allocUnsafe(need);
          buf.copy(bigger, 0, pos, have);
          buf = bigger;
        } else buf.copy(buf, 0, pos, have);
        have = rest;
      }
    } finally {
      closeSync(fd);
    }
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
