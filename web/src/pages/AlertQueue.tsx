import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, query } from '../api.js';
import { Reasons } from '../components/Evidence.js';
import { Subject } from '../components/Subject.js';
import { day, short } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';
import { Link, navigate } from '../router.js';
import { useUser } from '../session.js';
import { atLeast, LEVELS, STATUSES, type Alert, type Case, type Page } from '../types.js';

interface Filters {
  detectorId: string;
  level: string;
  status: string;
  assigneeId: string;
}

const KNOWN_DETECTORS = ['trade-screening', 'transaction-monitoring', 'watchlist-screening', 'network'];

/**
 * The alert queue: filters, a list, and the selected alert with its reasons and evidence.
 * Keys: j/k next/previous, a assign to me, d dismiss (asks the reason), e escalate to a new case.
 */
export function AlertQueue(): ReactNode {
  const user = useUser();
  const canTriage = atLeast(user.role, 'analyst');
  const [filters, setFilters] = useState<Filters>({ detectorId: '', level: '', status: 'open', assigneeId: '' });
  const [selected, setSelected] = useState(0);
  const [dismissing, setDismissing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const list = useLoad(
    () => api.get<Page<Alert>>(`/api/alerts${query({ ...filters, sort: '-score', limit: 200 })}`),
    JSON.stringify(filters),
  );
  const alerts = list.data?.items ?? [];
  const alert = alerts[Math.min(selected, alerts.length - 1)];

  const act = async (what: string, run: () => Promise<unknown>): Promise<void> => {
    try {
      await run();
      setMessage(what);
      list.reload();
    } catch (err) {
      setMessage(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const assign = (a: Alert): Promise<void> =>
    act(`assigned ${short(a.id)} to you`, () => api.post(`/api/alerts/${a.id}/assign`, { assigneeId: user.id }));
  const dismiss = (a: Alert, reason: string): Promise<void> =>
    act(`dismissed ${short(a.id)}`, () => api.post(`/api/alerts/${a.id}/dismiss`, { reason }));
  const escalate = async (a: Alert): Promise<void> => {
    try {
      const answer = await api.post<{ alert: Alert; case?: Case }>(`/api/alerts/${a.id}/escalate`, {
        case: {
          title: `${a.detectorId}: ${a.subjectKind} ${short(a.subjectId)}`,
          description: (a.reasons[0]?.text ?? '').slice(0, 20_000),
        },
      });
      const caseId = answer.case?.id ?? answer.alert.caseId;
      if (caseId) navigate(`/cases/${caseId}`);
      else list.reload();
    } catch (err) {
      setMessage(`escalation failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  // Keyboard shortcuts, ignored while typing in a field.
  const keys = useRef({ alert, alerts, canTriage });
  keys.current = { alert, alerts, canTriage };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || e.ctrlKey || e.metaKey || e.altKey) return;
      const { alert: a, alerts: all, canTriage: may } = keys.current;
      if (e.key === 'j') setSelected((i) => Math.min(i + 1, all.length - 1));
      else if (e.key === 'k') setSelected((i) => Math.max(i - 1, 0));
      else if (e.key === 'a' && a && may) void assign(a);
      else if (e.key === 'd' && a && may) setDismissing(true);
      else if (e.key === 'e' && a && may) void escalate(a);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    document.querySelector('.queue li.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const setFilter = (key: keyof Filters, value: string): void => {
    setFilters((f) => ({ ...f, [key]: value }));
    setSelected(0);
  };

  return (
    <div className="split">
      <section className="queue">
        <h2>
          Alerts <small data-testid="alert-total">{list.data?.total ?? '…'}</small>
        </h2>
        <div className="filters">
          <select aria-label="detector" value={filters.detectorId} onChange={(e) => setFilter('detectorId', e.target.value)}>
            <option value="">all detectors</option>
            {KNOWN_DETECTORS.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <select aria-label="level" value={filters.level} onChange={(e) => setFilter('level', e.target.value)}>
            <option value="">all levels</option>
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
          <select aria-label="status" value={filters.status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">any status</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <label>
            <input
              type="checkbox"
              aria-label="assigned to me"
              checked={filters.assigneeId !== ''}
              onChange={(e) => {
                // Alerts assigned to me are no longer "open": show them whatever their status.
                const mine = e.target.checked;
                setFilters((f) => ({ ...f, assigneeId: mine ? user.id : '', status: mine ? '' : f.status }));
                setSelected(0);
              }}
            />{' '}
            mine
          </label>
        </div>
        <p className="hint">j/k move · a assign to me · d dismiss · e escalate to a case</p>
        {list.error && <p className="error">{list.error}</p>}
        <ul data-testid="alert-list">
          {alerts.map((a, i) => (
            <li key={a.id} className={a === alert ? 'selected' : ''} onClick={() => setSelected(i)} data-alert-id={a.id}>
              <span className={`level ${a.level}`}>{a.score}</span>
              <span className="grow">
                <strong>{a.detectorId}</strong> · {a.subjectKind} {short(a.subjectId)}
                <br />
                <small>{a.reasons[0]?.text.slice(0, 110)}</small>
              </span>
              <span className={`status ${a.status}`}>{a.status}</span>
            </li>
          ))}
          {!list.loading && alerts.length === 0 && <li className="empty">No alerts match.</li>}
        </ul>
      </section>
      <section className="detail" data-testid="alert-detail">
        {message && (
          <p className="notice" data-testid="notice">
            {message}
          </p>
        )}
        {alert ? (
          <>
            <h2>
              <span className={`level ${alert.level}`}>{alert.level}</span> {alert.detectorId} · score {alert.score}
            </h2>
            <p>
              Raised {day(alert.createdAt)} · status <strong data-testid="alert-status">{alert.status}</strong>
              {alert.assigneeId && <> · assigned {alert.assigneeId === user.id ? 'to you' : short(alert.assigneeId)}</>}
              {alert.reason && <> · dismissed: {alert.reason}</>}
              {alert.caseId && (
                <>
                  {' '}
                  · case <Link to={`/cases/${alert.caseId}`}>{short(alert.caseId)}</Link>
                </>
              )}
            </p>
            {canTriage && (
              <div className="actions">
                <button type="button" onClick={() => void assign(alert)}>
                  Assign to me (a)
                </button>
                <button type="button" onClick={() => setDismissing(true)}>
                  Dismiss… (d)
                </button>
                <button type="button" onClick={() => void escalate(alert)}>
                  Escalate to new case (e)
                </button>
                <AddToCase alert={alert} onDone={list.reload} />
              </div>
            )}
            {dismissing && (
              <DismissForm
                onCancel={() => setDismissing(false)}
                onSubmit={(reason) => {
                  setDismissing(false);
                  void dismiss(alert, reason);
                }}
              />
            )}
            <h3>Subject</h3>
            <Subject alert={alert} />
            <h3>Reasons and evidence</h3>
            <Reasons reasons={alert.reasons} />
          </>
        ) : (
          <p className="empty">Select an alert.</p>
        )}
      </section>
    </div>
  );
}

function DismissForm({ onSubmit, onCancel }: { onSubmit: (reason: string) => void; onCancel: () => void }): ReactNode {
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (reason.trim().length >= 3) onSubmit(reason.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input
        autoFocus
        aria-label="dismissal reason"
        placeholder="Why is this not suspicious? (3+ characters)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      />
      <button type="submit" disabled={reason.trim().length < 3}>
        Dismiss
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

/** Escalate into an existing case the analyst can see. */
function AddToCase({ alert, onDone }: { alert: Alert; onDone: () => void }): ReactNode {
  const cases = useLoad(() => api.get<Page<Case>>('/api/cases?limit=100'), 'cases');
  const open = (cases.data?.items ?? []).filter((c) => c.status === 'open' || c.status === 'investigating');
  if (open.length === 0) return null;
  return (
    <select
      aria-label="escalate into case"
      value=""
      onChange={(e) => {
        const caseId = e.target.value;
        if (caseId)
          void api.post(`/api/alerts/${alert.id}/escalate`, { caseId }).then(onDone, (err: unknown) => console.warn(err));
      }}
    >
      <option value="">Escalate into case…</option>
      {open.map((c) => (
        <option key={c.id} value={c.id}>
          {c.title}
        </option>
      ))}
    </select>
  );
}
