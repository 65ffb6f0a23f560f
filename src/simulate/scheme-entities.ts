import type { Entity } from '../model/index.js';
import { partyEntities } from './entities.js';
import type { Party } from './records.js';
import type { Rng } from './rng.js';

/**
 * The world's entity stream with the parties that schemes added (shells, nominees, clients,
 * title companies) spread through it, each before a randomly chosen one of the first `slots`
 * Company or Person entities, so that their place in the file gives nothing away. Parties whose
 * slot the stream never reaches come at the end.
 */
export function* withSchemeParties(
  entities: Iterable<Entity>,
  parties: readonly Party[],
  rng: Rng,
  slots: number,
): Generator<Entity> {
  const placed = parties.map((party) => ({ party, at: rng.int(0, Math.max(0, slots - 1)) })).sort((a, b) => a.at - b.at);
  let next = 0;
  let seen = 0;
  for (const entity of entities) {
    if (entity.schema === 'Company' || entity.schema === 'Person') {
      while (next < placed.length && (placed[next] as { at: number }).at <= seen)
        yield* partyEntities((placed[next++] as { party: Party }).party);
      seen++;
    }
    yield entity;
  }
  for (; next < placed.length; next++) yield* partyEntities((placed[next] as { party: Party }).party);
}
