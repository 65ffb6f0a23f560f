// The benchmarks' seeded generator is the project's own (mulberry32, src/resolve/random.ts), so
// generated inputs are the same on every run. Needs `npm run build`, like every benchmark.
export { seededRandom as rng } from '../../dist/resolve/random.js';
