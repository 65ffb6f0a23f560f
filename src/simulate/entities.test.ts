import { describe, expect, it } from 'vitest';
import { checkEntity } from '../model/index.js';
import { worldEntities } from './entities.js';
import { SCALES } from './scale.js';
import { watchlistEntries } from './watchlist.js';
import { buildWorld } from './world.js';

const world = buildWorld(8, { ...SCALES.tiny, schemesPerType: 6 });

describe('world entities', () => {
  it('are valid FtM and link every Ownership and Directorship to entities in the stream', () => {
    const all = [...worldEntities(world, 0.3)];
    const ids = new Set(all.map((e) => e.id));
    expect(ids.size).toBe(all.length);
    for (const e of all) {
      expect(checkEntity(e).ok, e.id).toBe(true);
      for (const prop of ['owner', 'asset', 'director', 'organization']) {
        for (const target of e.properties[prop] ?? []) expect(ids.has(target), `${e.schema}.${prop}`).toBe(true);
      }
    }
  });

  it('disclose more beneficial owners as transparency rises (none at 0, every company at 1)', () => {
    const owners = (t: number) =>
      [...worldEntities(world, t)].filter((e) => e.schema === 'Ownership' && e.properties['role']?.[0] === 'beneficial owner')
        .length;
    const companies = [...worldEntities(world, 0)].filter((e) => e.schema === 'Company').length;
    expect(owners(0)).toBe(0);
    expect(owners(0.3)).toBeGreaterThan(0);
    expect(owners(0.3)).toBeLessThan(owners(1));
    expect(owners(1)).toBe(companies);
  });

  it('front companies share the supplier phone and some its address or e-mail', () => {
    for (const n of world.networks) {
      for (const f of n.fronts) expect(f.phone).toBe(n.supplier.phone);
      expect(n.fronts.some((f) => f.address === n.supplier.address || f.email === n.supplier.email)).toBe(true);
      expect(n.lookalikes.map((l) => l.name)).not.toContain(n.supplier.name);
    }
  });
});

describe('watchlist', () => {
  it('designates some network actors as designations spell them, among others, in shuffled order', () => {
    const entries = watchlistEntries(world);
    const suppliers = new Set(world.networks.map((n) => n.supplier.name.toUpperCase()));
    const listed = entries.filter((e) => suppliers.has(e.name));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(entries.length / 2);
    for (const e of listed) expect(e.aliases?.length).toBeGreaterThan(0);
    for (const e of entries.filter((x) => x.type === 'individual')) expect(e.name).toMatch(/^[^,a-z]+, \S/u);
    expect(new Set(entries.map((e) => e.entNum)).size).toBe(entries.length);
    expect(entries.map((e) => e.entNum)).toEqual([...entries.map((e) => e.entNum)].sort((a, b) => a - b));
  });
});
