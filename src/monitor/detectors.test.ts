import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, type MonitorResult } from './engine.js';
import { loadPolicy, type Policy } from './policy.js';
import { TestWorld } from './test-world.js';

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

function run(world: TestWorld, shippers: readonly { name: string; hs: string }[] = []) {
  const { table, context } = world.build(shippers);
  const result = analyse(table, context, policy);
  const rowScore = (id: string) => result.rows.get(table.ids.indexOf(id));
  const accountScore = (account: string) => result.accounts.get(table.accounts.indexOf(account));
  const fired = (ruleId: string) => result.findings.some((f) => f.ruleId === ruleId);
  return { table, result, rowScore, accountScore, fired };
}

function flagged(score: { score: number } | undefined): boolean {
  return (score?.score ?? 0) >= policy.thresholds.alert;
}

function allRowsScore(result: MonitorResult): number {
  let max = 0;
  for (const s of result.rows.values()) max = Math.max(max, s.score);
  return max;
}

describe('structuring', () => {
  it('finds deposits just below $10,000 by several mules at several branches, and the funnel emptying', () => {
    const w = new TestWorld();
    const mules = ['Ana Cruz', 'Li Wei', 'Tom Hart'];
    const deposits = [9_400, 9_850, 8_900, 9_700, 9_150, 9_600].map((usd, k) =>
      w.pay({
        from: 'CASH',
        to: 'FUNNEL',
        usd,
        day: k * 2,
        channel: 'cash_deposit',
        fromName: mules[k % 3],
        purpose: `Cash deposit, branch ${['Phoenix AZ', 'El Paso TX'][k % 2]}`,
      }),
    );
    const out = w.pay({ from: 'FUNNEL', to: 'MX-IMPORTER', usd: 54_000, day: 12, toCountry: 'MX' });
    const { rowScore, accountScore } = run(w);
    for (const id of deposits) {
      expect(flagged(rowScore(id))).toBe(true);
      expect(rowScore(id)?.typologies[0]).toBe('structuring');
    }
    expect(flagged(rowScore(out))).toBe(true);
    expect(flagged(accountScore('FUNNEL'))).toBe(true);
  });

  it('leaves a restaurant banking its daily receipts alone, though some fall just below the threshold', () => {
    const w = new TestWorld();
    const receipts = [2_100, 9_300, 4_800, 12_500, 9_800, 3_300, 6_700, 15_200, 9_100, 5_500, 7_900, 2_600];
    receipts.forEach((usd, day) => w.pay({ from: 'CASH', to: 'RESTAURANT', usd, day, channel: 'cash_deposit' }));
    const { result } = run(w);
    expect(allRowsScore(result)).toBeLessThan(policy.thresholds.alert);
  });
});

describe('mirror swaps', () => {
  function swaps(linked: boolean, repeats: number) {
    const w = new TestWorld();
    if (linked) {
      w.party('broker', 'Person', 'Chen Broker', 'US-BROKER');
      w.party('mxco', 'Company', 'Servicios Delta S.A. de C.V.', 'MX-CO');
      w.director('broker', 'mxco');
    }
    const legs: string[] = [];
    for (let k = 0; k < repeats; k++) {
      const usd = 40_000 + k * 13_000;
      legs.push(w.pay({ from: `US-DIST-${k}`, to: 'US-BROKER', usd, day: k * 5 }));
      legs.push(
        w.pay({
          from: 'MX-CO',
          to: 'MX-CELL',
          usd: usd * 0.95,
          amount: usd * 0.95 * 18.5,
          currency: 'MXN',
          day: k * 5 + 1,
          fromCountry: 'MX',
        }),
      );
    }
    return { w, legs };
  }

  it('pairs offsetting domestic legs in two countries between linked parties', () => {
    const { w, legs } = swaps(true, 2);
    const { rowScore, accountScore } = run(w);
    for (const id of legs) expect(rowScore(id)?.typologies[0]).toBe('mirror_swap');
    for (const id of legs) expect(flagged(rowScore(id))).toBe(true);
    expect(flagged(accountScore('US-BROKER'))).toBe(true);
    expect(flagged(accountScore('MX-CO'))).toBe(true);
  });

  it('pairs them without entity data when the same two accounts keep matching', () => {
    const { w, legs } = swaps(false, 4);
    const { rowScore } = run(w);
    for (const id of legs) expect(flagged(rowScore(id))).toBe(true);
  });

  it('does not pair a one-off coincidence between unrelated accounts', () => {
    const w = new TestWorld();
    w.pay({ from: 'US-A', to: 'US-B', usd: 50_000, day: 1 });
    w.pay({ from: 'MX-C', to: 'MX-D', usd: 48_000, amount: 888_000, currency: 'MXN', day: 2, fromCountry: 'MX' });
    const { result } = run(w);
    expect(result.findings.filter((f) => f.typology === 'mirror_swap')).toEqual([]);
  });
});

