import type { Page, Shipment } from '../types.js';

export interface Flow {
  from: string;
  to: string;
  count: number;
  valueUsd: number;
}

/** Shipments summed by origin → destination country, busiest first. */
export function flowsOf(shipments: readonly Pick<Shipment, 'originCountry' | 'consigneeCountry' | 'declaredValueUsd'>[]): Flow[] {
  const byRoute = new Map<string, Flow>();
  for (const s of shipments) {
    const from = s.originCountry ?? '?';
    const to = s.consigneeCountry ?? '?';
    const key = `${from}>${to}`;
    const flow = byRoute.get(key) ?? { from, to, count: 0, valueUsd: 0 };
    flow.count++;
    flow.valueUsd += s.declaredValueUsd ?? 0;
    byRoute.set(key, flow);
  }
  return [...byRoute.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Every shipment's route, page by page (500 at a time), up to `max` shipments. */
export async function loadFlows(get: <T>(url: string) => Promise<T>, max = 5000): Promise<{ flows: Flow[]; shipments: number }> {
  const all: Shipment[] = [];
  let offset: number | null = 0;
  while (offset !== null && all.length < max) {
    const page: Page<Shipment> = await get<Page<Shipment>>(`/api/shipments?limit=500&offset=${offset}`);
    all.push(...page.items);
    offset = page.nextOffset;
  }
  return { flows: flowsOf(all), shipments: all.length };
}
