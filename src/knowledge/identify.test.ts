import { describe, expect, test } from 'vitest';
import type { ChemicalHit } from './hit.js';
import { identifyChemicals } from './identify.js';

const ids = (text: string): string[] => [...new Set(identifyChemicals(text).hits.map((h) => h.chemicalId))];
const only = (text: string): ChemicalHit => {
  const hits = identifyChemicals(text).hits;
  expect(hits, `hits in "${text}"`).toHaveLength(1);
  return hits[0] as ChemicalHit;
};

describe('each chemical under several spellings', () => {
  const spellings: Record<string, string[]> = {
    npp: [
      'NPP',
      'npp 99%',
      'N-phenethyl-4-piperidone',
      'N phenethyl 4 piperidone',
      'n-PHENETHYL-4-PIPERIDONE',
      '1-(2-phenylethyl)piperidin-4-one',
      '1-phenethyl-4-piperidone',
      'N-苯乙基-4-哌啶酮',
      'N-fenetil-4-piperidona',
    ],
    anpp: [
      '4-ANPP',
      '4 ANPP',
      '4-anpp',
      '4ANPP',
      'ANPP',
      'despropionyl fentanyl',
      '4-anilino-N-phenethylpiperidine',
      'N-phenyl-1-(2-phenylethyl)piperidin-4-amine',
      '4-苯胺基-N-苯乙基哌啶',
      '4-anilino-N-fenetilpiperidina',
    ],
    '4-ap': ['4-AP', '4-anilinopiperidine', 'N-phenylpiperidin-4-amine', '4-苯胺基哌啶', '4-anilinopiperidina'],
    '1-boc-4-ap': [
      '1-boc-4-AP',
      '1-Boc-4-AP',
      'N-Boc-4-AP',
      'tert-butyl 4-(phenylamino)piperidine-1-carboxylate',
      'tert-butyl 4-anilinopiperidine-1-carboxylate',
      '1-叔丁氧羰基-4-苯胺基哌啶',
    ],
    norfentanyl: ['norfentanyl', 'NORFENTANYL', 'N-phenyl-N-(piperidin-4-yl)propanamide', '去甲芬太尼', 'norfentanilo'],
    '4-piperidone': ['4-piperidone', '4 piperidone', 'piperidin-4-one', '4-piperidone hydrochloride', '4-哌啶酮', '4-piperidona'],
    '1-boc-4-piperidone': [
      '1-Boc-4-piperidone',
      'N-BOC-4-piperidone',
      '1 boc 4 piperidone',
      'tert-butyl 4-oxopiperidine-1-carboxylate',
      'N-叔丁氧羰基-4-哌啶酮',
      '1-boc-4-piperidona',
    ],
    benzylfentanyl: [
      'benzylfentanyl',
      'benzyl fentanyl',
      'N-(1-benzylpiperidin-4-yl)-N-phenylpropanamide',
      '苄基芬太尼',
      'bencilfentanilo',
    ],
    'propionic-anhydride': [
      'propionic anhydride',
      'Propanoic Anhydride',
      '丙酸酐',
      'anhídrido propiónico',
      'anhidrido propionico',
    ],
    'propionyl-chloride': ['propionyl chloride', 'propanoyl chloride', '丙酰氯', 'cloruro de propionilo'],
    aniline: ['aniline', 'Aniline oil', 'benzenamine', '苯胺', 'anilina'],
    'phenethyl-bromide': [
      '(2-bromoethyl)benzene',
      '2-bromoethyl benzene',
      'phenethyl bromide',
      '(2-溴乙基)苯',
      'bromuro de fenetilo',
    ],
    '1-benzyl-4-piperidone': ['1-benzyl-4-piperidone', 'N-benzyl-4-piperidone', '1-苄基-4-哌啶酮', '1-bencil-4-piperidona'],
    fentanyl: ['fentanyl', 'fentanyl citrate', '芬太尼', 'fentanilo'],
    'fentanyl-related-substances': ['carfentanil', 'acetyl fentanyl', 'fentanyl analogue', '卡芬太尼'],
  };
  const cases = Object.entries(spellings).flatMap(([id, names]) => names.map((n) => [id, n] as const));
  test.each(cases)('%s: "%s"', (id, name) => {
    // In a sentence, so boundaries and spans are tested too.
    const text = `Lot 7: ${name}, 25 kg drum`;
    const hit = only(text);
    expect(hit.chemicalId).toBe(id);
    expect(hit.text).toBe(name.replace(/ 99%$/, ''));
    expect(text.slice(hit.span.start, hit.span.end)).toBe(hit.text);
  });
});

