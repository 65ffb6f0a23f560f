import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from './engine.js';
import { loadPolicy, type Policy } from './policy.js';
import { TestWorld } from './test-world.js';

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

function run(world: TestWorld) {
  const { table, context } = world.build();
  const result = analyse(table, context, policy);
  const findings = (ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId);
  const flagged = (id: string) => (result.rows.get(table.ids.indexOf(id))?.score ?? 0) >= policy.thresholds.alert;
  const ids = (rows: readonly number[]) => rows.map((i) => table.ids[i]);
  const accounts = (list: readonly number[]) => list.map((a) => table.accounts[a]);
  return { findings, flagged, ids, accounts };
}

describe('bipartite and stacked layering', () => {
  /** Senders `from` each pay every receiver `to` on day `day`; each receiver then passes it on to `next`. */
  function layer(w: TestWorld, from: string[], to: string[], day: number, usd: number): string[] {
    const ids: string[] = [];
    from.forEach((a, x) =>
      to.forEach((b, y) => ids.push(w.pay({ from: a, to: b, usd: usd + 37 * x + 11 * y, day: day + 0.1 * x }))),
    );
    return ids;
  }

  it('finds three accounts paying three others many-to-many, who move it all on, and a second layer behind them', () => {
    const w = new TestWorld();
    const a = ['A1', 'A2', 'A3'];
    const b = ['B1', 'B2', 'B3'];
    const c = ['C1', 'C2', 'C3'];
    const first = layer(w, a, b, 1, 4_000);
    const second = layer(w, b, c, 2, 3_900);
    const exits = c.map((x, k) => w.pay({ from: x, to: 'SINK', usd: 11_800 + k, day: 3 + 0.1 * k }));
    const { findings, flagged, ids, accounts } = run(w);
    const bipartite = findings('layering.bipartite');
    expect(bipartite.length).toBe(2);
    expect(accounts(bipartite[0]!.accounts).sort()).toEqual([...a, ...b]);
    // A layer's evidence is its payments and the receivers' transfers that moved the money on.
    expect(ids(bipartite[0]!.rows).sort()).toEqual([...first, ...second].sort());
    expect(ids(bipartite[1]!.rows).sort()).toEqual([...second, ...exits].sort());
    for (const id of exits) expect(flagged(id)).toBe(true);
    const stacked = findings('layering.stacked');
    expect(stacked.length).toBe(1);
    expect(ids(stacked[0]!.rows).sort()).toEqual([...first, ...second].sort());
    for (const id of first) expect(flagged(id)).toBe(true);
  });

  it('leaves payroll alone: two employers pay the same staff, who spend by card', () => {
    const w = new TestWorld();
    const staff = ['E1', 'E2', 'E3', 'E4', 'E5'];
    const payroll: string[] = [];
    for (const day of [4, 18])
      for (const employer of ['EMPLOYER', 'SISTER-CO', 'THIRD-CO'])
        for (const e of staff) payroll.push(w.pay({ from: employer, to: e, usd: 2_400, day, channel: 'ach' }));
    for (const e of staff) for (let d = 5; d < 18; d += 2) w.pay({ from: e, to: `SHOP-${d}`, usd: 300, day: d, channel: 'card' });
    const { findings, flagged } = run(w);
    expect(findings('layering.bipartite')).toEqual([]);
    for (const id of payroll) expect(flagged(id)).toBe(false);
  });
});

