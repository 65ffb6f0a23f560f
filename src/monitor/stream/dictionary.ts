/**
 * The stream interns strings exactly as the batch table does (src/monitor/interner.ts): an
 * open-addressing table that rehashes stored hashes, where a Map paused decisions for tens of
 * milliseconds each time it doubled past a few hundred thousand accounts.
 */
export { Interner as Dictionary } from '../interner.js';
