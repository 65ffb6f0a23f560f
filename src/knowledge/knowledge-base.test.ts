import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SHARED_DATA } from '../test-support/temp.js';
import { BUNDLED_KNOWLEDGE } from './data/index.js';
import { KnowledgeError, loadKnowledge, parseKnowledge } from './knowledge-base.js';

/** A deep copy of the bundled file with one change, to see what validation says about it. */
function broken(change: (k: typeof BUNDLED_KNOWLEDGE) => void): unknown {
  const copy = structuredClone(BUNDLED_KNOWLEDGE);
  change(copy);
  return copy;
}

function issuesOf(raw: unknown): { path: string; message: string }[] {
  try {
    parseKnowledge(raw, 'test file');
  } catch (e) {
    if (e instanceof KnowledgeError) return [...e.issues];
    throw e;
  }
  throw new Error('expected a KnowledgeError');
}

describe('bundled knowledge', () => {
  test('validates, is versioned and is shared between calls', () => {
    const kb = loadKnowledge();
    expect(kb.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(loadKnowledge()).toBe(kb);
  });

  test('has the chemicals issue 4 names', () => {
    const ids = loadKnowledge().data.chemicals.map((c) => c.id);
    for (const id of [
      'npp',
      'anpp',
      '4-ap',
      '1-boc-4-ap',
      'norfentanyl',
      '4-piperidone',
      '1-boc-4-piperidone',
      'benzylfentanyl',
      'propionic-anhydride',
      'propionyl-chloride',
      'aniline',
      'phenethyl-bromide',
      '1-benzyl-4-piperidone',
    ]) {
      expect(ids).toContain(id);
    }
  });

  test('pill press and die codes, with the known misdeclaration', () => {
    const eq = loadKnowledge().data.equipment;
    expect(eq.flatMap((e) => e.hs.map((h) => h.code))).toEqual(expect.arrayContaining(['8479.89', '8207.30']));
    expect(eq.flatMap((e) => e.misdeclaredAs.map((h) => h.code))).toContain('8438.80');
  });
});

describe('malformed knowledge files name the field', () => {
  test.each([
    ['a missing version', (k: typeof BUNDLED_KNOWLEDGE) => Reflect.deleteProperty(k, 'version'), 'version'],
    [
      'a bad CAS check digit',
      (k: typeof BUNDLED_KNOWLEDGE) => {
        k.chemicals[0]!.cas[0]!.number = '39742-60-5';
      },
      'chemicals[0].cas[0].number',
    ],
    [
      'a fact without sources',
      (k: typeof BUNDLED_KNOWLEDGE) => {
        k.chemicals[1]!.controls[0]!.sources = [];
      },
      'chemicals[1].controls[0].sources',
    ],
    [
      'an unknown jurisdiction',
      (k: typeof BUNDLED_KNOWLEDGE) => {
        (k.chemicals[2]!.controls[0] as { jurisdiction: string }).jurisdiction = 'EU';
      },
      'chemicals[2].controls[0].jurisdiction',
    ],
    [
      'an impossible date',
      (k: typeof BUNDLED_KNOWLEDGE) => {
        k.chemicals[2]!.controls[0]!.from = '2024-02-30';
      },
      'chemicals[2].controls[0].from',
    ],
    [
      'an unknown source id',
      (k: typeof BUNDLED_KNOWLEDGE) => {
        k.chemicals[3]!.names[0]!.sources = ['no-such-source'];
      },
      'chemicals[3].names[0].sources[0]',
    ],
    [
      'a duplicate chemical id',
      (k: typeof BUNDLED_KNOWLEDGE) => {
        k.chemicals[1]!.id = k.chemicals[0]!.id;
      },
      'chemicals[1].id',
    ],
    [
      'a pattern class that is not a class',
      (k: typeof BUNDLED_KNOWLEDGE) => {
        k.analoguePatterns[0]!.classId = 'npp';
      },
      'analoguePatterns[0].classId',
    ],
  ])('%s', (_, change, path) => {
    const issues = issuesOf(broken(change));
    expect(issues.map((i) => i.path)).toContain(path);
  });

  test('the error message lists every path', () => {
    expect(() => parseKnowledge({ version: 'one' }, 'policy.json')).toThrow(
      /invalid knowledge file \(policy\.json\):\n {2}version: a semantic version/,
    );
  });
});

describe('cross-check with the shared reference facts', () => {
  const reference = JSON.parse(readFileSync(join(SHARED_DATA, 'chem', 'fentanyl-precursors-kb.json'), 'utf8')) as {
    chemicals: { id: string; cas?: string[]; hs6?: string }[];
  };
  // Our ids differ in spelling from the reference compilation's.
  const ours: Record<string, string> = {
    npp: 'npp',
    anpp: 'anpp',
    '4ap': '4-ap',
    boc4ap: '1-boc-4-ap',
    norfentanyl: 'norfentanyl',
    '4piperidone': '4-piperidone',
    boc4piperidone: '1-boc-4-piperidone',
    benzylfentanyl: 'benzylfentanyl',
    propionic_anhydride: 'propionic-anhydride',
    propionyl_chloride: 'propionyl-chloride',
    aniline: 'aniline',
    phenethyl_bromide: 'phenethyl-bromide',
    benzyl_piperidone: '1-benzyl-4-piperidone',
    fentanyl: 'fentanyl',
    frs_class: 'fentanyl-related-substances',
  };
  test.each(reference.chemicals.map((c) => [c.id, c] as const))('%s', (refId, ref) => {
    const id = ours[refId];
    expect(id, `no mapping for reference chemical ${refId}`).toBeDefined();
    const chemical = loadKnowledge().chemical(id ?? '');
    expect(chemical).toBeDefined();
    const refCas = (ref.cas ?? []).map((c) => c.split(' ')[0]);
    expect(chemical?.cas.map((c) => c.number).sort()).toEqual([...refCas].sort());
    // Entries the reference marks "verify" are not verified in ours either.
    for (const c of ref.cas ?? [])
      if (c.includes('verify')) expect(chemical?.cas.find((x) => x.number === c.split(' ')[0])?.verified).toBe(false);
    const refHs = (ref.hs6 ?? '').match(/\d{6}/g) ?? [];
    const ourHs = (chemical?.hs ?? []).filter((h) => h.scope === 'HS2022').map((h) => h.code.replace('.', ''));
    expect(ourHs).toEqual(expect.arrayContaining(refHs));
  });
});
