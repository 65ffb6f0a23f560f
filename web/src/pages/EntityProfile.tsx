import { useState, type ReactNode } from 'react';
import { api, query } from '../api.js';
import { EntityName } from '../components/EntityName.js';
import { Timeline } from '../components/Timeline.js';
import { useLoad } from '../lib/use-load.js';
import { Link, navigate } from '../router.js';
import { useUser } from '../session.js';
import { atLeast, type Case, type Entity, type EntityProfile as Profile, type Page, type Statement } from '../types.js';

interface EntityLink {
  fromId: string;
  fromSchema: string;
  prop: string;
  toId: string;
}

const NAME_PROPS = new Set(['name', 'alias', 'weakAlias', 'previousName', 'firstName', 'lastName']);

/** Statements grouped for the profile: names, identifiers, addresses and everything else. */
function group(statements: Statement[]): Record<'names' | 'identifiers' | 'addresses' | 'other', Statement[]> {
  const out = {
    names: [] as Statement[],
    identifiers: [] as Statement[],
    addresses: [] as Statement[],
    other: [] as Statement[],
  };
  for (const s of statements) {
    const type = String(s['propType'] ?? '');
    if (NAME_PROPS.has(s.prop) || type === 'name') out.names.push(s);
    else if (type === 'identifier' || ['email', 'phone', 'website'].includes(s.prop)) out.identifiers.push(s);
    else if (type === 'address' || s.prop === 'address') out.addresses.push(s);
    else if (type !== 'entity') out.other.push(s);
  }
  return out;
}

function Source({ s }: { s: Statement }): ReactNode {
  const p = s.provenance;
  const file = typeof p['sourceFile'] === 'string' ? String(p['sourceFile']).split('/').pop() : (p.file ?? '');
  const line = p['sourceLine'] ?? p.line;
  return (
    <small className="source" title={JSON.stringify(p)}>
      {p.dataset}
      {file ? ` · ${file}${line !== undefined ? `:${String(line)}` : ''}` : ''}
    </small>
  );
}

