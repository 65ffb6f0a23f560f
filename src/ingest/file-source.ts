import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export const ENCODINGS = ['utf8', 'latin1'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The first bytes of a file, decoded, for format sniffing. */
export async function readSample(path: string, encoding: Encoding, bytes = 64 * 1024): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString(encoding);
  } finally {
    await handle.close();
  }
}

/** sha256 of a file's content, streamed: it names the ingest run, so a rerun resumes it. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * A decoded text stream over a file. Decoding happens here, once, for every format: invalid
 * UTF-8 becomes U+FFFD, which the readers turn into a rejection naming line and field.
 * `onBytes` reports raw bytes consumed, for progress.
 */
export function openText(path: string, encoding: Encoding, onBytes?: (n: number) => void): Readable {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) stream.on('data', (chunk) => onBytes((chunk as Buffer).length));
  stream.setEncoding(encoding);
  return stream;
}
