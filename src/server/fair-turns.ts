/** Requests let on per event-loop turn by default (`serve --requests-per-turn`). */
export const DEFAULT_REQUESTS_PER_TURN = 4;

/**
 * Lets at most `perTurn` requests go on per turn of the event loop; the rest wait, in arrival
 * order, for the next turns. Why: Node 20's libuv accepts one new connection per loop turn
 * (libuv#3696), and a turn that runs every request that arrived on hundreds of sockets lasts
 * hundreds of milliseconds, so under load new connections wait seconds to be accepted and their
 * first request with them (the p99 of the load benchmark). Short turns keep accepting.
 * `perTurn` 0 lets every request through at once.
 */
export function fairTurns(perTurn: number): () => Promise<void> {
  if (perTurn <= 0) return () => Promise.resolve();
  let waiting: (() => void)[] = [];
  let head = 0;
  let scheduled = false;
  const release = (): void => {
    for (let k = 0; k < perTurn && head < waiting.length; k++) (waiting[head++] as () => void)();
    if (head < waiting.length) {
      setImmediate(release);
      return;
    }
    waiting = [];
    head = 0;
    scheduled = false;
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(release);
      }
    });
}
