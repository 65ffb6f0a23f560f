import {
  identifyChemicals,
  identifyEquipment,
  type Chemistry,
  type ChemicalHit,
  type DataQualityIssue,
  type EquipmentHit,
  type KnowledgeBase,
} from '../knowledge/index.js';
import { hash53 } from './fold.js';
import type { TradePolicy } from './policy.js';

/** What a description says about the goods: computed once per distinct description (see GoodsCache). */
export interface GoodsFacts {
  readonly hits: readonly ChemicalHit[];
  readonly issues: readonly DataQualityIssue[];
  /** Valid CAS numbers of chemicals outside the knowledge base: the description names a specific chemical. */
  readonly otherCas: readonly string[];
  readonly equipment: readonly EquipmentHit[];
  /** Names a specific chemical (by name, full CAS number, or a chemical-looking word such as "4-hydroxypiperidine"). */
  readonly specificChemical: boolean;
  /** Only generic words, numbers and partial CAS numbers: nothing an officer could check. */
  readonly vague: boolean;
  /** Chemical words ("reagent", "intermediate", "CAS ...") or a chemical identified. */
  readonly chemicalWords: boolean;
  /** Double-encoded text (mojibake) or control characters. */
  readonly oddEncoding: boolean;
  readonly hash: number;
}

// Systematic-name endings and locant prefixes: a word that looks like a chemical name.
const CHEMICAL_WORD = /^(\d+[a-z]?-[a-z]{3,}|[a-z]{4,}(?:ine|one|ide|ate|ane|ene|yne|ol|yl|ium|ite|acid))$/;
// "Ã©", "â€™", "Â " are UTF-8 read as Latin-1; C0/C1 controls other than tab and newlines never belong in text.
// Control characters are exactly what this pattern looks for.
// eslint-disable-next-line no-control-regex
const MOJIBAKE = /Ã[\u0080-\u00bf]|â€|Â[\u0080-\u00bf ]|[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CAS_PARTIAL = /^\d{2,7}$/;

export interface GoodsOptions {
  readonly knowledge: KnowledgeBase;
  readonly chemistry?: Chemistry;
  readonly policy: TradePolicy;
}

export function describeGoods(description: string, options: GoodsOptions): GoodsFacts {
  const identification = identifyChemicals(description, {
    knowledge: options.knowledge,
    ...(options.chemistry === undefined ? {} : { chemistry: options.chemistry }),
  });
  const words = description
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w !== '');
  const vagueWords = new Set(options.policy.data.goods.vagueWords);
  const chemicalWords = new Set(options.policy.data.goods.chemicalWords);
  const namedHit = identification.hits.some(
    (h) =>
      h.evidence.method === 'name' ||
      h.evidence.method === 'typo' ||
      h.evidence.method === 'cas' ||
      h.evidence.method === 'structure',
  );
  const specificChemical =
    namedHit || identification.otherCas.length > 0 || words.some((w) => !vagueWords.has(w) && CHEMICAL_WORD.test(w));
  const vague = !specificChemical && words.every((w) => vagueWords.has(w) || CAS_PARTIAL.test(w) || /^\d+(\.\d+)?%?$/.test(w));
  return {
    hits: identification.hits,
    issues: identification.issues,
    otherCas: identification.otherCas.map((c) => c.cas),
    equipment: identifyEquipment(description, options.knowledge),
    specificChemical,
    vague,
    chemicalWords: identification.hits.length > 0 || words.some((w) => chemicalWords.has(w)),
    oddEncoding: MOJIBAKE.test(description),
    hash: hash53(words.join(' ')),
  };
}

const NO_DESCRIPTION: GoodsFacts = {
  hits: [],
  issues: [],
  otherCas: [],
  equipment: [],
  specificChemical: false,
  vague: true,
  chemicalWords: false,
  oddEncoding: false,
  hash: 0,
};

/**
 * Descriptions repeat a lot (a parcel stream has thousands of rows per distinct description), so
 * identification runs once per distinct text. Bounded: the oldest entries are forgotten first.
 */
export class GoodsCache {
  private readonly cache = new Map<string, GoodsFacts>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly options: GoodsOptions,
    private readonly capacity = 100_000,
  ) {}

  facts(description: string | null): GoodsFacts {
    if (description === null) return NO_DESCRIPTION;
    const known = this.cache.get(description);
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    this.misses++;
    const facts = describeGoods(description, this.options);
    if (this.cache.size >= this.capacity) {
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) this.cache.delete(oldest.value);
    }
    this.cache.set(description, facts);
    return facts;
  }
}
