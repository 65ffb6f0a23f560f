import { describe, expect, it } from 'vitest';
import { EDGE_FLAG } from './feed.js';
import { flowRise } from './flow-rise.js';
import { frontClusters } from './front-clusters.js';
import { FLAG, type Graph } from './graph.js';
import { networkAlerts } from './network-alerts.js';
import { loadNetworkPolicy, parseNetworkPolicy } from './policy.js';
import { idOf, names, testGraph, type TestEdge } from './test-graphs.js';

/**
 * Every network alert on one hand-built world with known answers: a designated supplier and the
 * company it owns 60% of, a cluster of fronts sharing an address and a phone (and a clean one),
 * a broker whose alerted flow jumped in the last four weeks, and an official paid by a flagged
 * company.
 */
const edges: TestEdge[] = [
  ['sdn', 'sub', 'owns', 0.6],
  ['clean-owner', 'sub', 'owns', 0.4],
  // Fronts: three companies at one address and one phone; f1 is flagged.
  ['f1', 'addr', 'shares-address'],
  ['f2', 'addr', 'shares-address'],
  ['f3', 'addr', 'shares-address'],
  ['f1', 'phone', 'shares-contact'],
  ['f2', 'phone', 'shares-contact'],
  ['f3', 'phone', 'shares-contact'],
  // The same shape with no risky member: not alerted.
  ['g1', 'addr2', 'shares-address'],
  ['g2', 'addr2', 'shares-address'],
  ['g3', 'addr2', 'shares-address'],
  ['g1', 'phone2', 'shares-contact'],
  ['g2', 'phone2', 'shares-contact'],
  ['g3', 'phone2', 'shares-contact'],
  // Alerted flow through the broker: $100 in early January, $14,000 in late February.
  ['s1', 'broker', 'ships-to', 100, '2024-01-05'],
  ['s2', 'broker', 'ships-to', 5000, '2024-02-20'],
  ['broker', 'b1', 'ships-to', 5000, '2024-02-25'],
  ['broker', 'b2', 'ships-to', 4000, '2024-02-26'],
  // The official and the cartel company's account.
  ['official', 'acct-o', 'holds'],
  ['cartel-co', 'acct-c', 'holds'],
  ['acct-c', 'acct-o', 'pays', 2500, '2024-02-01'],
];
const FLOWS = [14, 15, 16, 17];
const g: Graph = testGraph(edges, {
  kinds: {
    official: 'person',
    'acct-o': 'account',
    'acct-c': 'account',
    addr: 'address',
    addr2: 'address',
    phone: 'phone',
    phone2: 'phone',
  },
  flags: { sdn: FLAG.designated, f1: FLAG.flagged, official: FLAG.official, 'cartel-co': FLAG.flagged },
});
const edgeFlags = new Uint8Array(g.edgeCount);
for (const e of FLOWS) edgeFlags[e] = EDGE_FLAG.flagged;

function rulesBySubject(alerts: ReturnType<typeof networkAlerts>): Map<string, string[]> {
  return new Map(alerts.map((a) => [a.subjectId, a.reasons.map((r) => r.ruleId).sort()]));
}

