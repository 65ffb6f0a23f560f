import type { ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import { Reasons } from '../components/Evidence.js';
import { ShipmentCard, TransactionCard } from '../components/Subject.js';
import { useLoad } from '../lib/use-load.js';
import { navigate } from '../router.js';
import type { Alert, Shipment, Transaction } from '../types.js';

type Found =
  | { kind: 'shipment'; shipment: Shipment & Record<string, unknown>; alerts: Alert[] }
  | { kind: 'transaction'; transaction: Transaction & Record<string, unknown>; alerts: Alert[] }
  | { kind: 'none' };

async function tryGet<T>(url: string): Promise<T | undefined> {
  try {
    return await api.get<T>(url);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/**
 * A shipment or payment with its alerts. Evidence names records by id without their kind
 * (`/records/any/ID`), so this asks for an entity, a shipment, then a payment.
 */
async function find(kind: string, id: string): Promise<Found> {
  const ref = encodeURIComponent(id);
  if (kind === 'any' && (await tryGet(`/api/entities/${ref}`))) {
    navigate(`/entities/${ref}`);
    return { kind: 'none' };
  }
  if (kind === 'any' || kind === 'shipment') {
    const s = await tryGet<{ shipment: Shipment & Record<string, unknown>; alerts?: Alert[] }>(`/api/shipments/${ref}`);
    if (s) return { kind: 'shipment', shipment: s.shipment, alerts: s.alerts ?? [] };
  }
  if (kind === 'any' || kind === 'transaction') {
    const t = await tryGet<{ transaction: Transaction & Record<string, unknown>; alerts?: Alert[] }>(`/api/transactions/${ref}`);
    if (t) return { kind: 'transaction', transaction: t.transaction, alerts: t.alerts ?? [] };
  }
  return { kind: 'none' };
}

export function RecordView({ kind, id }: { kind: string; id: string }): ReactNode {
  const { data, error } = useLoad(() => find(kind, id), `${kind}/${id}`);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="empty">Loading…</p>;
  if (data.kind === 'none') return <p className="empty">No record {id}.</p>;
  return (
    <article>
      <h1>{data.kind === 'shipment' ? 'Shipment' : 'Payment'}</h1>
      {data.kind === 'shipment' ? <ShipmentCard s={data.shipment} /> : <TransactionCard t={data.transaction} />}
      <h3>Alerts ({data.alerts.length})</h3>
      {data.alerts.map((a) => (
        <section key={a.id}>
          <h4>
            <span className={`level ${a.level}`}>{a.score}</span> {a.detectorId}
          </h4>
          <Reasons reasons={a.reasons} />
        </section>
      ))}
    </article>
  );
}
