import { schemaInfo, type Entity } from '../model/index.js';

/**
 * An entity being assembled from a list record. Values are trimmed and de-duplicated; a value
 * for a property the schema lacks goes to `fallback` when given (e.g. a registration number of a
 * Person becomes an idNumber), else to notes, so nothing the list says is dropped silently.
 */
export class EntityDraft {
  private readonly props = new Map<string, string[]>();
  private readonly types: ReadonlyMap<string, string>;

  constructor(
    readonly id: string,
    readonly schema: string,
  ) {
    const info = schemaInfo(schema);
    if (info === undefined || info.abstract) throw new Error(`watchlist entity ${id}: "${schema}" is not a concrete FtM schema`);
    this.types = info.propertyTypes;
  }

  has(prop: string): boolean {
    return this.types.has(prop);
  }

  add(prop: string, value: string | undefined | null, fallback?: string): void {
    const v = value?.replace(/\s+/g, ' ').trim();
    if (v === undefined || v.length === 0) return;
    if (!this.types.has(prop)) {
      if (fallback !== undefined && this.types.has(fallback)) this.add(fallback, v);
      else if (this.types.has('notes')) this.add('notes', `${prop}: ${v}`);
      return;
    }
    let list = this.props.get(prop);
    if (list === undefined) this.props.set(prop, (list = []));
    if (!list.includes(v)) list.push(v);
  }

  values(prop: string): readonly string[] {
    return this.props.get(prop) ?? [];
  }

  build(): Entity {
    return { id: this.id, schema: this.schema, properties: Object.fromEntries(this.props) };
  }
}