describe('network alerts on a hand-built world', () => {
  const policy = loadNetworkPolicy();
  const alerts = networkAlerts(g, edgeFlags, policy, '2024-03-01T00:00:00Z');
  const rules = rulesBySubject(alerts);

  it('blocks the 60%-owned company by the 50% rule and flags it as one hop from the designated owner', () => {
    expect(rules.get('sub')).toEqual(['network.fifty-percent', 'network.near-designated']);
    const fifty = alerts.find((a) => a.subjectId === 'sub')?.reasons.find((r) => r.ruleId === 'network.fifty-percent');
    expect(fifty?.text).toMatch(/owned 60\.0% by blocked persons \(sdn 60\.0%\)/);
    expect(fifty?.evidence).toEqual(['sdn', 'r0']);
    // The clean co-owner is two hops away (sdn → sub ← clean-owner) and within the policy's two.
    expect(rules.get('clean-owner')).toEqual(['network.near-designated']);
    expect(rules.has('sdn')).toBe(false);
  });

  it('raises the front cluster with a risky member, every member, and not the clean cluster', () => {
    for (const f of ['f1', 'f2', 'f3']) expect(rules.get(f)).toEqual(['network.front-cluster']);
    for (const c of ['g1', 'g2', 'g3']) expect(rules.has(c)).toBe(false);
    const reason = alerts.find((a) => a.subjectId === 'f2')?.reasons[0];
    expect(reason?.text).toBe('one of 3 companies sharing 2 addresses, phones or e-mails (1 designated or flagged)');
    expect(reason?.evidence).toEqual(expect.arrayContaining(['f1', 'f2', 'f3', 'addr', 'phone']));
  });

  it('ranks the broker as the chokepoint and sees its flow rise', () => {
    expect(rules.get('broker')).toEqual(['network.chokepoint', 'network.chokepoint-rise']);
    const rise = alerts.find((a) => a.subjectId === 'broker')?.reasons.find((r) => r.ruleId === 'network.chokepoint-rise');
    expect(rise?.text).toBe('risky flow through chokepoint #1 rose to $14000 in the last 28 days from $100 (x140.0)');
    expect([...(rise?.evidence ?? [])].sort()).toEqual(['broker', 'r15', 'r16', 'r17']);
  });

  it('names the official paid by the flagged company', () => {
    expect(rules.get('official')).toEqual(['network.complicity']);
    const reason = alerts.find((a) => a.subjectId === 'official')?.reasons[0];
    expect(reason?.text).toBe('official tied by $2500 of payments to 1 risky parties: "cartel-co"');
  });

  it('raises nothing else, and every alert carries its policy stamp in the id and evidence in every reason', () => {
    expect([...rules.keys()].sort()).toEqual(['broker', 'clean-owner', 'f1', 'f2', 'f3', 'official', 'sub']);
    for (const a of alerts) for (const r of a.reasons) expect(r.evidence.length).toBeGreaterThan(0);
    const again = networkAlerts(g, edgeFlags, policy, '2024-03-01T00:00:00Z');
    expect(again.map((a) => a.id)).toEqual(alerts.map((a) => a.id));
  });

  it('follows the policy: a disabled rule is silent, a higher rise threshold keeps the broker quiet', () => {
    const data = structuredClone(policy.data);
    data.rules['fifty-percent'].enabled = false;
    data.rules['chokepoint-rise'].minRatio = 500;
    const quieter = rulesBySubject(networkAlerts(g, edgeFlags, parseNetworkPolicy(data), '2024-03-01T00:00:00Z'));
    expect(quieter.get('sub')).toEqual(['network.near-designated']);
    expect(quieter.get('broker')).toEqual(['network.chokepoint']);
  });

  it('rejects a policy with a bad field, naming it', () => {
    const data = structuredClone(policy.data) as { rules: { 'chokepoint-rise': { windowDays: number } } };
    data.rules['chokepoint-rise'].windowDays = 0;
    expect(() => parseNetworkPolicy(data, 'network.json')).toThrow(/network\.json.*\n.*rules\.chokepoint-rise\.windowDays/);
  });
});

describe('front clusters and flow rise', () => {
  it('front clusters need enough shared contact points and stay under the size of a business centre', () => {
    const clusters = frontClusters(g, { minCompanies: 3, maxCompanies: 12, minSharedContacts: 2 });
    expect(clusters.map((c) => names(g, c.companies).sort())).toEqual([
      ['f1', 'f2', 'f3'],
      ['g1', 'g2', 'g3'],
    ]);
    expect(names(g, clusters[0]?.risky ?? [])).toEqual(['f1']);
    expect(frontClusters(g, { minCompanies: 3, maxCompanies: 12, minSharedContacts: 3 })).toEqual([]);
    expect(frontClusters(g, { minCompanies: 3, maxCompanies: 2, minSharedContacts: 2 })).toEqual([]);
  });

  it('flow rise compares the last window with the one before, ignoring edges outside the risky mask', () => {
    const risky = new Uint8Array(g.edgeCount);
    for (const e of FLOWS) risky[e] = 1;
    const day = 86_400_000;
    const [r] = flowRise(g, [idOf(g, 'broker')], risky, { windowMs: 28 * day });
    expect(r).toMatchObject({ recentUsd: 14000, previousUsd: 100, ratio: 140 });
    // Largest first: the two $5,000 edges, then the $4,000 one.
    expect((r?.recentEdges ?? []).map((e) => g.weight[e])).toEqual([5000, 5000, 4000]);
    // A window ending before the jump sees the January parcel as new flow.
    const [early] = flowRise(g, [idOf(g, 'broker')], risky, { windowMs: 28 * day, end: Date.parse('2024-01-10') });
    expect(early).toMatchObject({ recentUsd: 100, previousUsd: 0, ratio: Infinity });
    const [none] = flowRise(g, [idOf(g, 'broker')], new Uint8Array(g.edgeCount), { windowMs: 28 * day });
    expect(none).toMatchObject({ recentUsd: 0, previousUsd: 0, ratio: 0 });
  });
});
