import type { IngestCounts } from '../model/index.js';

export interface ProgressSink {
  update(progress: { bytes: number; totalBytes: number; counts: IngestCounts }): void;
  done(): void;
}

const NONE: ProgressSink = { update: () => undefined, done: () => undefined };

/**
 * A one-line progress bar on a terminal's stderr; nothing when stderr is piped or under CI,
 * so logs and machine output stay clean.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, env = process.env): ProgressSink {
  if (!stream.isTTY || env['CI'] !== undefined) return NONE;
  const started = performance.now();
  let last = 0;
  return {
    update({ bytes, totalBytes, counts }) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      const share = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 0;
      const width = 24;
      const filled = Math.round(share * width);
      const rate = Math.round(counts.read / Math.max(0.001, (now - started) / 1000));
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
          `${counts.read.toLocaleString('en-US')} rows ${rate.toLocaleString('en-US')}/s rejected ${counts.rejected}`,
      );
    },
    done() {
      stream.write('\r\u001b[2K');
    },
  };
}