describe('evidence says how', () => {
  test.each([
    ['N-phenethyl-4-piperidone', 'npp', { method: 'name', nameKind: 'preferred', lang: 'en' }],
    ['NPP', 'npp', { method: 'name', nameKind: 'abbreviation', name: 'NPP' }],
    ['N-苯乙基-4-哌啶酮', 'npp', { method: 'name', nameKind: 'translation', lang: 'zh' }],
    ['N-fenetil-4-piperidona', 'npp', { method: 'name', nameKind: 'translation', lang: 'es' }],
    ['despropionyl fentanyl', 'anpp', { method: 'name', nameKind: 'synonym' }],
    ['N-phenethyl-4-piperidne', 'npp', { method: 'typo', distance: 1, name: 'N-phenethyl-4-piperidone' }],
    ['CAS 79099-07-3', '1-boc-4-piperidone', { method: 'cas', cas: '79099-07-3', verified: true, labelled: true }],
    ['CAS 79099 powder', '1-boc-4-piperidone', { method: 'cas-slang', registryPart: '79099', documented: true }],
    ['CAS 39742', 'npp', { method: 'cas-slang', registryPart: '39742', documented: false }],
  ])('%s', (text, id, evidence) => {
    const hit = identifyChemicals(text).hits[0];
    expect(hit?.chemicalId).toBe(id);
    expect(hit?.evidence).toMatchObject(evidence);
  });

  test('confidence ranks: full name > documented slang > abbreviation > ambiguous abbreviation', () => {
    const c = (t: string): number => only(t).confidence;
    expect(c('N-phenethyl-4-piperidone')).toBeGreaterThan(c('CAS 79099'));
    expect(c('CAS 79099')).toBeGreaterThan(c('NPP'));
    expect(c('NPP')).toBeGreaterThan(c('4-AP')); // 4-AP also means 4-aminopyridine
    expect(c('N-phenethyl-4-piperidone')).toBeGreaterThan(c('N-phenethyl-4-piperidne'));
  });

  test('the result names the knowledge version', () => {
    expect(identifyChemicals('NPP').knowledgeVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('typos on longer names only', () => {
  test.each([
    ['N-phenethyl-4-piperidine', 'npp'], // one letter, a real different word: still NPP's name with one edit
    ['N-phenethly-4-piperidone', 'npp'], // transposition
    ['propionic anhydrid', 'propionic-anhydride'],
    ['norfentanil', 'norfentanyl'],
    ['anilinne', 'aniline'],
    ['tert-butyl 4-oxopiperidne-1-carboxylate', '1-boc-4-piperidone'],
  ])('%s → %s', (text, id) => {
    expect(ids(text)).toEqual([id]);
  });

  test.each(['NPX', 'ANP', 'NPPP', '4-AQ', 'anilin dyestuff'.slice(0, 4), 'propionic acid'])(
    'no typo match on short or different words: %s',
    (text) => {
      expect(ids(text)).toEqual([]);
    },
  );

  test('typos can be switched off', () => {
    expect(identifyChemicals('propionic anhydrid', { typos: false }).hits).toEqual([]);
  });
});

describe('no false positives on ordinary descriptions', () => {
  test.each([
    'phone case, silicone, 2 pcs',
    'NPPX connector 12-pin',
    'SNPP adapter',
    'piperidones research book', // the word alone names no one chemical
    '1-methyl-4-piperidone 5 kg', // a different, unlisted piperidone
    '1-ethyl-4-piperidone',
    'N-methyl-4-anilinopiperidine', // substituted: not 4-AP itself
    '二甲基苯胺 200 kg', // dimethylaniline, not aniline
    '苯胺基 derivative',
    'genuine aniline leather sofa',
    'semi-aniline leather handbag',
    'aniline dyed wool',
    'polyaniline conductive film',
    'aniline-free dye',
    'free of aniline, hair colour',
    '瑞芬太尼 injection (remifentanil)',
    'shipped 2024-09-01, invoice 12345-67-8',
    'women cotton T-shirt size M, 100 pcs',
    'model 4 AP-7 bicycle pump',
  ])('%s', (text) => {
    expect(identifyChemicals(text).hits).toEqual([]);
  });

  test('a negated hit can be kept, marked', () => {
    const hits = identifyChemicals('aniline-free dye', { includeNegated: true }).hits;
    expect(hits).toMatchObject([{ chemicalId: 'aniline', negated: true }]);
  });

  test('the longest name wins inside a longer name', () => {
    expect(ids('N-苯乙基-4-哌啶酮 and 1-Boc-4-piperidone')).toEqual(['npp', '1-boc-4-piperidone']);
  });
});

describe('CAS numbers in text', () => {
  test('every valid number of a listed chemical is a hit; others are reported apart', () => {
    const r = identifyChemicals('mix of 39742-60-4 and 7732-18-5 (water)');
    expect(r.hits.map((h) => h.chemicalId)).toEqual(['npp']);
    expect(r.otherCas).toEqual([{ cas: '7732-18-5', span: { start: 22, end: 31 } }]);
  });

  test('a bad check digit is a data-quality issue, naming the chemical it resembles', () => {
    const r = identifyChemicals('CAS: 79099-07-4 white powder');
    expect(r.hits).toEqual([]);
    expect(r.issues).toEqual([
      {
        code: 'cas-check-digit',
        span: { start: 5, end: 15 },
        text: '79099-07-4',
        expectedCheckDigit: 3,
        possibleChemicalId: '1-boc-4-piperidone',
      },
    ]);
  });

  test('an unlabelled bad number is not called a CAS number', () => {
    expect(identifyChemicals('invoice 12345-67-8').issues).toEqual([]);
  });

  test('a labelled incomplete number of nothing we know is an issue', () => {
    expect(identifyChemicals('CAS 12345').issues).toMatchObject([{ code: 'cas-incomplete', text: '12345' }]);
  });

  test('an unverified CAS number gives a lower confidence', () => {
    expect(only('3612-20-2').confidence).toBeLessThan(only('39742-60-4').confidence);
  });
});
