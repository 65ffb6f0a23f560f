import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeWorld, type World } from './test-world.js';

describe('network API (the graph functions of the CLI, over the stored records)', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld('sqlite');
  });
  afterAll(async () => world.close());

  it("answers an entity's neighbourhood with its ownership link", async () => {
    const res = await as(world, 'vic', 'GET', '/api/network/person-ivan?hops=1');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { nodes: { label: string }[]; edges: { type: string }[] };
    // Nodes are resolved entities: named by their labels, whatever ids resolution gave them.
    expect(body.nodes.map((n) => n.label)).toEqual(expect.arrayContaining(['Ivan Petrov', 'Hubei Example Chemical Co., Ltd.']));
    expect(body.edges.some((e) => e.type === 'owns')).toBe(true);
  });

  it('exports the neighbourhood as well-formed GraphML', async () => {
    const res = await as(world, 'vic', 'GET', '/api/network/person-ivan?hops=1&format=graphml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('graphml');
    const parser = new SaxesParser();
    let nodes = 0;
    parser.on('opentag', (t) => {
      if (t.name === 'node') nodes++;
    });
    parser.write(res.body).close();
    expect(nodes).toBeGreaterThanOrEqual(2);
  });

  it('finds the path from an owner to its company', async () => {
    const res = await as(world, 'vic', 'GET', '/api/network/path?from=person-ivan&to=company-hubei');
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.stringify(res.json())).toContain('Hubei Example Chemical Co., Ltd.');
  });

  it('ranks chokepoints and exposure (empty lists are answers, not errors)', async () => {
    for (const url of ['/api/network/chokepoints?top=5', '/api/network/exposure?top=5']) {
      const res = await as(world, 'vic', 'GET', url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
    }
  });

  it('names an unknown entity (404) and an unknown edge type (400) in the error shape', async () => {
    const missing = await as(world, 'vic', 'GET', '/api/network/no-such-entity');
    expect(missing.statusCode).toBe(404);
    const bad = await as(world, 'vic', 'GET', '/api/network/person-ivan?types=teleports');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('teleports');
  });

  it('aggregates shipments by route, transit countries included, summing to every shipment', async () => {
    const res = await as(world, 'vic', 'GET', '/api/routes');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { shipments: number; routes: { transit: string[]; count: number }[] };
    const total = (await as(world, 'vic', 'GET', '/api/shipments?limit=1')).json().total as number;
    expect(body.shipments).toBe(total);
    expect(body.routes.reduce((n, r) => n + r.count, 0)).toBe(total);
    for (const r of body.routes) expect(Array.isArray(r.transit)).toBe(true);
  });
});
