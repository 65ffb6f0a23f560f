import type { SdnEntry } from '../export/index.js';
import { makeParty, partyId } from './population.js';
import type { Party } from './records.js';
import { streamRng, type Rng } from './rng.js';
import type { World } from './world.js';

/**
 * A sanctions list in OFAC's SDN layout holding some of the world's illicit actors, spelled as
 * designations spell them (entities in capitals, individuals "FAMILY, Given"), with their front
 * companies as aliases and OFAC-style remarks; plus designations of actors outside the simulated
 * networks, so that a list hit is evidence, not proof of a planted scheme.
 */
const PROGRAM = 'ILLICIT-DRUGS-EO14059';

function designatedName(p: Party): string {
  if (p.schema === 'Company') return p.name.toUpperCase();
  const [first = '', ...rest] = p.name.split(' ');
  return p.country === 'CN' ? `${first.toUpperCase()}, ${rest.join(' ')}` : `${rest.join(' ').toUpperCase()}, ${first}`;
}

function entry(entNum: number, p: Party, extra: { aliases?: readonly Party[]; linkedTo?: Party; rng: Rng }): SdnEntry {
  const country = { CN: 'China', HK: 'China', MX: 'Mexico', US: 'United States', GT: 'Guatemala' }[p.country] ?? p.country;
  const remarks = [
    p.schema === 'Person'
      ? `DOB ${extra.rng.int(1, 28)} ${extra.rng.pick(['Jan', 'Mar', 'Jun', 'Sep', 'Nov'])} ${extra.rng.int(1965, 1995)}; nationality ${country}`
      : `Address ${p.address}`,
    `Phone ${p.phone}`,
    `Email Address ${p.email}`,
    ...(extra.linkedTo === undefined ? [] : [`Linked To: ${designatedName(extra.linkedTo)}.`]),
  ].join('; ');
  return {
    entNum,
    name: designatedName(p),
    type: p.schema === 'Person' ? 'individual' : '',
    programs: [PROGRAM],
    remarks,
    aliases: (extra.aliases ?? []).map((a) => ({ name: designatedName(a), type: 'aka' as const })),
  };
}

export function watchlistEntries(world: World): SdnEntry[] {
  const rng = streamRng(world.seed, 'watchlist');
  const designate: ((entNum: number) => SdnEntry)[] = [];
  for (const n of world.networks) {
    if (rng.chance(0.6)) {
      const aliases = n.fronts.slice(0, rng.int(1, n.fronts.length));
      designate.push((k) => entry(k, n.supplier, { aliases, rng }));
      if (rng.chance(0.7)) designate.push((k) => entry(k, n.representative, { linkedTo: n.supplier, rng }));
    }
    if (rng.chance(0.3)) designate.push((k) => entry(k, n.broker, { rng }));
    if (rng.chance(0.3)) designate.push((k) => entry(k, n.cmlnBroker, { rng }));
  }
  // Designations outside the simulated networks, so that a list hit is evidence, not proof.
  const others = 10 + world.networks.length * 2;
  for (let i = 0; i < others; i++) {
    const country = rng.pick(['CN', 'MX', 'MX', 'CN', 'HK', 'GT']);
    const schema = rng.chance(0.5) ? 'Person' : 'Company';
    const party = makeParty(rng, { id: partyId(world.seed, 'designation', i), schema, country });
    designate.push((k) => entry(k, party, { rng }));
  }
  // Shuffled, so that list order and entity numbers say nothing about who is in a network.
  for (let i = designate.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [designate[i], designate[j]] = [designate[j] as (typeof designate)[number], designate[i] as (typeof designate)[number]];
  }
  const first = 41_000 + rng.int(0, 900);
  return designate.map((make, i) => make(first + i));
}
