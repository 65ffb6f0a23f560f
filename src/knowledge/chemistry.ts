import rdkitPackage from '@rdkit/rdkit';
import type { MainModule, Mol } from '@rdkit/rdkit';
import type { KnowledgeBase } from './knowledge-base.js';
import { loadKnowledge } from './knowledge-base.js';
import type { AnaloguePattern } from './schema.js';

/** What one structure string turned out to be. Checked once per distinct string (see the cache). */
export type StructureCheck =
  | { valid: false; input: string }
  | {
      valid: true;
      input: string;
      canonicalSmiles: string;
      /** The knowledge-base chemical with the same structure (largest fragment, so salts count). */
      identicalTo: string | null;
      /** Every pattern that matched, class patterns first. */
      patterns: readonly AnaloguePattern[];
    };

export interface Chemistry {
  readonly rdkitVersion: string;
  readonly knowledgeVersion: string;
  /** Parse a SMILES string and screen it against the analogue patterns; cached by the exact string. */
  checkSmiles(smiles: string): StructureCheck;
  /** The knowledge-base chemical with this standard InChI or InChIKey (MinimalLib cannot parse InChI). */
  chemicalForInchi(inchiOrKey: string): string | null;
  cacheStats(): { size: number; hits: number; misses: number };
}

export interface ChemistryOptions {
  knowledge?: KnowledgeBase;
  /** Distinct structure strings remembered; the oldest are forgotten first. */
  cacheSize?: number;
}

type Factory = () => Promise<MainModule>;
// The package is UMD: at run time the default import is the factory itself, while its CommonJS-style
// typings put it under `.default`. Accept both rather than trusting either.
const interop: unknown = rdkitPackage;
const factory: Factory = typeof interop === 'function' ? (interop as Factory) : rdkitPackage.default;

let rdkit: Promise<MainModule> | undefined;

/** The WebAssembly module is loaded once per process and shared: it holds no per-caller state. */
function loadRDKit(): Promise<MainModule> {
  const loading =
    rdkit ??
    factory().then((m) => {
      m.disable_logging();
      return m;
    });
  rdkit = loading;
  return loading;
}

function withMol<T>(mol: Mol | null, use: (mol: Mol) => T): T | null {
  if (mol === null) return null;
  try {
    return mol.is_valid() ? use(mol) : null;
  } finally {
    mol.delete(); // WebAssembly memory is not garbage-collected
  }
}

/** The largest fragment's canonical SMILES: "X.Cl" (a hydrochloride) is identified as X. */
function parentSmiles(canonical: string): string {
  const parts = canonical.split('.');
  return parts.length === 1 ? canonical : parts.reduce((a, b) => (b.length > a.length ? b : a));
}

/** Load RDKit (once) and compile the knowledge base's patterns and reference structures. */
export async function loadChemistry(options: ChemistryOptions = {}): Promise<Chemistry> {
  const rd = await loadRDKit();
  const knowledge = options.knowledge ?? loadKnowledge();
  const cacheSize = options.cacheSize ?? 100_000;

  const patterns = [...knowledge.data.analoguePatterns].sort((a, b) => (a.role === b.role ? 0 : a.role === 'class' ? -1 : 1));
  const queries = patterns.map((p) => {
    const q = rd.get_qmol(p.smarts);
    if (q === null || !q.is_valid()) throw new Error(`analogue pattern ${p.id} has an invalid SMARTS: ${p.smarts}`);
    return { pattern: p, query: q };
  });

  const bySmiles = new Map<string, string>();
  const byInchi = new Map<string, string>();
  for (const chemical of knowledge.data.chemicals) {
    for (const s of chemical.smiles) {
      const ids = withMol(rd.get_mol(s.value), (m) => ({ smiles: m.get_smiles(), inchi: m.get_inchi() }));
      if (ids === null) throw new Error(`chemical ${chemical.id} has an invalid SMILES: ${s.value}`);
      bySmiles.set(parentSmiles(ids.smiles), chemical.id);
      byInchi.set(ids.inchi, chemical.id);
      byInchi.set(rd.get_inchikey_for_inchi(ids.inchi), chemical.id);
    }
  }

  const cache = new Map<string, StructureCheck>();
  let hits = 0;
  let misses = 0;

  function compute(input: string): StructureCheck {
    const result = withMol(rd.get_mol(input), (mol): StructureCheck => {
      const canonicalSmiles = mol.get_smiles();
      // get_substruct_match returns "{}" when nothing matches.
      const matched = queries.filter((q) => mol.get_substruct_match(q.query) !== '{}').map((q) => q.pattern);
      return {
        valid: true,
        input,
        canonicalSmiles,
        identicalTo: bySmiles.get(parentSmiles(canonicalSmiles)) ?? null,
        patterns: matched,
      };
    });
    return result ?? { valid: false, input };
  }

  return {
    rdkitVersion: rd.version(),
    knowledgeVersion: knowledge.version,
    checkSmiles(smiles) {
      const cached = cache.get(smiles);
      if (cached !== undefined) {
        hits++;
        return cached;
      }
      misses++;
      const result = compute(smiles);
      if (cache.size >= cacheSize) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
      cache.set(smiles, result);
      return result;
    },
    chemicalForInchi(inchiOrKey) {
      return byInchi.get(inchiOrKey) ?? null;
    },
    cacheStats: () => ({ size: cache.size, hits, misses }),
  };
}
