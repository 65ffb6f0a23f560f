import type { ReactNode } from 'react';
import { api, query } from '../api.js';
import { day, usd } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';
import { Link } from '../router.js';
import type { Page, Shipment, Transaction } from '../types.js';

interface Event {
  at: string;
  kind: 'shipment' | 'payment';
  id: string;
  text: string;
  amountUsd: number | null;
}

/** Shipments naming the entity as shipper or consignee, and payments through its accounts, by date. */
async function eventsOf(names: string[], accounts: string[]): Promise<Event[]> {
  const shipmentPages = await Promise.all(
    names
      .filter((n) => n.length >= 2)
      .slice(0, 3)
      .map((n) => api.get<Page<Shipment>>(`/api/shipments${query({ party: n.slice(0, 200), limit: 200 })}`)),
  );
  const paymentPages = await Promise.all(
    accounts.slice(0, 5).map((a) => api.get<Page<Transaction>>(`/api/transactions${query({ account: a, limit: 200 })}`)),
  );
  const events = new Map<string, Event>();
  for (const s of shipmentPages.flatMap((p) => p.items))
    events.set(s.id, {
      at: s.arrivalDate ?? '',
      kind: 'shipment',
      id: s.id,
      text: `${s.shipperName ?? '?'} (${s.originCountry ?? '?'}) → ${s.consigneeName ?? '?'} (${s.consigneeCountry ?? '?'}): ${s.description ?? ''}`,
      amountUsd: s.declaredValueUsd,
    });
  for (const t of paymentPages.flatMap((p) => p.items))
    events.set(t.id, {
      at: new Date(t.ts).toISOString(),
      kind: 'payment',
      id: t.id,
      text: `${t.debtorName ?? t.debtorAccount ?? '?'} → ${t.creditorName ?? t.creditorAccount ?? '?'} · ${t.amount} ${t.currency} · ${t.channel ?? ''}`,
      amountUsd: t.amountUsd,
    });
  return [...events.values()].sort((a, b) => a.at.localeCompare(b.at));
}

export function Timeline({ names, accounts }: { names: string[]; accounts: string[] }): ReactNode {
  const { data, error, loading } = useLoad(() => eventsOf(names, accounts), JSON.stringify([names, accounts]));
  if (error) return <p className="error">{error}</p>;
  if (loading && !data) return <p className="empty">Loading…</p>;
  if (!data || data.length === 0) return <p className="empty">No shipments or payments found for this entity.</p>;
  return (
    <table className="timeline" data-testid="timeline">
      <tbody>
        {data.map((e) => (
          <tr key={e.id}>
            <td>{day(e.at)}</td>
            <td>
              <span className={`chip ${e.kind}`}>{e.kind}</span>
            </td>
            <td>
              <Link to={`/records/${e.kind === 'shipment' ? 'shipment' : 'transaction'}/${e.id}`}>{e.text}</Link>
            </td>
            <td className="num">{usd(e.amountUsd)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
