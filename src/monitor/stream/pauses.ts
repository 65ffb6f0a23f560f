import { readFileSync } from 'node:fs';
import { PerformanceObserver, monitorEventLoopDelay, type IntervalHistogram, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { WindowState } from './window.js';

/** Node's 'gc' entries carry the collection's kind in `detail` (1 = scavenge). */
interface GcEntry extends PerformanceEntry {
  readonly detail?: { readonly kind?: number };
}

/** What the monitor did that can take long: counted so a slow item can say which happened during it. */
export interface WorkCounters {
  /** Window chunks allocated (the window grew). */
  readonly chunks: number;
  /** Account and name interner doublings started. */
  readonly rehashes: number;
  /** Checkpoints started. */
  readonly checkpoints: number;
}

interface Slow {
  readonly position: number;
  readonly start: number;
  readonly ms: number;
  readonly during: string;
}

interface GcTally {
  count: number;
  total: number;
  max: number;
}

/**
 * CPU seconds of the calling thread (user + system), from Linux's /proc; undefined elsewhere.
 * process.cpuUsage counts every thread (GC helpers, libuv's pool, decision threads), and the
 * thread a decision waits for is the one that matters. Clock ticks are taken as 1/100 s (USER_HZ).
 */
export function threadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}

/** The counters as they stand for a thread deciding over `window` (none without one). */
export function workOf(window: WindowState | undefined, checkpoints: number): WorkCounters {
  return {
    chunks: window?.chunksAllocated ?? 0,
    rehashes: window === undefined ? 0 : window.accounts.rehashes + window.names.rehashes,
    checkpoints,
  };
}

/** At most this many slow items are kept for the report (the slowest). */
const MAX_SLOW = 40;

/**
 * `chokepoint monitor --report-pauses`: where the time goes when a decision is late. Counts GC
 * pauses by kind (PerformanceObserver 'gc'), the event loop's delay, and every input item that
 * took longer than `slowMs` to take and decide, with what happened during it: the window grew,
 * an interner doubled, a checkpoint started, a GC pause overlapped. Printed once, at the end.
 */
export class PauseReport {
  private readonly minor: GcTally = { count: 0, total: 0, max: 0 };
  private readonly major: GcTally = { count: 0, total: 0, max: 0 };
  private readonly gcs: { start: number; ms: number; kind: string }[] = [];
  private readonly slow: Slow[] = [];
  private slowCount = 0;
  private longest = 0;
  private items = 0;
  private began = 0;
  private before: WorkCounters = { chunks: 0, rehashes: 0, checkpoints: 0 };
  private readonly observer: PerformanceObserver;
  private readonly loop: IntervalHistogram;

  /** `thread`: how the report names the thread it ran on ('main thread', 'thread 1'). */
  constructor(
    private readonly slowMs: number,
    private readonly thread = 'main thread',
  ) {
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) this.onGc(e as GcEntry);
    });
    this.observer.observe({ entryTypes: ['gc'] });
    this.loop = monitorEventLoopDelay({ resolution: 1 });
    this.loop.enable();
  }

  private onGc(e: GcEntry): void {
    // kind 1 is a scavenge (minor); the rest are mark-compact, incremental marking steps, weak callbacks.
    const kind = e.detail?.kind ?? 0;
    const tally = kind === 1 ? this.minor : this.major;
    tally.count++;
    tally.total += e.duration;
    tally.max = Math.max(tally.max, e.duration);
    if (e.duration >= 1 && this.gcs.length < 10_000)
      this.gcs.push({ start: e.startTime, ms: e.duration, kind: kind === 1 ? 'scavenge' : 'mark-compact' });
  }

  /** An input item starts; `counters` as they stand. */
  begin(counters: WorkCounters): void {
    this.before = counters;
    // Wall time only: a CPU clock read per item (getrusage) cost ~10 µs, a tenth of a decision.
    this.began = performance.now();
  }

  /** The item begun last is taken and decided; `counters` as they stand now. */
  end(position: number, counters: WorkCounters): void {
    const ms = performance.now() - this.began;
    this.items++;
    if (ms > this.longest) this.longest = ms;
    if (ms <= this.slowMs) return;
    this.slowCount++;
    const last = this.slow[this.slow.length - 1];
    if (this.slow.length >= MAX_SLOW && last !== undefined && last.ms >= ms) return;
    const during: string[] = [];
    const before = this.before;
    if (counters.chunks > before.chunks) during.push('window chunk');
    if (counters.rehashes > before.rehashes) during.push('interner doubling');
    if (counters.checkpoints > before.checkpoints) during.push('checkpoint');
    // Kept slowest first; the list is short.
    this.slow.push({ position, start: this.began, ms, during: during.join(', ') });
    this.slow.sort((a, b) => b.ms - a.ms);
    if (this.slow.length > MAX_SLOW) this.slow.pop();
  }

  /** The report's lines; stops observing. */
  finish(): string[] {
    this.observer.disconnect();
    this.loop.disable();
    const ms = (n: number): string => n.toFixed(1);
    const cpu = threadCpuSeconds();
    const lines = [
      `pauses: gc scavenges ${this.minor.count} (total ${ms(this.minor.total)} ms, max ${ms(this.minor.max)} ms), ` +
        `mark-compact and marking ${this.major.count} (total ${ms(this.major.total)} ms, max ${ms(this.major.max)} ms); ` +
        `items over ${this.slowMs} ms ${this.slowCount} of ${this.items}, longest ${ms(this.longest)} ms; ` +
        `event loop delay p99 ${ms(this.loop.percentile(99) / 1e6)} ms, max ${ms(this.loop.max / 1e6)} ms; ` +
        // What a full GC of this thread's isolate marks (the window's typed arrays are outside it).
        `heap ${Math.round(getHeapStatistics().used_heap_size / 2 ** 20)} MB` +
        (cpu === undefined ? '' : `; ${this.thread} cpu ${cpu.toFixed(2)} s`),
    ];
    for (const s of [...this.slow].sort((a, b) => a.position - b.position)) {
      const gc = this.gcs.filter((g) => g.start < s.start + s.ms && g.start + g.ms > s.start);
      const what = [s.during, ...gc.map((g) => `${g.kind} ${ms(g.ms)} ms`)].filter((x) => x !== '').join(', ');
      lines.push(`slow item ${s.position}: ${ms(s.ms)} ms${what === '' ? '' : ` (${what})`}`);
    }
    return lines;
  }
}