function StatementTable({ rows, testId }: { rows: Statement[]; testId?: string }): ReactNode {
  if (rows.length === 0) return <p className="empty">None recorded.</p>;
  return (
    <table data-testid={testId}>
      <tbody>
        {rows.map((s, i) => (
          <tr key={`${s.prop}-${s.value}-${i}`}>
            <th>{s.prop}</th>
            <td>{s.value}</td>
            <td>
              <Source s={s} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Accounts held by the entity: BankAccounts linked directly or through an Ownership. */
async function accountsOf(id: string, links: EntityLink[]): Promise<string[]> {
  const others = [...new Set(links.map((l) => (l.fromId === id ? l.toId : l.fromId)))].slice(0, 25);
  const neighbours = await Promise.all(others.map((o) => api.get<Profile>(`/api/entities/${encodeURIComponent(o)}`)));
  const accounts: Entity[] = [];
  for (const n of neighbours) {
    if (n.entity.schema === 'BankAccount') accounts.push(n.entity);
    else if (n.entity.schema === 'Ownership')
      for (const asset of n.entity.properties['asset'] ?? [])
        if (asset !== id) {
          const a = await api.get<Profile>(`/api/entities/${encodeURIComponent(asset)}`);
          if (a.entity.schema === 'BankAccount') accounts.push(a.entity);
        }
  }
  return [...new Set(accounts.flatMap((a) => [...(a.properties['accountNumber'] ?? []), ...(a.properties['iban'] ?? [])]))];
}

export function EntityProfile({ id }: { id: string }): ReactNode {
  const user = useUser();
  const profile = useLoad(() => api.get<Profile>(`/api/entities/${encodeURIComponent(id)}`), id);
  const [notice, setNotice] = useState<string | null>(null);
  const accounts = useLoad(
    () => (profile.data ? accountsOf(id, profile.data.links as EntityLink[]) : Promise.resolve([])),
    `${id}/${profile.data ? 'ready' : 'wait'}`,
  );

  if (profile.error) return <p className="error">{profile.error}</p>;
  if (!profile.data) return <p className="empty">Loading…</p>;
  const { entity, statements, datasets, alerts, cases } = profile.data;
  const links = profile.data.links as EntityLink[];
  const groups = group(statements);
  const name = entity.properties['name']?.[0] ?? entity.id;

  const openCase = async (): Promise<void> => {
    try {
      const created = await api.post<Case>('/api/cases', { title: `Investigation: ${name}`.slice(0, 200), entityIds: [id] });
      navigate(`/cases/${created.id}`);
    } catch (err) {
      setNotice(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <article className="profile">
      <h1 data-testid="entity-name">{name}</h1>
      <p>
        <span className="chip">{entity.schema}</span>{' '}
        {datasets.map((d) => (
          <span key={d} className="chip muted">
            {d}
          </span>
        ))}{' '}
        <code>{entity.id}</code>
      </p>
      <div className="actions">
        <Link to={`/network?entity=${encodeURIComponent(id)}`}>Open in network explorer</Link>
        {atLeast(user.role, 'analyst') && (
          <>
            <button type="button" onClick={() => void openCase()}>
              Open a case on this entity
            </button>
            <AddEntityToCase entityId={id} onDone={setNotice} />
          </>
        )}
      </div>
      {notice && <p className="notice">{notice}</p>}
      <div className="columns">
        <section>
          <h3>Names and aliases</h3>
          <StatementTable rows={groups.names} testId="entity-names" />
          <h3>Identifiers</h3>
          <StatementTable rows={groups.identifiers} />
          <h3>Addresses</h3>
          <StatementTable rows={groups.addresses} />
          <h3>Other facts</h3>
          <StatementTable rows={groups.other} />
        </section>
        <section>
          <h3>Links ({links.length})</h3>
          <ul className="links">
            {links.map((l, i) => {
              const other = l.fromId === id ? l.toId : l.fromId;
              return (
                <li key={`${l.fromId}-${l.prop}-${l.toId}-${i}`}>
                  {l.fromId === id ? `${l.prop} →` : `← ${l.fromSchema}.${l.prop}`} <EntityName id={other} />
                </li>
              );
            })}
          </ul>
          <h3>Alerts ({alerts.length})</h3>
          <ul className="links">
            {alerts.map((a) => (
              <li key={a.id}>
                <span className={`level ${a.level}`}>{a.score}</span> {a.detectorId}: {a.reasons[0]?.text.slice(0, 120)}
              </li>
            ))}
          </ul>
          <h3>Cases ({cases.length})</h3>
          <ul className="links">
            {cases.map((c) => (
              <li key={c.id}>
                <Link to={`/cases/${c.id}`}>{c.title}</Link> · {c.status}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <h3>Timeline of shipments and payments</h3>
      <Timeline names={entity.properties['name'] ?? []} accounts={accounts.data ?? []} />
    </article>
  );
}

function AddEntityToCase({ entityId, onDone }: { entityId: string; onDone: (message: string) => void }): ReactNode {
  const cases = useLoad(() => api.get<Page<Case>>(`/api/cases${query({ limit: 100 })}`), 'cases');
  const open = (cases.data?.items ?? []).filter((c) => c.status === 'open' || c.status === 'investigating');
  if (open.length === 0) return null;
  return (
    <select
      aria-label="add to case"
      value=""
      onChange={(e) => {
        const caseId = e.target.value;
        if (caseId)
          api.post(`/api/cases/${caseId}/entities`, { entityId, role: 'subject' }).then(
            () => onDone('linked to the case'),
            (err: unknown) => onDone(err instanceof Error ? err.message : String(err)),
          );
      }}
    >
      <option value="">Add to case…</option>
      {open.map((c) => (
        <option key={c.id} value={c.id}>
          {c.title}
        </option>
      ))}
    </select>
  );
}
