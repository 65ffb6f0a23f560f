import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../ingest/index.js';
import type { Alert } from '../model/index.js';
import { loadMatchingPolicy, parseMatchingPolicy } from '../screening/index.js';
import { simulate } from '../simulate/index.js';
import { SqliteStore } from '../store/index.js';
import { tempDir } from '../test-support/temp.js';
import { watchlistDetector, WATCHLIST_RULE_ID, type WatchlistMatchDetail } from './detector.js';
import { loadWatchlist } from './load.js';
import { readWatchlistFile } from './read.js';
import { storeWatchlistHook } from './trade-hook.js';

/** Name as a bag of words: "HUANG, Ying" and "Huang Ying" are one name. */
const key = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .sort()
    .join(' ');

describe('watchlist screening in analyze (simulated world)', () => {
  const t = tempDir('chokepoint-wl-detector-');
  let store: SqliteStore;
  let alerts: readonly Alert[];
  const world = join(t.dir, 'world');

  beforeAll(async () => {
    await simulate({ outDir: world, seed: 7, scale: 'tiny' });
    store = new SqliteStore(join(t.dir, 'store.db'));
    for (const f of ['shipments.csv', 'transactions.csv']) await ingestFile(store, { path: join(world, f) });
    expect(await watchlistDetector().detect(store)).toEqual([]); // no dataset yet: nothing to screen against
    await loadWatchlist(store, 'sim', [join(world, 'watchlist.csv')]);
    alerts = await watchlistDetector().detect(store);
  }, 120_000);
  afterAll(async () => {
    await store.close();
    t.cleanup();
  });

  it('alerts shipments whose parties carry a designated name or alias, leaving out only namesakes', async () => {
    const listed = new Map<string, string>();
    for await (const e of readWatchlistFile(join(world, 'watchlist.csv')))
      for (const n of [...(e.properties['name'] ?? []), ...(e.properties['alias'] ?? [])]) listed.set(key(n), e.id);
    const expected = new Set<string>();
    for await (const s of store.iterateShipments())
      for (const party of [s.shipperName, s.sellerName, s.consigneeName, s.finalRecipientName])
        if (party !== null && listed.has(key(party))) expected.add(s.id);
    expect(expected.size).toBeGreaterThan(0);
    // Without the namesake rule, every exact name is alerted unless its address differs from the listed one.
    const base = loadMatchingPolicy();
    const lenient = parseMatchingPolicy({ ...base.data, nameOnly: { ...base.data.nameOnly, maxNamesakes: 1_000_000 } });
    const all = await watchlistDetector({ policy: lenient }).detect(store);
    const alertedAll = new Set(all.filter((a) => a.subjectKind === 'shipment').map((a) => a.subjectId));
    expect([...expected].filter((id) => alertedAll.has(id)).length / expected.size).toBeGreaterThan(0.8);
    // The namesake rule only takes away uncorroborated hits: what remains is a subset.
    const alerted = new Set(alerts.filter((a) => a.subjectKind === 'shipment').map((a) => a.subjectId));
    for (const id of alerted) expect(alertedAll.has(id), id).toBe(true);
    const dropped = all.filter((a) => a.subjectKind === 'shipment' && !alerted.has(a.subjectId));
    for (const a of dropped)
      for (const r of a.reasons) expect((r as typeof r & { match: WatchlistMatchDetail }).match.corroborated).toBe(false);
  });

  it('hits planted records: shipments of the designated networks named in truth.csv', async () => {
    const truth = readFileSync(join(world, 'truth.csv'), 'utf8').split('\n').slice(1);
    const planted = new Set(truth.filter((l) => l.startsWith('shipment,')).map((l) => l.split(',')[1]));
    const alertedSources = new Set<string>();
    for (const a of alerts.filter((x) => x.subjectKind === 'shipment'))
      alertedSources.add((await store.getShipment(a.subjectId))?.sourceId ?? '');
    expect([...planted].filter((id) => alertedSources.has(id ?? '')).length).toBeGreaterThan(0);
  });

  it('carries the match as data in every reason: rule, dataset, listed entity, score, programme, explanation', () => {
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(a.detectorId).toBe('watchlist-screening');
      for (const r of a.reasons) {
        const match = (r as typeof r & { match: WatchlistMatchDetail }).match;
        expect(r.ruleId).toBe(WATCHLIST_RULE_ID);
        expect(match.dataset).toBe('sim');
        expect(r.evidence[0]).toBe(match.listedId);
        expect(match.programmes).toEqual(['ILLICIT-DRUGS-EO14059']);
        expect(match.score).toBeGreaterThanOrEqual(loadMatchingPolicy().data.threshold);
        expect(r.text).toContain(match.explanation);
        expect(match.explanation).toMatch(/^name \d\.\d\d /);
        // A person matched on the name alone is reported at the policy's lower weight, and says so.
        const nameOnly = match.support.startsWith('name-only');
        const factor = nameOnly ? loadMatchingPolicy().data.nameOnly.personAlertFactor : 1;
        expect(r.weight).toBe(Math.round(match.score * 100 * factor));
        expect(r.text.includes('name-only match on a person')).toBe(nameOnly);
      }
      expect(a.score).toBe(Math.max(...a.reasons.map((r) => r.weight)));
    }
    expect(alerts.some((a) => a.subjectKind === 'account')).toBe(true);
  });

  it('gives the same alert ids on a rerun (writing them again adds nothing)', async () => {
    const again = await watchlistDetector().detect(store);
    expect(again.map((a) => a.id).sort()).toEqual(alerts.map((a) => a.id).sort());
    expect(await store.writeAlerts(alerts)).toBe(alerts.length);
    expect(await store.writeAlerts(again)).toBe(0);
  });

  it('feeds the trade rules a hook that finds a designated party by its exact listed name', async () => {
    const hook = await storeWatchlistHook(store);
    const someone = alerts
      .flatMap((a) => a.reasons)
      .find((r) => (r as typeof r & { match: WatchlistMatchDetail }).match.score === 1);
    const detail = (someone as typeof someone & { match: WatchlistMatchDetail }).match;
    expect(hook?.(detail.partyName, null)).toMatchObject({ id: detail.listedId, list: 'sim' });
    expect(hook?.('Zyxwv Qutrop Holdings', null)).toBeUndefined();
  });

  it('given the party address, the hook leaves out a namesake whose address is not the listed one', async () => {
    const hook = await storeWatchlistHook(store);
    const listedAddress = new Map<string, string>();
    for await (const e of readWatchlistFile(join(world, 'watchlist.csv')))
      for (const a of e.properties['address'] ?? []) listedAddress.set(e.id, a);
    const firm = alerts
      .flatMap((a) => a.reasons)
      .map((r) => (r as typeof r & { match: WatchlistMatchDetail }).match)
      .find((d) => d.score === 1 && d.corroborated && listedAddress.has(d.listedId));
    expect(firm).toBeDefined();
    const d = firm as WatchlistMatchDetail;
    expect(hook?.(d.partyName, null, listedAddress.get(d.listedId))).toMatchObject({ id: d.listedId });
    expect(hook?.(d.partyName, null, 'Room 1, 2 Nowhere Road, Elsewhere 3')).toBeUndefined();
  });

  it('keeps name-only person hits away from the trade rules', async () => {
    const hook = await storeWatchlistHook(store);
    const details = alerts.flatMap((a) => a.reasons).map((r) => (r as typeof r & { match: WatchlistMatchDetail }).match);
    const people = details.filter((d) => d.support.startsWith('name-only'));
    expect(people.length).toBeGreaterThan(0);
    for (const d of people) expect(hook?.(d.partyName, null)?.id).not.toBe(d.listedId);
  });
});
