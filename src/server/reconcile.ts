import { z } from 'zod';
import { QUERY_SCHEMATA, type ScreenHit } from '../screening/index.js';
import type { EntityIndex, NameQuery } from './entity-index.js';

/**
 * The W3C Reconciliation API over the store's entities (watchlists included, since datasets are
 * stored as entities): version 0.2 (what OpenRefine speaks today) and the 1.0 draft. Both are
 * read into one query shape and answered by the same name search; only the envelopes differ.
 */

const value = z.union([z.string(), z.number(), z.boolean(), z.object({ id: z.string(), name: z.string().optional() }).loose()]);
const values = z.union([value, z.array(value)]);

/** 0.2: an object of keyed queries (sent form-encoded as `queries=<json>`). */
export const queryBatch02 = z.record(
  z.string(),
  z.strictObject({
    query: z.string().max(1000).optional(),
    type: z.union([z.string(), z.array(z.string())]).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    properties: z.array(z.object({ pid: z.string(), v: values }).loose()).optional(),
    type_strict: z.enum(['any', 'should', 'all']).optional(),
  }),
);

/** 1.0 draft: a list of queries, each a list of conditions. */
export const queryBatch10 = z.strictObject({
  queries: z
    .array(
      z.strictObject({
        type: z.string().optional(),
        limit: z.number().int().min(1).max(100).optional(),
        lang: z.string().optional(),
        dir: z.string().optional(),
        conditions: z
          .array(
            z
              .object({
                matchType: z.enum(['name', 'id', 'property']),
                propertyId: z.string().optional(),
                propertyValue: values,
                required: z.boolean().optional(),
                matchQuantifier: z.enum(['any', 'all', 'none']).optional(),
                matchQualifier: z.string().optional(),
              })
              .loose(),
          )
          .min(1),
      }),
    )
    .max(100),
});

export interface ReconQuery {
  readonly name: string | undefined;
  readonly schema: string;
  readonly limit: number;
  readonly countries: readonly string[];
  readonly birthDates: readonly string[];
}

const COUNTRY_PROPS = new Set(['country', 'nationality', 'jurisdiction', 'countries']);

function strings(v: z.infer<typeof values>): string[] {
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'object' ? (x.name ?? x.id) : String(x)));
}

function schemaOf(type: string | readonly string[] | undefined): string {
  const first = Array.isArray(type) ? type[0] : type;
  return first !== undefined && (QUERY_SCHEMATA as readonly string[]).includes(first) ? first : 'LegalEntity';
}

function fromProperties(
  name: string | undefined,
  type: string | readonly string[] | undefined,
  limit: number | undefined,
  props: readonly { pid: string; v: z.infer<typeof values> }[],
): ReconQuery {
  const pick = (test: (pid: string) => boolean): string[] => props.filter((p) => test(p.pid)).flatMap((p) => strings(p.v));
  return {
    name,
    schema: schemaOf(type),
    limit: limit ?? 5,
    countries: pick((pid) => COUNTRY_PROPS.has(pid)).filter((c) => /^[A-Za-z]{2}$/.test(c)),
    birthDates: pick((pid) => pid === 'birthDate'),
  };
}

export function readBatch02(batch: z.infer<typeof queryBatch02>): [string, ReconQuery][] {
  return Object.entries(batch).map(([key, q]) => [key, fromProperties(q.query, q.type, q.limit, q.properties ?? [])]);
}

export function readBatch10(batch: z.infer<typeof queryBatch10>): ReconQuery[] {
  return batch.queries.map((q) => {
    const name = q.conditions.find((c) => c.matchType === 'name');
    const props = q.conditions
      .filter((c) => c.matchType === 'property' && c.propertyId !== undefined)
      .map((c) => ({ pid: c.propertyId!, v: c.propertyValue }));
    return fromProperties(name === undefined ? undefined : strings(name.propertyValue).join(' '), q.type, q.limit, props);
  });
}

export interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** 0-100 (the manifest says standardizedScore). */
  readonly score: number;
  readonly match: boolean;
  readonly type: { id: string; name: string }[];
  readonly features: { id: string; name: string; value: number }[];
}

function candidate(hit: ScreenHit): Candidate {
  return {
    id: hit.entityId,
    name: hit.result.name.candidateName,
    description: `${hit.schema}, ${hit.result.policy}`,
    score: Math.round(hit.result.score * 1000) / 10,
    match: hit.result.match,
    type: [{ id: hit.schema, name: hit.schema }],
    features: [{ id: 'name', name: 'Name similarity', value: hit.result.name.score }],
  };
}

/** Candidates for one query, best first; a query without a name has none. */
export async function reconcile(index: EntityIndex, q: ReconQuery): Promise<Candidate[]> {
  if (q.name === undefined || q.name.trim() === '') return [];
  const query: NameQuery = { name: q.name, schema: q.schema, countries: q.countries, birthDates: q.birthDates };
  const hits = await index.search(query, 0.5);
  return hits.slice(0, q.limit).map(candidate);
}

export const DEFAULT_TYPES = QUERY_SCHEMATA.map((s) => ({ id: s, name: s }));

export function manifest02(base: string) {
  return {
    versions: ['0.2'],
    name: 'Chokepoint entities and watchlists',
    identifierSpace: `${base}/api/entities/`,
    schemaSpace: 'https://followthemoney.tech/explorer/schemata/',
    documentation: `${base}/docs`,
    view: { url: `${base}/api/entities/{{id}}` },
    preview: { url: `${base}/reconcile/preview?id={{id}}`, width: 400, height: 120 },
    suggest: { entity: { service_url: base, service_path: '/reconcile/suggest/entity' } },
    defaultTypes: DEFAULT_TYPES,
    authentication: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Bearer <API token>' },
  };
}

export function manifest10(base: string) {
  return {
    versions: ['1.0-draft'],
    name: 'Chokepoint entities and watchlists',
    documentation: `${base}/docs`,
    view: { url: `${base}/api/entities/{id}` },
    preview: { width: 400, height: 120 },
    suggest: { entity: true, property: false, type: false },
    defaultTypes: DEFAULT_TYPES,
    standardizedScore: true,
    authentication: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Bearer <API token>' },
  };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
