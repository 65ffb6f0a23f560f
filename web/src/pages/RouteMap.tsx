import { useMemo, useState, type ReactNode } from 'react';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { api } from '../api.js';
import { CENTROIDS } from '../lib/centroids.js';
import { loadFlows, routeLabel, stops } from '../lib/flows.js';
import { useLoad } from '../lib/use-load.js';

const WIDTH = 960;
const HEIGHT = 500;

// Bundled country shapes: the map works offline, with no tiles from the internet.
const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
const COUNTRIES = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;

/**
 * Shipment routes (origin → transit countries → destination) on an offline world map. Each leg is a great-circle
 * LineString that d3-geo cuts where it crosses the projection's edge, so routes over the date
 * line are drawn on both sides rather than across the whole map. "Centre on the Pacific" turns
 * the map so trans-Pacific routes stay in one piece.
 */
export function RouteMap(): ReactNode {
  const data = useLoad(() => loadFlows(api.get), 'flows');
  const [centre, setCentre] = useState<'atlantic' | 'pacific'>('pacific');
  const path = useMemo(() => {
    const projection = geoNaturalEarth1()
      .rotate([centre === 'pacific' ? -160 : 0, 0])
      .fitSize([WIDTH, HEIGHT], { type: 'Sphere' });
    return geoPath(projection);
  }, [centre]);
  const flows = data.data?.flows ?? [];
  const placed = flows.filter((f) => stops(f).every((c) => CENTROIDS[c]) && f.from !== f.to);
  const unplaced = flows.filter((f) => !stops(f).every((c) => CENTROIDS[c]));
  const max = Math.max(1, ...placed.map((f) => f.count));

  return (
    <section>
      <h1>Route map</h1>
      <p>
        {data.data ? `${data.data.shipments} shipments in ${flows.length} routes (origin → transit → destination)` : 'Loading…'} ·{' '}
        <label>
          centre on{' '}
          <select aria-label="map centre" value={centre} onChange={(e) => setCentre(e.target.value as 'atlantic' | 'pacific')}>
            <option value="pacific">the Pacific</option>
            <option value="atlantic">the Atlantic</option>
          </select>
        </label>
      </p>
      {data.error && <p className="error">{data.error}</p>}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="map" data-testid="route-map" role="img" aria-label="shipment flows">
        <path d={path({ type: 'Sphere' }) ?? ''} className="sphere" />
        {COUNTRIES.features.map((f: Feature<Geometry>, i) => (
          <path key={String(f.id ?? i)} d={path(f) ?? ''} className="country" />
        ))}
        {placed.map((f) => (
          <path
            key={routeLabel(f)}
            className="flow"
            strokeWidth={1 + 7 * Math.sqrt(f.count / max)}
            d={path({ type: 'LineString', coordinates: stops(f).map((c) => [...CENTROIDS[c]!]) }) ?? ''}
          >
            <title>{`${routeLabel(f)}: ${f.count} shipments, $${Math.round(f.valueUsd).toLocaleString('en-US')}`}</title>
          </path>
        ))}
      </svg>
      <table>
        <thead>
          <tr>
            <th>Route</th>
            <th className="num">Shipments</th>
            <th className="num">Declared USD</th>
          </tr>
        </thead>
        <tbody>
          {flows.slice(0, 15).map((f) => (
            <tr key={routeLabel(f)}>
              <td>{routeLabel(f)}</td>
              <td className="num">{f.count}</td>
              <td className="num">{Math.round(f.valueUsd).toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {unplaced.length > 0 && <p className="hint">Not on the map (no centre known): {unplaced.map(routeLabel).join(', ')}</p>}
    </section>
  );
}
