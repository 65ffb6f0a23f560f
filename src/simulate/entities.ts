import { contentId, type Entity } from '../model/index.js';
import { PARTY_KINDS, partyId, type PopulationSizes } from './population.js';
import type { Party } from './records.js';
import { streamRng } from './rng.js';
import type { Network, World } from './world.js';

/**
 * FollowTheMoney entities of the world: each party as a Company or Person with its Address and
 * BankAccount (linked by an "account holder" Ownership); directorships of the networks' legal
 * representatives; and beneficial owners for the share of companies the transparency lever
 * discloses. Generated lazily, one party at a time, so the entity file streams too.
 */
function props(values: Record<string, readonly (string | undefined)[] | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(values)) {
    const kept = (v ?? []).filter((x): x is string => x !== undefined && x.length > 0);
    if (kept.length > 0) out[k] = kept;
  }
  return out;
}

export function partyEntities(party: Party): Entity[] {
  const country = party.country.toLowerCase();
  const addressId = contentId('sim-address', party.id);
  const accountId = contentId('sim-account', party.account.number);
  return [
    {
      id: party.id,
      schema: party.schema,
      properties: {
        ...props({
          name: [party.name],
          country: [country],
          address: [party.address],
          addressEntity: [addressId],
          phone: [party.phone],
          email: [party.email],
        }),
        ...Object.fromEntries(Object.entries(party.extra ?? {}).map(([k, v]) => [k, [...v]])),
      },
    },
    { id: addressId, schema: 'Address', properties: props({ full: [party.address], city: [party.city], country: [country] }) },
    {
      id: accountId,
      schema: 'BankAccount',
      properties: props({
        accountNumber: [party.account.number],
        bankName: [party.account.bank],
        country: [party.account.country.toLowerCase()],
        currency: [party.account.currency],
      }),
    },
    {
      id: contentId('sim-holder', party.id, accountId),
      schema: 'Ownership',
      properties: props({ owner: [party.id], asset: [accountId], role: ['account holder'] }),
    },
  ];
}

function link(
  schema: 'Ownership' | 'Directorship',
  from: string,
  to: string,
  role: string,
  extra: Record<string, string[]> = {},
): Entity {
  const [a, b] = schema === 'Ownership' ? ['owner', 'asset'] : ['director', 'organization'];
  return { id: contentId('sim-link', schema, from, to), schema, properties: { [a]: [from], [b]: [to], role: [role], ...extra } };
}

/** A beneficial owner for a disclosed company: its own Person and an Ownership link. */
function beneficialOwner(seed: number, company: Party, transparency: number, owner?: Party): Entity[] {
  const rng = streamRng(seed, 'beneficial-owner', company.id);
  if (!rng.chance(transparency)) return [];
  if (owner !== undefined) return [link('Ownership', owner.id, company.id, 'beneficial owner', { percentage: ['100'] })];
  const person: Entity = {
    id: partyId(seed, 'beneficial-owner', company.id),
    schema: 'Person',
    properties: {
      name: [`${rng.pick(['A.', 'J.', 'M.', 'L.', 'W.', 'R.'])} ${company.name.split(' ')[0] ?? 'Owner'}`],
      country: [company.country.toLowerCase()],
    },
  };
  return [person, link('Ownership', person.id, company.id, 'beneficial owner', { percentage: [String(rng.int(25, 100))] })];
}

function networkParties(n: Network): Party[] {
  return [
    n.supplier,
    n.representative,
    ...n.fronts,
    n.broker,
    n.brokerFirm,
    ...Object.values(n.forwarders),
    n.reexporter,
    n.importer,
    n.cell,
    n.distributor,
    n.official,
    n.funnel,
    ...n.mules,
    n.cmlnBroker,
    n.cmlnChina,
    n.cmlnMexico,
    n.shell,
    ...n.lookalikes,
  ];
}

function* networkEntities(seed: number, n: Network, transparency: number): Generator<Entity> {
  for (const p of networkParties(n)) yield* partyEntities(p);
  for (const company of [n.supplier, ...n.fronts]) {
    yield link('Directorship', n.representative.id, company.id, 'legal representative');
    yield* beneficialOwner(seed, company, transparency, n.representative);
  }
  // A nominee owns the importer on paper; the cell controls it (disclosed only when transparent).
  yield* beneficialOwner(seed, n.importer, transparency, n.cell);
  yield* beneficialOwner(seed, n.shell, transparency, n.cell);
  // The broker directs its trading company and, when disclosed, owns it.
  yield link('Directorship', n.broker.id, n.brokerFirm.id, 'director');
  yield* beneficialOwner(seed, n.brokerFirm, transparency, n.broker);
  yield link('Directorship', n.cmlnBroker.id, n.cmlnMexico.id, 'director');
  yield* beneficialOwner(seed, n.cmlnMexico, transparency, n.cmlnBroker);
  for (const company of [...Object.values(n.forwarders), n.reexporter, ...n.lookalikes])
    yield* beneficialOwner(seed, company, transparency);
}

/**
 * Every entity of the world, in a deterministic order. The networks' entities are spread among
 * the background businesses (not first in the file, where their position would give them away).
 */
export function* worldEntities(world: World, transparency: number): Generator<Entity> {
  const sizes: PopulationSizes = world.population;
  const rng = streamRng(world.seed, 'entity-order');
  const slots = world.networks.map((n) => ({ n, at: rng.int(0, sizes.business - 1) })).sort((a, b) => a.at - b.at);
  let next = 0;
  for (const kind of PARTY_KINDS) {
    for (let i = 0; i < sizes[kind]; i++) {
      while (kind === 'business' && next < slots.length && (slots[next] as { at: number }).at === i) {
        yield* networkEntities(world.seed, (slots[next] as { n: Network }).n, transparency);
        next++;
      }
      const p = world.parties.party(kind, i);
      yield* partyEntities(p);
      if (p.schema === 'Company') yield* beneficialOwner(world.seed, p, transparency);
    }
  }
  for (; next < slots.length; next++) yield* networkEntities(world.seed, (slots[next] as { n: Network }).n, transparency);
}
