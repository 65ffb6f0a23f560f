// node bench/chem.mjs [--rows N] : chemical identification throughput on typical shipment descriptions.
// Run after `npx tsc -p tsconfig.build.json` (it reads dist/knowledge).
import { identifyChemicals, loadChemistry, loadKnowledge } from '../dist/knowledge/index.js';

const args = process.argv.slice(2);
const rowsFlag = args.indexOf('--rows');
const ROWS = rowsFlag >= 0 ? Number(args[rowsFlag + 1]) : 100_000;

// A fixed-seed generator, so every run measures the same descriptions.
let seed = 42;
const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const ORDINARY = [
  'women cotton T-shirt size M',
  'phone case silicone 2 pcs',
  'LED strip light 5m',
  'stainless steel water bottle 750ml',
  'bluetooth earphones with charging case',
  'kids plastic toy car',
  'genuine aniline leather wallet',
  'polyester curtain 2x2.5m',
  'auto parts brake pad set',
  'printed paper labels 1000 pcs',
  'yoga mat TPE 6mm',
  'USB-C cable 1m braided',
  'ceramic mug 350ml',
  'hair dye aniline-free, 12 bottles',
  'industrial valve DN50 PN16',
  'lithium battery 18650 3.7V',
  'organic cocoa powder 1kg',
  '女士棉质T恤',
  '手机壳 硅胶',
  'camiseta de algodón talla M',
  'model 4 AP-7 bicycle pump',
  'NPPX connector 12-pin',
];
const CHEMICAL = [
  'N-phenethyl-4-piperidone 99% 25kg',
  '4-ANPP powder',
  '1-boc-4-piperidone, CAS 79099',
  'CAS 79099 powder 10kg',
  'tert-butyl 4-oxopiperidine-1-carboxylate',
  'propionyl chloride 200L drum',
  'aniline 99.5% industrial grade',
  'N-苯乙基-4-哌啶酮 白色粉末',
  '4-哌啶酮盐酸盐',
  'anhídrido propiónico',
  'chemical intermediate CAS No. 39742-60-4',
  'pharmaceutical intermediate 4-anilinopiperidine',
  'N-phenethyl-4-piperidne',
  'CAS 79099-07-4 white powder',
  '(2-bromoethyl)benzene 5L',
  'norfentanil research chemical',
];
const SMILES = [
  'CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1',
  'O=C1CCN(CCc2ccccc2)CC1',
  'CC(C)(C)OC(=O)N1CCC(=O)CC1',
  'CCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1',
  'Cn1cnc2c1c(=O)n(C)c(=O)n2C',
  'CCOC(=O)C1(CCN(C)CC1)c1ccccc1',
];
const descriptions = Array.from({ length: ROWS }, (_, i) => {
  const r = random();
  if (r < 0.9) return `${pick(ORDINARY)} #${i % 997}`;
  if (r < 0.99) return pick(CHEMICAL);
  return `intermediate ${pick(SMILES)} 1kg`;
});

const fmt = (n) => Math.round(n).toLocaleString('en-US');
loadKnowledge();
identifyChemicals('warm-up NPP');
const t0 = performance.now();
const chem = await loadChemistry();
const loadMs = performance.now() - t0;

function run(label, options) {
  let hits = 0;
  const start = performance.now();
  for (const d of descriptions) hits += identifyChemicals(d, options).hits.length;
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(28)} ${fmt(ROWS / seconds).padStart(10)} descriptions/s  (${hits} hits, ${seconds.toFixed(2)} s)`);
}

console.log(
  `Chokepoint chemical identification (${fmt(ROWS)} descriptions: 90% ordinary, 9% chemical names/CAS, 1% SMILES; node ${process.version})`,
);
console.log(`RDKit load + pattern compile: ${loadMs.toFixed(0)} ms`);
run('names + CAS (warm-up)', {});
run('names + CAS', {});
run('names + CAS, no typos', { typos: false });
run('names + CAS + structures', { chemistry: chem });
console.log(`structure cache: ${JSON.stringify(chem.cacheStats())}; peak RSS ${fmt(process.memoryUsage().rss / 1e6)} MB`);
