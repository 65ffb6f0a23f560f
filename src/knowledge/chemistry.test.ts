import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { SHARED_DATA } from '../test-support/temp.js';
import { loadChemistry, type Chemistry } from './chemistry.js';
import { identifyChemicals } from './identify.js';
import { loadKnowledge } from './knowledge-base.js';

interface Reference {
  chemicals: { id: string; smiles?: string; inchikey?: string }[];
  smarts: Record<string, { smarts: string }>;
  testset: { expected_frs_scaffold: string[]; expected_not_frs: string[] };
}
const reference = JSON.parse(readFileSync(join(SHARED_DATA, 'chem', 'fentanyl-precursors-kb.json'), 'utf8')) as Reference;

/** Structures of the reference test set's compounds, drawn from their names. */
const TEST_SET_SMILES: Record<string, string> = {
  fentanyl: 'CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1',
  acetylfentanyl: 'CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1',
  para_fluorofentanyl: 'CCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1',
  furanylfentanyl: 'O=C(c1ccco1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1',
  '3-methylfentanyl': 'CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1C',
  carfentanil: 'CCC(=O)N(c1ccccc1)C1(C(=O)OC)CCN(CCc2ccccc2)CC1',
  sufentanil: 'CCC(=O)N(c1ccccc1)C1(COC)CCN(CCc2cccs2)CC1',
  remifentanil: 'CCC(=O)N(c1ccccc1)C1(C(=O)OC)CCN(CCC(=O)OC)CC1',
  benzylfentanyl: 'CCC(=O)N(c1ccccc1)C1CCN(Cc2ccccc2)CC1',
  norfentanyl: 'CCC(=O)N(c1ccccc1)C1CCNCC1',
  ANPP: 'c1ccc(CCN2CCC(Nc3ccccc3)CC2)cc1',
  pethidine: 'CCOC(=O)C1(CCN(C)CC1)c1ccccc1',
  morphine: 'CN1CC[C@]23c4c5ccc(O)c4O[C@H]2[C@@H](O)C=C[C@H]3[C@H]1C5',
  caffeine: 'Cn1cnc2c1c(=O)n(C)c(=O)n2C',
};
// The reference annotates some names: "remifentanil (ester chain, no ring on N-linker)".
const nameOf = (entry: string): string => entry.split(' (')[0] ?? entry;
const smilesOf = (entry: string): string => {
  const s = TEST_SET_SMILES[nameOf(entry)];
  if (s === undefined) throw new Error(`no test structure for reference compound "${entry}": add it to TEST_SET_SMILES`);
  return s;
};

let chem: Chemistry;
beforeAll(async () => {
  chem = await loadChemistry();
});

describe('analogue patterns against the reference expected outcomes', () => {
  const matchesFrs = (smiles: string): boolean => {
    const check = chem.checkSmiles(smiles);
    return check.valid && check.patterns.some((p) => p.id === 'frs-scaffold');
  };
  test.each(reference.testset.expected_frs_scaffold)('%s is a possible fentanyl-related substance', (entry) => {
    expect(matchesFrs(smilesOf(entry))).toBe(true);
  });
  test.each(reference.testset.expected_not_frs)('%s is not', (entry) => {
    expect(matchesFrs(smilesOf(entry))).toBe(false);
  });

  test('our SMARTS are the tested reference SMARTS', () => {
    const ours = new Map(loadKnowledge().data.analoguePatterns.map((p) => [p.id, p.smarts]));
    const idOf: Record<string, string> = {
      core_4AP: 'core-4ap',
      frs_scaffold: 'frs-scaffold',
      piperidin4one: 'piperidin-4-one',
      n_phenethyl_piperidine: 'n-phenethyl-ring-n',
      boc_N: 'boc-carbamate',
    };
    for (const [refId, { smarts }] of Object.entries(reference.smarts))
      expect(ours.get(idOf[refId] ?? refId), refId).toBe(smarts);
  });
});