describe('payments to chemical sellers', () => {
  const shippers = [{ name: 'Hubei Kaiyuan New Material Co., Ltd.', hs: '2933.39' }];

  it('flags a new Mexican company paying a PRC chemical shipper for "organic intermediates"', () => {
    const w = new TestWorld();
    w.party('imp', 'Company', 'Importadora Norte S. de R.L. de C.V.', 'MX-IMP', { incorporationDate: ['2023'] });
    const ids = [1, 9].map((day) =>
      w.pay({
        from: 'MX-IMP',
        to: 'CN-SELLER',
        usd: 24_000,
        day,
        fromCountry: 'MX',
        toCountry: 'CN',
        toName: 'Hubei Kaiyuan New Material Co., Ltd.',
        purpose: 'Invoice 2024-311, organic intermediate',
      }),
    );
    const { rowScore, accountScore } = run(w, shippers);
    for (const id of ids) {
      expect(flagged(rowScore(id))).toBe(true);
      expect(rowScore(id)?.typologies).toContain('precursor_payment');
    }
    expect(flagged(accountScore('MX-IMP'))).toBe(true);
  });

  it("leaves an established buyer paying a chemical company's invoice alone", () => {
    const w = new TestWorld();
    w.party('buyer', 'Company', 'Prairie Coatings Corp.', 'US-BUYER', { incorporationDate: ['1998'] });
    w.pay({
      from: 'US-BUYER',
      to: 'CN-SELLER',
      usd: 24_000,
      day: 1,
      toCountry: 'CN',
      toName: 'Hubei Kaiyuan New Material Co., Ltd.',
      purpose: 'Invoice 88213',
    });
    const { result } = run(w, shippers);
    expect(allRowsScore(result)).toBeLessThan(policy.thresholds.alert);
  });

  /** An importer pays a broker's trading company, which pays the seller most of it two days later. */
  function brokered(passedOn: number, laterDays: number, brokerCountry = 'GT', funderCountry = 'MX') {
    const w = new TestWorld();
    w.party('broker', 'Company', 'Golden Bridge Sourcing Ltd.', 'GT-BROKER', { incorporationDate: ['2022'] });
    const funding = w.pay({
      from: 'MX-IMP',
      to: 'GT-BROKER',
      usd: 40_000,
      day: 3,
      fromCountry: funderCountry,
      toCountry: brokerCountry,
      fromName: 'Importadora Norte S. de R.L. de C.V.',
      toName: 'Golden Bridge Sourcing Ltd.',
      purpose: 'Procurement of raw materials',
    });
    const onward = w.pay({
      from: 'GT-BROKER',
      to: 'CN-SELLER',
      usd: 40_000 * passedOn,
      day: 3 + laterDays,
      fromCountry: brokerCountry,
      toCountry: 'CN',
      toName: 'Hubei Kaiyuan New Material Co., Ltd.',
      purpose: 'Invoice 2024-512, organic intermediate',
    });
    return { ...run(w, shippers), funding, onward };
  }

  it("flags the importer's wire to a broker that passed most of it on to a chemical seller", () => {
    const { rowScore, funding, onward, result } = brokered(0.88, 2);
    expect(flagged(rowScore(onward))).toBe(true);
    expect(flagged(rowScore(funding))).toBe(true);
    expect(rowScore(funding)?.typologies).toContain('precursor_payment');
    const finding = result.findings.find((f) => f.ruleId === 'chemical-seller.funded-through-intermediary');
    expect(finding?.text).toMatch(
      /paid GT-BROKER \$40,000; 88% of it went on to Hubei Kaiyuan New Material Co., Ltd. 2.0 days later/,
    );
  });

  it("flags it too when the broker sits in the seller's country and pays it domestically", () => {
    const { rowScore, funding, onward } = brokered(0.9, 1, 'CN');
    expect(flagged(rowScore(funding))).toBe(true);
    expect(flagged(rowScore(onward))).toBe(true);
  });

  it('leaves a domestic purchase funded from inside the country alone', () => {
    const { result } = brokered(0.9, 1, 'CN', 'CN');
    expect(allRowsScore(result)).toBeLessThan(policy.thresholds.alert);
  });

  it('leaves the inbound payment alone when only a small part went on, or weeks later', () => {
    for (const [share, days] of [
      [0.3, 2],
      [0.88, 20],
    ] as const) {
      const { rowScore, funding, onward } = brokered(share, days);
      expect(flagged(rowScore(onward))).toBe(true);
      expect(flagged(rowScore(funding)), `${share} after ${days} days`).toBe(false);
    }
  });
});

