import type { ReactNode } from 'react';
import { api } from '../api.js';
import { day, usd, when } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';
import { Link } from '../router.js';
import { EntityName } from './EntityName.js';
import type { Alert, Shipment, Transaction } from '../types.js';

type ShipmentDetail = Shipment & Record<string, unknown>;

/** A party of a shipment: its resolved entity when there is one. */
function Party({ name, entityId, country }: { name: unknown; entityId: unknown; country: unknown }): ReactNode {
  if (typeof name !== 'string') return <>—</>;
  const label = `${name}${typeof country === 'string' ? ` (${country})` : ''}`;
  return typeof entityId === 'string' ? (
    <Link to={`/entities/${encodeURIComponent(entityId)}`} className="entity-link">
      {label}
    </Link>
  ) : (
    <>{label}</>
  );
}

export function ShipmentCard({ s }: { s: ShipmentDetail }): ReactNode {
  const route = [s.originCountry, ...(s.transitCountries ?? []), s.consigneeCountry, s['finalRecipientCountry']]
    .filter((c): c is string => typeof c === 'string')
    .join(' → ');
  return (
    <dl className="facts">
      <dt>Shipment</dt>
      <dd>
        {String(s['sourceId'] ?? s.id)} · {day(s.arrivalDate)} · {String(s.mode ?? '')} · {route}
      </dd>
      <dt>Shipper</dt>
      <dd>
        <Party name={s.shipperName} entityId={s['shipperEntityId']} country={s['shipperCountry']} />
      </dd>
      <dt>Consignee</dt>
      <dd>
        <Party name={s.consigneeName} entityId={s['consigneeEntityId']} country={s.consigneeCountry} />
      </dd>
      <dt>Final recipient</dt>
      <dd>
        <Party name={s['finalRecipientName']} entityId={s['finalRecipientEntityId']} country={s['finalRecipientCountry']} />
      </dd>
      <dt>Goods</dt>
      <dd>
        HS {s.hsCode ?? '—'} · {s.description ?? '—'} · {s.grossWeightKg ?? '—'} kg · {usd(s.declaredValueUsd)}
      </dd>
    </dl>
  );
}

export function TransactionCard({ t }: { t: Transaction & Record<string, unknown> }): ReactNode {
  return (
    <dl className="facts">
      <dt>Payment</dt>
      <dd>
        {when((t.ts ?? t['timestamp']) as string | number)} · {t.amount} {t.currency} ({usd(t.amountUsd)}) · {t.channel ?? '—'}
      </dd>
      <dt>From</dt>
      <dd>
        {t.debtorName ?? '—'} · <code>{t.debtorAccount ?? '—'}</code>
      </dd>
      <dt>To</dt>
      <dd>
        {t.creditorName ?? '—'} · <code>{t.creditorAccount ?? '—'}</code>
      </dd>
    </dl>
  );
}

/** What the alert is about, fetched by its kind. */
export function Subject({ alert }: { alert: Alert }): ReactNode {
  const { data, error } = useLoad<ReactNode>(async () => {
    if (alert.subjectKind === 'shipment') {
      const d = await api.get<{ shipment: ShipmentDetail }>(`/api/shipments/${encodeURIComponent(alert.subjectId)}`);
      return <ShipmentCard s={d.shipment} />;
    }
    if (alert.subjectKind === 'transaction') {
      const d = await api.get<{ transaction: Transaction & Record<string, unknown> }>(
        `/api/transactions/${encodeURIComponent(alert.subjectId)}`,
      );
      return <TransactionCard t={d.transaction} />;
    }
    if (alert.subjectKind === 'entity')
      return (
        <p>
          Entity <EntityName id={alert.subjectId} className="entity-link" />
        </p>
      );
    return (
      <p>
        Entity{' '}
        <Link to={`/entities/${encodeURIComponent(alert.subjectId)}`} className="entity-link">
          {alert.subjectId}
        </Link>
      </p>
    );
    return (
      <p>
        Account <code>{alert.subjectId}</code>
      </p>
    );
  }, `${alert.subjectKind}/${alert.subjectId}`);
  if (error) return <p className="error">{error}</p>;
  return <div className="subject">{data ?? 'Loading…'}</div>;
}
