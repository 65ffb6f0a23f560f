import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../test-support/temp.js';
import { as, makeWorld, type World } from './test-world.js';

/** The official Reconciliation API schemas of one version, compiled with ajv. */
function reconSchemas(version: '0.2' | '1.0-draft'): (name: string) => ValidateFunction {
  const dir = join(SHARED_DATA, 'recon-api', version, 'schemas');
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
  // The manifests point at Swagger 2's security definitions, which are not in the folder: a
  // stand-in that accepts an object keeps the reference resolvable.
  ajv.addSchema({
    $id: 'http://swagger.io/v2/schema.json',
    definitions: { securityDefinitions: { additionalProperties: { type: 'object' } } },
  });
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'openapi.json');
  const schemas = new Map(
    files.map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as { $id: string }]),
  );
  for (const s of schemas.values()) ajv.addSchema(s);
  return (name) => ajv.getSchema(schemas.get(name)!.$id)!;
}

function expectValid(validate: ValidateFunction, data: unknown): void {
  const ok = validate(data);
  expect(validate.errors ?? [], JSON.stringify(data).slice(0, 300)).toEqual([]);
  expect(ok).toBe(true);
}

describe('APIs other tools speak', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld('sqlite');
  });
  afterAll(async () => world.close());

  describe('W3C Reconciliation API', () => {
    const v02 = reconSchemas('0.2');
    const v10 = reconSchemas('1.0-draft');

    it('serves manifests valid against 0.2 and the 1.0 draft', async () => {
      expectValid(v02('manifest'), (await as(world, 'vic', 'GET', '/reconcile')).json());
      expectValid(v10('manifest'), (await as(world, 'vic', 'GET', '/reconcile?version=1.0')).json());
    });

    it('answers a 0.2 batch sent form-encoded, as OpenRefine sends it', async () => {
      const queries = {
        q0: { query: 'Zhang Wei Chemical Trading Co', type: 'Company', limit: 3 },
        q1: { query: 'Ivan Petrof', properties: [{ pid: 'nationality', v: 'RU' }] },
        q2: { query: 'Nothing Alike Whatsoever' },
      };
      expectValid(v02('reconciliation-query-batch'), queries);
      const res = await world.app.inject({
        method: 'POST',
        url: '/reconcile',
        headers: { authorization: `Bearer ${world.tokens['vic']}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ queries: JSON.stringify(queries) }).toString(),
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expectValid(v02('reconciliation-result-batch'), body);
      expect(body.q0.result[0]).toMatchObject({ id: 'ofac-1', match: true });
      expect(body.q1.result[0].id).toBe('person-ivan');
      expect(body.q2.result).toEqual([]);
      // GET with queries in the query string answers the same.
      const get = (await as(world, 'vic', 'GET', `/reconcile?queries=${encodeURIComponent(JSON.stringify(queries))}`)).json();
      expect(get.q0.result[0].id).toBe('ofac-1');
    });

    it('answers a 1.0-draft batch', async () => {
      const batch = {
        queries: [
          {
            type: 'Person',
            limit: 2,
            conditions: [
              { matchType: 'name', propertyValue: 'Juan Carlos Mendosa Ruiz' },
              { matchType: 'property', propertyId: 'nationality', propertyValue: 'MX' },
            ],
          },
        ],
      };
      expectValid(v10('reconciliation-query-batch'), batch);
      const body = (await as(world, 'vic', 'POST', '/reconcile', batch)).json();
      expectValid(v10('reconciliation-result-batch'), body);
      expect(body.results[0].candidates[0]).toMatchObject({ id: 'ofac-2' });
    });

    it('suggests entities and previews them as escaped HTML', async () => {
      const suggest = (await as(world, 'vic', 'GET', '/reconcile/suggest/entity?prefix=Hubei%20Example%20Chemical')).json();
      expectValid(v02('suggest-entities-response'), suggest);
      expectValid(v10('suggest-entities-response'), suggest);
      expect(suggest.result[0].id).toBe('company-hubei');
      const preview = await as(world, 'vic', 'GET', '/reconcile/preview?id=company-hubei');
      expect(preview.headers['content-type']).toMatch(/text\/html/);
      expect(preview.body).toContain('Hubei Example Chemical Co., Ltd.');
    });

    it('rejects malformed batches with the error shape', async () => {
      const res = await as(world, 'vic', 'GET', '/reconcile?queries=%7Bnot%20json');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
      const bad = await as(world, 'vic', 'POST', '/reconcile', { queries: [{ conditions: [] }] });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('yente-compatible matching', () => {
    it('accepts a single string where a list is expected, as yente does', async () => {
      const res = await as(world, 'vic', 'POST', '/match/default', {
        queries: { a: { schema: 'Company', properties: { name: 'Zhang Wei Chemical Trading Co.' } } },
      });
      expect(res.json().responses.a.results[0].id).toBe('ofac-1');
    });

    it('matches a batch of entities against all watchlists or one dataset', async () => {
      const body = {
        queries: {
          a: { schema: 'Company', properties: { name: ['Zhang Wei Chemical Trading Co.'], country: ['cn'] } },
          b: { schema: 'Person', properties: { name: ['Maria Gonzalez'] } },
        },
      };
      const res = await as(world, 'vic', 'POST', '/match/default?limit=3', body);
      expect(res.statusCode).toBe(200);
      const json = res.json();
      expect(json.responses.a).toMatchObject({ status: 200, total: { relation: 'eq' } });
      expect(json.responses.a.results[0]).toMatchObject({
        id: 'ofac-1',
        schema: 'Company',
        match: true,
        datasets: ['us_ofac_sdn'],
      });
      expect(json.responses.a.results[0].properties.program).toEqual(['ILLICIT-DRUGS-EO14059']);
      expect(json.responses.b.results.every((r: { match: boolean }) => !r.match)).toBe(true);
      expect((await as(world, 'vic', 'POST', '/match/us_ofac_sdn', body)).json().responses.a.results[0].id).toBe('ofac-1');
      expect((await as(world, 'vic', 'POST', '/match/no_such_list', body)).statusCode).toBe(404);
    });

    it('searches a dataset by name', async () => {
      const json = (await as(world, 'vic', 'GET', '/search/default?q=Mendoza%20Ruiz')).json();
      expect(json.results[0]).toMatchObject({ id: 'ofac-2', caption: 'Juan Carlos Mendoza Ruiz' });
      expect(json.total.value).toBeGreaterThanOrEqual(1);
    });

    it('rejects malformed match payloads', async () => {
      for (const payload of [
        {},
        { queries: { a: { schema: 'Spaceship', properties: { name: ['x'] } } } },
        { queries: { a: { schema: 'Person', properties: { name: [{ nested: 'object' }] } } } },
        { queries: { a: { schema: 'Person', properties: {} } } },
      ]) {
        const res = await as(world, 'vic', 'POST', '/match/default', payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION');
      }
    });
  });
});
