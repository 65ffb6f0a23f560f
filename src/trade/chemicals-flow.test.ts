import { beforeAll, describe, expect, it } from 'vitest';
import { loadChemistry, loadKnowledge, type Chemistry } from '../knowledge/index.js';
import { makeShipment } from '../test-support/fixtures.js';
import { assessShipment } from './assess.js';
import { GoodsCache } from './goods.js';
import { lowValueLookup } from './low-value.js';
import { loadPolicy } from './policy.js';

/**
 * Every chemical of the knowledge base, under several spellings, must come out of the screening
 * as a reason naming it: the knowledge tests check identification; these check the flow into
 * scores. Spellings: each name group's first value (English names, abbreviations, slang,
 * Chinese and Spanish translations), the upper-cased preferred name, and each CAS number.
 */
const policy = loadPolicy();
const knowledge = loadKnowledge();
const CHEMICAL_RULES = ['controlled-chemical', 'listed-precursor-not-in-force', 'watch-reagent', 'possible-analogue'];

function chemicalReasons(description: string, date: string, chemistry?: Chemistry) {
  const goods = new GoodsCache({ knowledge, policy, ...(chemistry === undefined ? {} : { chemistry }) });
  const s = makeShipment({ description, arrivalDate: date, hsCode: null });
  const facts = assessShipment(
    s,
    { row: 0, line: 2, id: 'S1', subject: 'S1' },
    { policy, knowledge, goods, lowValue: lowValueLookup(policy), asOf: date },
  );
  return facts.reasons.filter((r) => CHEMICAL_RULES.includes(r.ruleId));
}

const cases: [string, string, string][] = [];
for (const c of knowledge.data.chemicals) {
  if (c.kind !== 'chemical') continue;
  const seen = new Set<string>();
  const add = (label: string, text: string): void => {
    if (seen.has(text)) return;
    seen.add(text);
    cases.push([c.id, label, text]);
  };
  for (const g of c.names) {
    const first = g.values[0];
    if (first === undefined || (g.confidence ?? 1) < 0.5) continue;
    add(`${g.kind}/${g.lang}`, first);
    if (g.kind === 'preferred') add('upper case', first.toUpperCase());
  }
  for (const cas of c.cas) add('CAS', `CAS ${cas.number}`);
  for (const slang of c.casSlang) add('CAS slang', `CAS ${slang.value}`);
}

describe('each knowledge-base chemical flows through to a reason', () => {
  it('covers every chemical', () => {
    const ids = new Set(cases.map((c) => c[0]));
    for (const c of knowledge.data.chemicals) if (c.kind === 'chemical') expect(ids.has(c.id), c.id).toBe(true);
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases)('%s as %s: "%s"', (id, _label, text) => {
    const reasons = chemicalReasons(`${text} 5 kg`, '2025-12-01');
    expect(reasons.flatMap((r) => r.evidence)).toContain(`chemical:${id}`);
  });
});

/**
 * The SMARTS expected outcomes of ../shared/data/chem are tested against the patterns in
 * src/knowledge (chemistry.test.ts); here a few of those structures go through to reasons.
 */
describe('structures in descriptions flow through to reasons', () => {
  let chemistry: Chemistry;
  beforeAll(async () => {
    chemistry = await loadChemistry();
  });

  it.each([
    ['acetylfentanyl', 'CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1'],
    ['para-fluorofentanyl', 'CCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1'],
    ['furanylfentanyl', 'O=C(c1ccco1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1'],
  ])('%s: possible-analogue, worded as a screening result', (_name, smiles) => {
    const reasons = chemicalReasons(`white powder ${smiles}`, '2025-12-01', chemistry);
    const analogue = reasons.find((r) => r.ruleId === 'possible-analogue');
    expect(analogue?.text).toMatch(/possible/i);
    expect(analogue?.evidence).toContain('chemical:fentanyl-related-substances');
  });

  it('fentanyl itself is identified as the controlled drug', () => {
    const reasons = chemicalReasons('sample CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1', '2025-12-01', chemistry);
    expect(reasons).toContainEqual(
      expect.objectContaining({ ruleId: 'controlled-chemical', evidence: expect.arrayContaining(['chemical:fentanyl']) }),
    );
  });

  it.each([
    ['pethidine', 'CCOC(=O)C1(CCN(C)CC1)c1ccccc1'],
    ['caffeine', 'Cn1cnc2c1c(=O)n(C)c(=O)n2C'],
  ])('%s, outside the class, gives no chemical reason', (_name, smiles) => {
    expect(chemicalReasons(`powder ${smiles}`, '2025-12-01', chemistry)).toEqual([]);
  });
});