describe('third-party credit-card pay-downs', () => {
  it('finds one account paying down the cards of four unrelated people', () => {
    const w = new TestWorld();
    w.party('payer', 'Person', 'Zhou Ming', 'PAYER');
    const people = ['Maria Lopez', 'John Smith', 'Aisha Khan', 'Peter Novak'];
    const rows = people.map((name, k) =>
      w.pay({
        from: 'PAYER',
        to: `CARD-${k}`,
        toName: name,
        usd: 3_000 + 100 * k,
        day: 2 + 3 * k,
        channel: 'ach',
        purpose: 'Credit card payment',
      }),
    );
    const { findings, flagged, ids, accounts } = run(w);
    const found = findings('card-paydown.third-party');
    expect(found.length).toBe(1);
    expect(accounts(found[0]!.accounts)).toEqual(['PAYER']);
    expect(ids(found[0]!.rows)).toEqual(rows);
    expect(found[0]!.names).toEqual([...people].sort());
    for (const id of rows) expect(flagged(id)).toBe(true);
  });

  it('counts cards paid through one issuer account apart by their last digits', () => {
    const w = new TestWorld();
    [4821, 1177, 9034].forEach((digits, k) =>
      w.pay({
        from: 'PAYER',
        to: 'ISSUER',
        toName: 'Acme Card Services',
        usd: 2_000,
        day: k,
        purpose: `Payment card ending ${digits}`,
      }),
    );
    expect(run(w).findings('card-paydown.third-party').length).toBe(1);
  });

  it('leaves a family alone: parents and a child pay one card, a mother pays her children\u2019s cards', () => {
    const w = new TestWorld();
    w.party('mum', 'Person', 'Linda Brown', 'MUM', { address: ['12 Oak Street, Dayton, OH 45402'] });
    w.party('dad', 'Person', 'Robert Brown', 'DAD', { address: ['12 Oak Street, Dayton, OH 45402'] });
    w.party('son', 'Person', 'Kevin Brown', 'CARD-SON');
    w.party('daughter', 'Person', 'Emma Brown', 'CARD-DAUGHTER');
    w.party('niece', 'Person', 'Sara Ortiz', 'CARD-NIECE', { address: ['12 Oak Street, Dayton, OH 45402'] });
    const ids: string[] = [];
    for (const [from, day] of [
      ['MUM', 1],
      ['DAD', 8],
      ['SON', 15],
    ] as const)
      ids.push(w.pay({ from, to: 'CARD-FAMILY', toName: 'Linda Brown', usd: 900, day, purpose: 'credit card payment' }));
    for (const [to, day] of [
      ['CARD-SON', 2],
      ['CARD-DAUGHTER', 3],
      ['CARD-NIECE', 4],
    ] as const)
      ids.push(w.pay({ from: 'MUM', to, usd: 400, day, purpose: 'card payment' }));
    const { findings, flagged } = run(w);
    expect(findings('card-paydown.third-party')).toEqual([]);
    for (const id of ids) expect(flagged(id)).toBe(false);
  });
});

describe('remittance beneficiaries sharing contact details', () => {
  const remit = (w: TestWorld, from: string, to: string, day: number) =>
    w.pay({ from, to, usd: 1_800, day, channel: 'remittance', fromCountry: 'US', toCountry: 'CN' });

  it('finds two beneficiaries under different names with one phone, paid by four US senders', () => {
    const w = new TestWorld();
    w.party('b1', 'Person', 'Wang Lei', 'CN-B1', { phone: ['+86 138 0555 1234'] });
    w.party('b2', 'Person', 'Liu Fang', 'CN-B2', { phone: ['+86 (138) 0555-1234'] });
    ['S1', 'S2', 'S3', 'S4'].forEach((s, k) =>
      w.party(s, 'Person', `Sender ${s}`, s, { address: [`${k + 1} Elm Road, Queens, NY`] }),
    );
    const rows = ['S1', 'S2', 'S3', 'S4'].map((s, k) => remit(w, s, k % 2 === 0 ? 'CN-B1' : 'CN-B2', 2 + k));
    const { findings, flagged, ids, accounts } = run(w);
    const found = findings('beneficiary-contacts.shared');
    expect(found.length).toBe(1);
    expect(accounts(found[0]!.accounts)).toEqual(['CN-B1', 'CN-B2']);
    expect(ids(found[0]!.rows)).toEqual(rows);
    expect(found[0]!.text).toContain('phone');
    for (const id of rows) expect(flagged(id)).toBe(true);
  });

  it('leaves a couple sharing an address who each send home alone, and namesakes sharing a generated e-mail', () => {
    const w = new TestWorld();
    w.party('wife', 'Person', 'Chen Hua', 'US-WIFE', { address: ['88 Pine Ave, Flushing, NY 11354'] });
    w.party('husband', 'Person', 'Li Jun', 'US-HUSBAND', { address: ['88 Pine Ave, Flushing, NY 11354'] });
    w.party('mother', 'Person', 'Chen Mei', 'CN-MOTHER', { address: ['5 Jiefang Road, Fuzhou'] });
    w.party('father', 'Person', 'Chen Gang', 'CN-FATHER', { address: ['5 Jiefang Road, Fuzhou'] });
    w.party('ma1', 'Person', 'Ma Jun', 'CN-MA1', { email: ['contact@majun.example.cn'] });
    w.party('ma2', 'Person', 'Ma Jun', 'CN-MA2', { email: ['contact@majun.example.cn'] });
    const ids: string[] = [];
    for (let k = 0; k < 4; k++)
      ids.push(remit(w, k % 2 === 0 ? 'US-WIFE' : 'US-HUSBAND', k < 2 ? 'CN-MOTHER' : 'CN-FATHER', 3 + 7 * k));
    ['S1', 'S2', 'S3'].forEach((s, k) => ids.push(remit(w, s, k === 0 ? 'CN-MA1' : 'CN-MA2', 2 + k)));
    const { findings, flagged } = run(w);
    expect(findings('beneficiary-contacts.shared')).toEqual([]);
    for (const id of ids.slice(0, 4)) expect(flagged(id)).toBe(false);
  });
});

