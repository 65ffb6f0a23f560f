import { describe, expect, it } from 'vitest';
import { fairTurns } from './fair-turns.js';

/** Resolves after the current turn's immediates (and their microtasks) have run. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('fair turns', () => {
  it('lets at most perTurn waiters go on per event-loop turn, in arrival order', async () => {
    const turn = fairTurns(2);
    const order: number[] = [];
    const done = Array.from({ length: 5 }, (_, i) => turn().then(() => order.push(i)));
    await nextTurn();
    expect(order).toEqual([0, 1]);
    await nextTurn();
    expect(order).toEqual([0, 1, 2, 3]);
    await Promise.all(done);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    // Idle again: a new waiter is scheduled afresh and goes on at the next turn.
    const late = turn().then(() => order.push(5));
    await late;
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lets everyone through when perTurn is 0', async () => {
    const turn = fairTurns(0);
    let passed = 0;
    await Promise.all(Array.from({ length: 100 }, () => turn().then(() => passed++)));
    expect(passed).toBe(100);
  });
});
