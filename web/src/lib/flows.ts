/** One route as the server aggregates it (`GET /api/routes`). */
export interface RouteRow {
  origin: string | null;
  transit: string[];
  destination: string | null;
  count: number;
  valueUsd: number;
}

export interface Flow {
  from: string;
  /** Transit countries in route order (empty: direct). */
  via: string[];
  to: string;
  count: number;
  valueUsd: number;
}

/** The countries a flow passes, origin first. */
export const stops = (f: Flow): string[] => [f.from, ...f.via, f.to];
export const routeLabel = (f: Flow): string => stops(f).join(' → ');

/** Routes as flows (unknown countries as "?"), busiest first, ties by route. */
export function flowsOf(routes: readonly RouteRow[]): Flow[] {
  return routes
    .map((r) => ({ from: r.origin ?? '?', via: r.transit, to: r.destination ?? '?', count: r.count, valueUsd: r.valueUsd }))
    .sort((a, b) => b.count - a.count || routeLabel(a).localeCompare(routeLabel(b)));
}

/** Every shipment's route, aggregated by the server. */
export async function loadFlows(get: <T>(url: string) => Promise<T>): Promise<{ flows: Flow[]; shipments: number }> {
  const answer = await get<{ shipments: number; routes: RouteRow[] }>('/api/routes?limit=500');
  return { flows: flowsOf(answer.routes), shipments: answer.shipments };
}