describe('structuring across related accounts', () => {
  it('finds deposits just under $10,000 split over two accounts of one holder and a third sharing her phone, on adjacent days', () => {
    const w = new TestWorld();
    w.party('ana', 'Person', 'Ana Ruiz', 'ACC-1', { phone: ['+1 602 555 0101'] });
    w.party('ana', 'Person', 'Ana Ruiz', 'ACC-2', { phone: ['+1 602 555 0101'] });
    w.party('bro', 'Person', 'Luis Ruiz', 'ACC-3', { phone: ['(602) 555-0101'] });
    const deposits = [
      ['ACC-1', 9_500, 1.3, 'Phoenix AZ'],
      ['ACC-2', 9_200, 1.6, 'Tempe AZ'],
      ['ACC-3', 9_800, 2.4, 'Mesa AZ'],
    ] as const;
    const rows = deposits.map(([to, usd, day, branch]) =>
      w.pay({ from: 'CASH', to, usd, day, channel: 'cash_deposit', purpose: `Cash deposit, branch ${branch}` }),
    );
    const { findings, flagged, ids, accounts } = run(w);
    expect(findings('structuring.below-threshold')).toEqual([]);
    const found = findings('structuring.related-accounts');
    expect(found.length).toBe(1);
    expect(accounts(found[0]!.accounts)).toEqual(['ACC-1', 'ACC-2', 'ACC-3']);
    expect(ids(found[0]!.rows)).toEqual(rows);
    expect(found[0]!.text).toMatch(/holder, phone|phone/);
    expect(found[0]!.text).toContain('3 branches');
    for (const id of rows) expect(flagged(id)).toBe(true);
  });

  it('does not join deposits a week apart, nor unrelated accounts', () => {
    const w = new TestWorld();
    w.party('ana', 'Person', 'Ana Ruiz', 'ACC-1');
    w.party('ana', 'Person', 'Ana Ruiz', 'ACC-2');
    w.pay({ from: 'CASH', to: 'ACC-1', usd: 9_500, day: 1, channel: 'cash_deposit' });
    w.pay({ from: 'CASH', to: 'ACC-2', usd: 9_400, day: 8, channel: 'cash_deposit' });
    w.pay({ from: 'CASH', to: 'ACC-1', usd: 9_300, day: 15, channel: 'cash_deposit' });
    w.pay({ from: 'CASH', to: 'OTHER-1', usd: 9_600, day: 1, channel: 'cash_deposit' });
    w.pay({ from: 'CASH', to: 'OTHER-2', usd: 9_700, day: 1, channel: 'cash_deposit' });
    expect(run(w).findings('structuring.related-accounts')).toEqual([]);
  });

  it('leaves a business banking daily takings over $10,000 into its two accounts alone', () => {
    const w = new TestWorld();
    w.party('shop', 'Company', 'Desert Grill LLC', 'SHOP-1', { phone: ['+1 520 555 0199'] });
    w.party('shop', 'Company', 'Desert Grill LLC', 'SHOP-2', { phone: ['+1 520 555 0199'] });
    const ids: string[] = [];
    for (let day = 0; day < 14; day++) {
      ids.push(w.pay({ from: 'CASH', to: 'SHOP-1', usd: 10_400 + 350 * (day % 5), day: day + 0.8, channel: 'cash_deposit' }));
      ids.push(
        w.pay({
          from: 'CASH',
          to: 'SHOP-2',
          usd: day % 4 === 0 ? 9_700 : 11_200 + 90 * day,
          day: day + 0.9,
          channel: 'cash_deposit',
        }),
      );
    }
    const { findings, flagged } = run(w);
    expect(findings('structuring.related-accounts')).toEqual([]);
    for (const id of ids) expect(flagged(id)).toBe(false);
  });
});
