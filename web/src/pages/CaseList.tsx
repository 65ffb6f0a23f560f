import { useState, type FormEvent, type ReactNode } from 'react';
import { api, query } from '../api.js';
import { day } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';
import { Link, navigate } from '../router.js';
import { useUser } from '../session.js';
import { atLeast, type Case, type Page } from '../types.js';

export function CaseList(): ReactNode {
  const user = useUser();
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const cases = useLoad(
    () => api.get<Page<Case>>(`/api/cases${query({ status, q: q.trim() || undefined, limit: 200 })}`),
    `${status}/${q}`,
  );
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      const created = await api.post<Case>('/api/cases', { title: title.trim() });
      navigate(`/cases/${created.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section>
      <h1>Cases</h1>
      {atLeast(user.role, 'analyst') && (
        <form className="inline-form" onSubmit={(e) => void create(e)}>
          <input
            aria-label="new case title"
            placeholder="Title of a new case (3+ characters)"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <button type="submit" disabled={title.trim().length < 3}>
            Open case
          </button>
        </form>
      )}
      {error && <p className="error">{error}</p>}
      <div className="filters">
        <select aria-label="case status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">any status</option>
          {['open', 'investigating', 'referred', 'closed'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <input aria-label="search case titles" placeholder="title contains…" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <table data-testid="case-list">
        <thead>
          <tr>
            <th>Title</th>
            <th>Status</th>
            <th>Priority</th>
            <th>Team</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {(cases.data?.items ?? []).map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/cases/${c.id}`}>{c.title}</Link>
              </td>
              <td>{c.status}</td>
              <td>{c.priority}</td>
              <td>{c.team ?? '—'}</td>
              <td>{day(c.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