describe('FIN-2019-A006 remittances', () => {
  it('flags low-dollar remittances from several US senders to a PRC individual who directs a chemical company', () => {
    const w = new TestWorld();
    w.party('rep', 'Person', 'Zhao Ming', 'CN-REP');
    w.party('sup', 'Company', 'Wuhan Huajie Biotech Co., Ltd.', 'CN-SUP');
    w.director('rep', 'sup');
    const ids = ['US-1', 'US-2', 'US-3', 'US-1'].map((from, k) =>
      w.pay({ from, to: 'CN-REP', usd: 900 + k * 400, day: k * 3, channel: 'remittance', toCountry: 'CN' }),
    );
    const { rowScore } = run(w);
    for (const id of ids) expect(flagged(rowScore(id))).toBe(true);
  });

  it('leaves family support to a relative in China alone', () => {
    const w = new TestWorld();
    w.party('mum', 'Person', 'Wang Fang', 'CN-MUM');
    ['US-SON', 'US-DAUGHTER', 'US-SON'].forEach((from, k) =>
      w.pay({ from, to: 'CN-MUM', usd: 500, day: k * 10, channel: 'remittance', toCountry: 'CN', purpose: 'family support' }),
    );
    const { result } = run(w);
    expect(allRowsScore(result)).toBeLessThan(policy.thresholds.alert);
  });
});

describe('real estate through new LLCs', () => {
  it('flags a new holding company funded by round transfers that pays a title company', () => {
    const w = new TestWorld();
    w.party('llc', 'Company', 'Canyon Ridge Holdings LLC', 'US-LLC', { incorporationDate: ['2024'] });
    const funding = [50_000, 75_000, 25_000].map((usd, k) => w.pay({ from: `US-F${k}`, to: 'US-LLC', usd, day: k }));
    const purchase = w.pay({
      from: 'US-LLC',
      to: 'US-TITLE',
      usd: 146_000,
      day: 6,
      toName: 'Desert Title & Escrow Inc.',
      purpose: 'Escrow 44120, purchase of 12 Palm Vista Dr',
    });
    const { rowScore, accountScore } = run(w);
    expect(flagged(rowScore(purchase))).toBe(true);
    expect(rowScore(purchase)?.typologies[0]).toBe('shell_real_estate');
    for (const id of funding) expect(flagged(rowScore(id))).toBe(true);
    expect(flagged(accountScore('US-LLC'))).toBe(true);
  });

  it('leaves an old company buying premises out of its trading income alone', () => {
    const w = new TestWorld();
    w.party('co', 'Company', 'Blue Harbor Retail Corp.', 'US-SHOP', { incorporationDate: ['2001'] });
    for (let k = 0; k < 60; k++)
      w.pay({ from: `US-C${k}`, to: 'US-SHOP', usd: 2_000 + (k % 7) * 311, day: k / 5, channel: 'ach' });
    w.pay({
      from: 'US-SHOP',
      to: 'US-TITLE',
      usd: 120_000,
      day: 13,
      toName: 'Desert Title & Escrow Inc.',
      purpose: 'Escrow 1002, purchase of warehouse',
    });
    const { result } = run(w);
    expect(allRowsScore(result)).toBeLessThan(policy.thresholds.alert);
  });
});

describe('payments to officials', () => {
  it('flags recurring round "consulting" fees from companies to a customs officer', () => {
    const w = new TestWorld();
    w.party('off', 'Person', 'Jorge Ruiz', 'MX-OFF', { position: ['Customs officer, Port of Manzanillo'] });
    const ids = [20_000, 30_000, 20_000, 50_000].map((mxn, k) =>
      w.pay({
        from: k % 2 ? 'MX-CO1' : 'MX-CO2',
        to: 'MX-OFF',
        usd: mxn / 18.5,
        amount: mxn * 1.01,
        currency: 'MXN',
        day: k * 8,
        fromCountry: 'MX',
        fromName: 'Comercializadora Sur S.A. de C.V.',
        toName: 'Jorge Ruiz',
        purpose: 'Honorarios consultoría',
      }),
    );
    const { rowScore, accountScore } = run(w);
    for (const id of ids) expect(rowScore(id)?.typologies[0]).toBe('official_bribe');
    for (const id of ids) expect(flagged(rowScore(id))).toBe(true);
    expect(flagged(accountScore('MX-OFF'))).toBe(true);
  });

  it('leaves wages paid by an employer alone', () => {
    const w = new TestWorld();
    [2_431.17, 2_390.55, 2_512.08, 2_446.9].forEach((usd, k) =>
      w.pay({
        from: 'US-EMP',
        to: 'US-WORKER',
        usd,
        day: k * 14,
        channel: 'ach',
        fromName: 'Prairie Logistics Inc.',
        toName: 'Sam Diaz',
        purpose: 'Payroll',
      }),
    );
    const { result } = run(w);
    expect(allRowsScore(result)).toBeLessThan(policy.thresholds.alert);
  });
});