describe('structures of the knowledge base', () => {
  test.each(reference.chemicals.filter((c) => c.smiles !== undefined).map((c) => [c.id, c] as const))(
    'reference %s is identified by its SMILES and InChIKey',
    (_, ref) => {
      const check = chem.checkSmiles(ref.smiles ?? '');
      expect(check.valid).toBe(true);
      const id = check.valid ? check.identicalTo : null;
      expect(id).not.toBeNull();
      if (ref.inchikey !== undefined) expect(chem.chemicalForInchi(ref.inchikey)).toBe(id);
    },
  );

  test('salts are identified by their parent', () => {
    const check = chem.checkSmiles('O=C1CCN(CCc2ccccc2)CC1.Cl');
    expect(check).toMatchObject({ valid: true, identicalTo: 'npp' });
  });

  test('the same SMILES is checked once', async () => {
    const fresh = await loadChemistry();
    for (let i = 0; i < 5; i++) fresh.checkSmiles('CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1');
    fresh.checkSmiles('not(smiles');
    fresh.checkSmiles('not(smiles');
    expect(fresh.cacheStats()).toEqual({ size: 2, hits: 5, misses: 2 });
  });

  test('the cache is bounded', async () => {
    const small = await loadChemistry({ cacheSize: 2 });
    for (const s of ['CCO', 'CCN', 'CCC', 'CCO']) small.checkSmiles(s);
    expect(small.cacheStats()).toEqual({ size: 2, hits: 0, misses: 4 });
  });
});

describe('structures in free text', () => {
  test.each([
    [
      'N-(1-phenethylpiperidin-4-yl)-N-phenylacetamide: CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1',
      'fentanyl-related-substances',
      'frs-scaffold',
    ],
    ['intermediate SMILES: CC(C)C(=O)N(c1ccccc1)C1CCNCC1.', '4-ap-derivatives', 'core-4ap'],
    ['ketone O=C1CCN(CCCc2ccccc2)CC1 25kg', '4-piperidone-derivatives', 'piperidin-4-one'],
  ])('%s', (text, chemicalId, patternId) => {
    const hits = identifyChemicals(text, { chemistry: chem }).hits.filter((h) => h.evidence.method === 'structure');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ chemicalId, evidence: { match: 'pattern', patternId } });
    const label = hits[0]?.evidence.method === 'structure' ? hits[0].evidence.label : '';
    expect(label).toMatch(/^possible /);
  });

  test('a known structure is identified, with its features', () => {
    const [hit] = identifyChemicals('goods (CC(C)(C)OC(=O)N1CCC(=O)CC1) 5 kg', { chemistry: chem }).hits;
    expect(hit).toMatchObject({
      chemicalId: '1-boc-4-piperidone',
      text: 'CC(C)(C)OC(=O)N1CCC(=O)CC1',
      evidence: { method: 'structure', match: 'identical', features: ['boc-carbamate'] },
    });
  });

  test.each([
    ['InChI', 'InChI=1S/C6H7N/c7-6-4-2-1-3-5-6/h1-5H,7H2', 'aniline', 'inchi'],
    ['InChIKey', 'key YDJXNYNKKXZBMP-UHFFFAOYSA-N', 'npp', 'inchikey'],
  ])('%s', (_, text, chemicalId, input) => {
    expect(identifyChemicals(text, { chemistry: chem }).hits).toMatchObject([
      { chemicalId, evidence: { method: 'structure', input } },
    ]);
  });

  test('an unknown InChI is reported, not guessed at', () => {
    expect(identifyChemicals('InChI=1S/CH4/h1H4', { chemistry: chem }).issues).toMatchObject([{ code: 'structure-unparsed' }]);
  });

  test.each(['CO2 cylinder 40L', 'Model C-130 parts', 'ONCOLOGY (BOOK)', 'size 10(12) cm', 'COCO coconut oil'])(
    'no structure hits in "%s"',
    (text) => {
      expect(identifyChemicals(text, { chemistry: chem }).hits).toEqual([]);
    },
  );

  test('without chemistry, SMILES are left alone', () => {
    expect(identifyChemicals('CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1').hits).toEqual([]);
  });
});
