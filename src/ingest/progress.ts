import type { IngestCounts } from '../model/index.js';

export interface ProgressSink {
  update(progress: { bytes: number; totalBytes: number; counts: IngestCounts }): void;
  done(): void;
}

const NONE: ProgressSink = { update: () => undefined, done: () => undefined };

/** Prefix of the machine-readable progress lines (`CHOKEPOINT_PROGRESS=lines`), one JSON object after it. */
export const PROGRESS_LINE_PREFIX = 'progress ';

/**
 * Progress as one JSON line a second on stderr, for a parent process (the server's jobs) to
 * read: `progress {"file","bytes","totalBytes","read","rejected"}`.
 */
function progressLines(label: string, stream: NodeJS.WritableStream): ProgressSink {
  let last = 0;
  let latest: string | undefined;
  const write = (): void => {
    if (latest !== undefined) stream.write(`${PROGRESS_LINE_PREFIX}${latest}\n`);
    latest = undefined;
  };
  return {
    update({ bytes, totalBytes, counts }) {
      latest = JSON.stringify({ file: label, bytes, totalBytes, read: counts.read, rejected: counts.rejected });
      const now = performance.now();
      if (now - last < 1000) return;
      last = now;
      write();
    },
    done: write,
  };
}

/**
 * A one-line progress bar on a terminal's stderr; nothing when stderr is piped or under CI,
 * so logs and machine output stay clean, unless `CHOKEPOINT_PROGRESS=lines` asks for lines.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, env = process.env): ProgressSink {
  if (env['CHOKEPOINT_PROGRESS'] === 'lines') return progressLines(label, stream);
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
