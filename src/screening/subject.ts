import { ftmModel, normaliseCountry, schemaInfo, type Entity } from '../model/index.js';
import { foldWords } from './fold.js';
import { parseIdentifier, type Identifier } from './identifiers.js';
import type { NameClass } from './prepare.js';

/**
 * What is compared: a query row or a listed entity reduced to names and facts. Countries are
 * ISO 3166-1 alpha-2 codes where recognisable, else folded text, so "CN" and "cn" agree.
 */
export interface MatchSubject {
  readonly id: string;
  readonly schema: string;
  readonly names: readonly string[];
  readonly countries: readonly string[];
  readonly nationalities: readonly string[];
  /** ISO dates, full or partial ("1971", "1971-01", "1971-01-22"). */
  readonly birthDates: readonly string[];
  readonly identifiers: readonly Identifier[];
}

/** Schemata a name screening query may name. */
export const QUERY_SCHEMATA = ['Person', 'Company', 'Organization', 'Vessel', 'LegalEntity'] as const;

export function nameClassOf(schema: string): NameClass {
  if (schema === 'Person') return 'person';
  if (schema === 'Vessel' || schema === 'Airplane') return 'vessel';
  if (schema === 'LegalEntity' || schemaInfo(schema) === undefined) return 'unknown';
  const s = ftmModel.getSchema(schema);
  return s.isA('Organization') ? 'organization' : s.isA('Person') ? 'person' : 'unknown';
}

/** Two schemata can name one thing when one is a kind of the other (a Company is a LegalEntity). */
export function schemataCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  if (schemaInfo(a) === undefined || schemaInfo(b) === undefined) return false;
  const sa = ftmModel.getSchema(a);
  const sb = ftmModel.getSchema(b);
  return sa.isA(sb) || sb.isA(sa);
}

export function normaliseCountryValue(value: string): string | undefined {
  const code = normaliseCountry(value);
  if (code !== undefined) return code;
  const folded = foldWords(value).join(' ');
  return folded.length > 0 ? folded : undefined;
}

const NAME_PROPS = ['name', 'alias', 'previousName', 'weakAlias', 'abbreviation'];
const COUNTRY_PROPS = ['country', 'jurisdiction', 'mainCountry', 'flag', 'birthCountry'];
const NATIONALITY_PROPS = ['nationality', 'citizenship'];
/** Identifier-typed properties that say nothing about who an entity is. */
const NOT_IDENTIFYING = new Set(['programId', 'wikidataId']);

const values = (entity: Entity, props: readonly string[]): string[] => props.flatMap((p) => entity.properties[p] ?? []);
const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** A listed FtM entity as a match subject: every name, alias and identifier it carries. */
export function subjectFromEntity(entity: Entity): MatchSubject {
  const info = schemaInfo(entity.schema);
  const identifiers: Identifier[] = [];
  if (info !== undefined)
    for (const [prop, type] of info.propertyTypes) {
      if (type !== 'identifier' || NOT_IDENTIFYING.has(prop)) continue;
      for (const v of entity.properties[prop] ?? []) {
        const id = parseIdentifier(v, prop === 'imoNumber' ? 'imo' : undefined);
        if (id !== undefined) identifiers.push(id);
      }
    }
  const countries = (props: readonly string[]): string[] =>
    unique(values(entity, props).flatMap((c) => normaliseCountryValue(c) ?? []));
  return {
    id: entity.id,
    schema: entity.schema,
    names: unique(values(entity, NAME_PROPS)),
    countries: countries(COUNTRY_PROPS),
    nationalities: countries(NATIONALITY_PROPS),
    birthDates: unique(entity.properties['birthDate'] ?? []),
    identifiers,
  };
}

/** Whether an entity carries names worth screening against (people, companies, vessels; not links). */
export function isScreenable(entity: Entity): boolean {
  if (entity.schema === 'Vessel' || entity.schema === 'Airplane') return true;
  if (schemaInfo(entity.schema) === undefined) return false;
  return ftmModel.getSchema(entity.schema).isA('LegalEntity') && values(entity, ['name']).length > 0;
}
