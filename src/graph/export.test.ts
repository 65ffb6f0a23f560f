import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../ingest/index.js';
import { checkEntity, type Entity } from '../model/index.js';
import { openStore } from '../store/index.js';
import { tempDir } from '../test-support/temp.js';
import { subgraphToFtm } from './export-ftm.js';
import { toGexf, toGraphml } from './export-xml.js';
import { buildGraphFromStore } from './from-store.js';
import { FLAG } from './graph.js';
import { membersOf } from './network-alerts.js';
import { neighbourhood } from './neighbourhood.js';
import { idOf, testGraph } from './test-graphs.js';

/** Parses XML strictly; returns element names with their attributes. */
function parse(xml: string): { name: string; attributes: Record<string, string> }[] {
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) =>
    tags.push({ name: tag.local, attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])) }),
  );
  parser.write(xml).close();
  return tags;
}

describe('GraphML and GEXF', () => {
  const g = testGraph(
    [
      ['A&B <Ltd>', 'c"d', 'ships-to', 120.5, '2024-05-01'],
      ['c"d', 'e\u0001f', 'owns', 0.5],
    ],
    { flags: { 'A&B <Ltd>': FLAG.designated } },
  );
  const sub = { nodes: [0, 1, 2], edges: [0, 1] };

  it('GraphML is well-formed, escapes ids and labels, and keeps types, weights and times', () => {
    const tags = parse(toGraphml(g, sub));
    const nodes = tags.filter((t) => t.name === 'node').map((t) => t.attributes['id']);
    expect(nodes).toEqual(['A&B <Ltd>', 'c"d', 'ef']);
    const edges = tags.filter((t) => t.name === 'edge');
    expect(edges.map((e) => [e.attributes['source'], e.attributes['target']])).toEqual([
      ['A&B <Ltd>', 'c"d'],
      ['c"d', 'ef'],
    ]);
    expect(toGraphml(g, sub)).toContain('<data key="weight">120.5</data><data key="time">2024-05-01T00:00:00.000Z</data>');
  });

  it('GEXF is well-formed, drops edges leaving the subgraph, and puts weights on edges', () => {
    const tags = parse(toGexf(g, { nodes: [0, 1], edges: [0, 1] }));
    expect(tags[0]?.name).toBe('gexf');
    const edges = tags.filter((t) => t.name === 'edge');
    expect(edges).toHaveLength(1);
    expect(edges[0]?.attributes).toMatchObject({ source: 'A&B <Ltd>', target: 'c"d', weight: '120.5', label: 'ships-to' });
    expect(tags.find((t) => t.name === 'attvalue' && t.attributes['for'] === 'designated')?.attributes['value']).toBe('true');
  });
});

describe('FtM entity stream of a subgraph, from a real SQLite store', () => {
  const tmp = tempDir('chokepoint-graph-ftm-');
  afterAll(() => tmp.cleanup());
  const entities = [
    {
      id: 'broker',
      schema: 'Company',
      properties: { name: ['Harbor Broker LLC'], country: ['us'], address: ['1 Dock St, Newark'] },
    },
    { id: 'owner', schema: 'Person', properties: { name: ['Li Wei'], country: ['cn'] } },
    { id: 'own', schema: 'Ownership', properties: { owner: ['owner'], asset: ['broker'], percentage: ['60'] } },
    { id: 'acct', schema: 'BankAccount', properties: { accountNumber: ['US-1'], bankName: ['First Bank'] } },
    { id: 'holds', schema: 'Ownership', properties: { owner: ['broker'], asset: ['acct'], role: ['account holder'] } },
  ];
  const shipments =
    'shipment_id,house_bill,master_bill,arrival_date,mode,entry_type,origin_country,export_country,transit_countries,port_of_lading,port_of_entry,shipper_name,shipper_address,shipper_country,shipper_phone,shipper_email,seller_name,consignee_name,consignee_address,consignee_country,final_recipient_name,final_recipient_address,final_recipient_country,description,hs_code,quantity,quantity_unit,gross_weight_kg,declared_value_usd,carrier,marketplace,dea_transaction_id\n' +
    'SHP-1,HB1,,2024-09-02,express,de_minimis,CN,CN,,Shenzhen,JFK,Wuhan Chem Co.,1 Road,CN,,,,Harbor Broker LLC,1 Dock St,US,,,,Reagent,2933.39,1,kg,1.2,95,DHL,,\n';
  const transactions =
    'transaction_id,timestamp,debtor_account,debtor_name,debtor_bank,debtor_country,creditor_account,creditor_name,creditor_bank,creditor_country,amount,currency,amount_usd,channel,purpose\n' +
    'TX-1,2024-09-03T10:00:00Z,US-1,Harbor Broker LLC,First Bank,US,CN-7,Wuhan Chem Co.,Bank of Wuhan,CN,900,USD,900,wire,invoice 12\n';

  it('emits the stored entities, the ownership link, the payment and the shipment leg, each valid FtM, once', async () => {
    const store = await openStore(join(tmp.dir, 'f.db'));
    try {
      await ingestFile(store, { path: tmp.file('e.ftm.json', entities.map((e) => JSON.stringify(e)).join('\n') + '\n') });
      await ingestFile(store, { path: tmp.file('shipments.csv', shipments) });
      await ingestFile(store, { path: tmp.file('transactions.csv', transactions) });
      const { graph } = await buildGraphFromStore(store, { resolution: 'exact' });
      const n = neighbourhood(graph, idOf(graph, 'broker'), { hops: 2 });
      const out: Entity[] = [];
      for await (const e of subgraphToFtm(graph, { nodes: n.nodes, edges: n.edges }, membersOf(graph), store)) out.push(e);
      for (const e of out) expect(checkEntity(JSON.parse(JSON.stringify(e))).ok, JSON.stringify(e)).toBe(true);
      expect(new Set(out.map((e) => e.id)).size).toBe(out.length);
      const schemata = out.map((e) => e.schema);
      expect(schemata).toEqual(
        expect.arrayContaining(['Company', 'Person', 'Ownership', 'BankAccount', 'Payment', 'UnknownLink']),
      );
      const payment = out.find((e) => e.schema === 'Payment');
      expect(payment?.properties).toMatchObject({ amountUsd: ['900'], date: ['2024-09-03'], recordId: ['TX-1'] });
      const leg = out.find((e) => e.schema === 'UnknownLink');
      expect(leg?.properties['role']).toEqual(['ships to']);
      // The leg ends at stored entities of the subgraph.
      const ids = new Set(out.map((e) => e.id));
      expect(ids.has(leg?.properties['subject']?.[0] ?? '')).toBe(true);
      expect(ids.has(leg?.properties['object']?.[0] ?? '')).toBe(true);
    } finally {
      await store.close();
    }
  });
});
