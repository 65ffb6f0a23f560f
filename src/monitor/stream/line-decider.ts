import type { StreamEngine } from './engine.js';
import { parseTransactionLine } from './input.js';
import { inPartition, type Partition } from './partition.js';

/** What taking one input line came to (the session's bookkeeping follows from it). */
export const LineKind = {
  /** Blank, or a bad line another partition reports: nothing to count, log or write. */
  Nothing: 0,
  /** A valid transaction, added to the window and not decided here (another partition or thread decides it). */
  Added: 1,
  /** Added and decided below the alert threshold. */
  Decided: 2,
  /** Added and decided at or above the alert threshold. */
  Flagged: 3,
  /** Not a valid transaction: an error line is written. */
  Bad: 4,
} as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

/** True when a line of this kind is a transaction the window holds (and so the row log). */
export function isRow(kind: LineKind): boolean {
  return kind === LineKind.Added || kind === LineKind.Decided || kind === LineKind.Flagged;
}

/**
 * Takes input lines into an engine: parses, adds to the window, decides the partition's own and
 * renders the output line. The one path from an input line to a decision, whether the monitor
 * decides on its main thread (`MonitorSession`) or on decision threads (`decision-worker.ts`),
 * so both write the same bytes.
 */
export class LineDecider {
  /** The output line (with its newline) of the last line taken, or '' when it has none. */
  text = '';
  /** `{"line":` or `{"sequence":`, the start of every decision's line. */
  private readonly positionPrefix: string;

  constructor(
    readonly engine: StreamEngine,
    private readonly partition: Partition,
    private readonly positionKey: 'line' | 'sequence',
  ) {
    this.positionPrefix = `{${JSON.stringify(positionKey)}:`;
  }

  /**
   * Takes the input line at `position` (trimmed). A valid transaction is always added to the
   * window; it is decided when it is in the partition and `decide` is true (false: another thread
   * decides it, and this one only keeps its window the same).
   */
  take(position: number, line: string, decide = true): LineKind {
    this.text = '';
    if (line === '') return LineKind.Nothing;
    const parsed = parseTransactionLine(line, position);
    if (!parsed.ok) {
      // A bad line has no trustworthy account to partition by: the first partition reports it.
      if (this.partition.index !== 0) return LineKind.Nothing;
      if (decide) {
        const id = parsed.id === undefined ? {} : { transaction_id: parsed.id };
        this.text = `${JSON.stringify({ [this.positionKey]: position, ...id, error: parsed.error })}\n`;
      }
      return LineKind.Bad;
    }
    const t = parsed.transaction;
    const seq = this.engine.add(t);
    if (!decide || !inPartition(t, this.partition)) return LineKind.Added;
    const decision = this.engine.decide(seq, t);
    // As JSON.stringify({ [positionKey]: position, ...decision }), without building that object.
    this.text = `${this.positionPrefix}${position},${JSON.stringify(decision).slice(1)}\n`;
    return decision.flagged ? LineKind.Flagged : LineKind.Decided;
  }
}

/**
 * Re-adds row `seq` of the checkpoint's row log (`line`, valid when it was logged) to `engine`'s
 * window, as a restore does on every path; a line that no longer parses is an error naming the row.
 */
export function addLoggedRow(engine: StreamEngine, seq: number, line: string): void {
  const parsed = parseTransactionLine(line, seq);
  if (!parsed.ok) throw new Error(`row ${seq} of the log is invalid: ${parsed.error}`);
  engine.add(parsed.transaction);
}