describe('graph typologies', () => {
  it('finds a cycle of similar payments returning within days, and not the same accounts paying at random', () => {
    const w = new TestWorld();
    const ids = [
      w.pay({ from: 'A', to: 'B', usd: 20_000, day: 1 }),
      w.pay({ from: 'B', to: 'C', usd: 19_500, day: 2 }),
      w.pay({ from: 'C', to: 'A', usd: 19_000, day: 3 }),
    ];
    const cycle = run(w);
    for (const id of ids) expect(flagged(cycle.rowScore(id))).toBe(true);
    const l = new TestWorld();
    l.pay({ from: 'A', to: 'B', usd: 20_000, day: 1 });
    l.pay({ from: 'B', to: 'C', usd: 3_000, day: 2 });
    l.pay({ from: 'C', to: 'A', usd: 19_000, day: 80 });
    expect(run(l).fired('cycle.closed-loop')).toBe(false);
  });

  it('finds scatter-gather through intermediates, and not a buyer paying vendors who pay others', () => {
    const w = new TestWorld();
    for (const m of ['M1', 'M2', 'M3']) {
      w.pay({ from: 'S', to: m, usd: 9_000, day: 1 });
      w.pay({ from: m, to: 'T', usd: 8_700, day: 3 });
    }
    expect(run(w).fired('scatter-gather.intermediates')).toBe(true);
    const l = new TestWorld();
    for (const m of ['M1', 'M2', 'M3']) {
      l.pay({ from: 'S', to: m, usd: 9_000, day: 1 });
      l.pay({ from: m, to: `T-${m}`, usd: 8_700, day: 3 });
    }
    expect(run(l).fired('scatter-gather.intermediates')).toBe(false);
  });

  it('finds gather-scatter through a hub, and not an account that keeps what it gathers', () => {
    const w = new TestWorld();
    for (const s of ['S1', 'S2', 'S3']) w.pay({ from: s, to: 'HUB', usd: 10_000, day: 1 });
    for (const r of ['R1', 'R2', 'R3']) w.pay({ from: 'HUB', to: r, usd: 9_500, day: 2 });
    expect(run(w).fired('gather-scatter.hub')).toBe(true);
    const l = new TestWorld();
    for (const s of ['S1', 'S2', 'S3']) l.pay({ from: s, to: 'HUB', usd: 10_000, day: 1 });
    for (const r of ['R1', 'R2', 'R3']) l.pay({ from: 'HUB', to: r, usd: 1_500, day: 2 });
    expect(run(l).fired('gather-scatter.hub')).toBe(false);
  });

  it('finds fan-in and fan-out, but not a shop taking card payments', () => {
    const w = new TestWorld();
    for (let k = 0; k < 7; k++) w.pay({ from: `S${k}`, to: 'IN', usd: 3_000, day: k / 2 });
    for (let k = 0; k < 7; k++) w.pay({ from: 'OUT', to: `R${k}`, usd: 3_000, day: k / 2 });
    const found = run(w);
    expect(found.fired('fan.in')).toBe(true);
    expect(found.fired('fan.out')).toBe(true);
    const l = new TestWorld();
    for (let k = 0; k < 30; k++) l.pay({ from: `C${k}`, to: 'SHOP', usd: 40, day: k / 10, channel: 'card' });
    expect(run(l).fired('fan.in')).toBe(false);
  });

  it('finds rapid pass-through, and not money that stays for weeks', () => {
    const w = new TestWorld();
    w.pay({ from: 'X', to: 'CONDUIT', usd: 50_000, day: 1 });
    w.pay({ from: 'CONDUIT', to: 'Y', usd: 49_000, day: 1.4 });
    expect(run(w).fired('pass-through.rapid')).toBe(true);
    const l = new TestWorld();
    l.pay({ from: 'X', to: 'SAVER', usd: 50_000, day: 1 });
    l.pay({ from: 'SAVER', to: 'Y', usd: 49_000, day: 20 });
    expect(run(l).fired('pass-through.rapid')).toBe(false);
  });
});
