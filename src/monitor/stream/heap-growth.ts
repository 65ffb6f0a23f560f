import { setFlagsFromString } from 'node:v8';

/**
 * How far (percent) the old generation may grow past what the last full GC found live before
 * the next one starts. V8's own choice here was about 10%: with every row's new account and
 * some of each decision's garbage promoted (1 to 2 MB a second at 10,000 transactions a second),
 * a full GC came every four to six seconds. Each one marks the whole window's heap, and on a
 * two-core machine that marking slowed decisions three- to fivefold for a tenth of a second:
 * most of the stream's p99. At 300% full GCs come minutes apart; the heap is at most four times
 * its live size (the window's typed arrays, most of its memory, are outside it).
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 300;

/** Sets V8's heap growing factor for this process; 0 leaves V8's own heuristic. */
export function allowHeapGrowth(percent: number): void {
  // Read each time V8 sets the next limit, so it applies from the next full GC on.
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
