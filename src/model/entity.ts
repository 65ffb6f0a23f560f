import { Model, defaultModel } from '@opensanctions/followthemoney';
import type { Provenance } from './provenance.js';

/**
 * An entity in FollowTheMoney's shape: a schema name and multi-valued properties. Links
 * (Ownership, Directorship, Family, Sanction, ...) are entities too, whose entity-typed
 * properties point at other entities, exactly as FtM streams carry them.
 */
export interface Entity {
  readonly id: string;
  readonly schema: string;
  readonly properties: Readonly<Record<string, readonly string[]>>;
}

export interface EntityRecord {
  readonly entity: Entity;
  readonly provenance: Provenance;
}

/** One property value of one entity: the unit in which entities are stored, with provenance. */
export interface Statement {
  readonly entityId: string;
  readonly schema: string;
  readonly prop: string;
  /** FtM property type (name, country, date, entity, ...). */
  readonly propType: string;
  readonly value: string;
}

/** The FtM model is immutable data, so one shared instance is safe. */
export const ftmModel = new Model(defaultModel);

/** What ingestion asks of a schema, computed once: the FtM library rebuilds maps on every call. */
interface SchemaInfo {
  readonly abstract: boolean;
  readonly label: string;
  readonly caption: readonly string[];
  /** Number of ancestors: how specialised the schema is. */
  readonly depth: number;
  /** Property name to FtM type name. */
  readonly propertyTypes: ReadonlyMap<string, string>;
}

const schemaInfoMemo = new Map<string, SchemaInfo | undefined>();

/** Facts about a schema, or undefined when FtM has no schema of that name. */
export function schemaInfo(name: string): SchemaInfo | undefined {
  if (schemaInfoMemo.has(name)) return schemaInfoMemo.get(name);
  const schema = ftmModel.schemata[name];
  const info =
    schema === undefined
      ? undefined
      : {
          abstract: schema.abstract,
          label: schema.label,
          caption: schema.caption,
          depth: schema.getParents().length,
          propertyTypes: new Map([...schema.getProperties()].map(([prop, p]) => [prop, p.type.name])),
        };
  schemaInfoMemo.set(name, info);
  return info;
}

function knownSchema(name: string): SchemaInfo {
  const info = schemaInfo(name);
  if (info === undefined) throw new Error(`unknown FtM schema "${name}"`);
  return info;
}

export type EntityCheck =
  { readonly ok: true; readonly entity: Entity } | { readonly ok: false; readonly field: string; readonly reason: string };

/**
 * Validates a raw JSON value as an FtM entity against the followthemoney model: the schema
 * must exist and be concrete, every property must belong to it, every value must be a string.
 */
export function checkEntity(raw: unknown): EntityCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, field: '(entity)', reason: 'expected a JSON object' };
  }
  const record = raw as Record<string, unknown>;
  const { id, schema, properties } = record;
  if (typeof id !== 'string' || id.length === 0) return { ok: false, field: 'id', reason: 'missing or not a string' };
  if (typeof schema !== 'string') return { ok: false, field: 'schema', reason: 'missing or not a string' };
  const schemaDef = schemaInfo(schema);
  if (schemaDef === undefined) return { ok: false, field: 'schema', reason: `unknown FtM schema "${schema}"` };
  if (schemaDef.abstract) return { ok: false, field: 'schema', reason: `FtM schema "${schema}" is abstract` };
  const props: Record<string, string[]> = {};
  if (properties !== undefined) {
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
      return { ok: false, field: 'properties', reason: 'expected an object' };
    }
    for (const [prop, values] of Object.entries(properties)) {
      if (!schemaDef.propertyTypes.has(prop)) {
        return { ok: false, field: `properties.${prop}`, reason: `not a property of FtM schema ${schema}` };
      }
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
        return { ok: false, field: `properties.${prop}`, reason: 'expected an array of strings' };
      }
      if ((values as string[]).some((v) => v.includes('\u0000'))) {
        return { ok: false, field: `properties.${prop}`, reason: 'contains a NUL character' };
      }
      const kept = (values as string[]).map((v) => v.trim()).filter((v) => v.length > 0);
      if (kept.length > 0) props[prop] = [...new Set(kept)];
    }
  }
  return { ok: true, entity: { id, schema, properties: props } };
}

/** The FtM type name of a property (e.g. "entity" for Ownership.owner). */
export function propertyType(schema: string, prop: string): string {
  const type = knownSchema(schema).propertyTypes.get(prop);
  if (type === undefined) throw new Error(`"${prop}" is not a property of FtM schema ${schema}`);
  return type;
}

/** Flattens an entity into statements, the store's unit of provenance. */
export function entityStatements(entity: Entity): Statement[] {
  const statements: Statement[] = [];
  for (const [prop, values] of Object.entries(entity.properties)) {
    const type = propertyType(entity.schema, prop);
    for (const value of values) {
      statements.push({ entityId: entity.id, schema: entity.schema, prop, propType: type, value });
    }
  }
  return statements;
}

/** A human label: the first name-like property FtM's schema declares as caption. */
export function entityCaption(entity: Entity): string {
  const schemaDef = knownSchema(entity.schema);
  for (const prop of schemaDef.caption) {
    const value = entity.properties[prop]?.[0];
    if (value !== undefined) return value;
  }
  return schemaDef.label;
}

/**
 * How specialised a schema is (its number of ancestors). When an id is stored under two
 * schemata (a party first seen as LegalEntity, later as Company) the deeper one wins; both
 * store adapters compare this number in SQL.
 */
export function schemaDepth(schema: string): number {
  return knownSchema(schema).depth;
}
