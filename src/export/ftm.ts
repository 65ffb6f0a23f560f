import type { Entity } from '../model/index.js';

/** Entities as an FtM stream: one JSON object per line, as OpenSanctions and Aleph read it. */
export async function* entitiesToFtm(entities: AsyncIterable<Entity>): AsyncGenerator<string> {
  for await (const e of entities) yield `${JSON.stringify({ id: e.id, schema: e.schema, properties: e.properties })}\n`;
}
