import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import { EntityName } from '../components/EntityName.js';
import { SearchBox } from '../components/SearchBox.js';
import { dossierContext, dossierHtml, download, type ExportedCase } from '../lib/dossier.js';
import { short, when } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';
import { atLeast, type Alert, type Case, type CaseFile, type Role } from '../types.js';

/** The moves of src/cases/workflow.ts with their least role; the server checks them again. */
const MOVES: Record<Case['status'], Partial<Record<Case['status'], Role>>> = {
  open: { investigating: 'analyst', closed: 'analyst' },
  investigating: { referred: 'supervisor', closed: 'analyst', open: 'analyst' },
  referred: { closed: 'supervisor', investigating: 'supervisor' },
  closed: { investigating: 'supervisor' },
};
const EVIDENCE_KINDS = ['alert', 'shipment', 'transaction', 'entity', 'document', 'url'];

export function CaseWorkspace({ id }: { id: string }): ReactNode {
  const user = useUser();
  const canWork = atLeast(user.role, 'analyst');
  const file = useLoad(() => api.get<CaseFile>(`/api/cases/${encodeURIComponent(id)}`), id);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (what: string, step: () => Promise<unknown>): Promise<boolean> => {
    try {
      await step();
      setNotice(what);
      file.reload();
      return true;
    } catch (err) {
      // A 409 means someone else changed the case since we read it: reload and say so.
      if (err instanceof ApiError && err.status === 409) {
        setNotice('the case changed since you opened it; reloaded, please try again');
        file.reload();
      } else setNotice(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  };

  if (file.error) return <p className="error">{file.error}</p>;
  if (!file.data) return <p className="empty">Loading…</p>;
  const { case: c, notes, evidence, entities, timeline } = file.data;
  const moves = Object.entries(MOVES[c.status]).filter(([, least]) => atLeast(user.role, least!));

  const exportDossier = async (): Promise<void> => {
    try {
      const exported = await api.get<ExportedCase>(`/api/cases/${encodeURIComponent(id)}/export`);
      const context = await dossierContext(exported, user, api.get);
      download(`case-${c.id}.html`, dossierHtml(exported, context), 'text/html');
      setNotice('dossier exported');
    } catch (err) {
      setNotice(`export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const exportJson = async (): Promise<void> => {
    const exported = await api.get<ExportedCase>(`/api/cases/${encodeURIComponent(id)}/export`);
    download(`case-${c.id}.json`, JSON.stringify(exported, null, 2), 'application/json');
  };

  return (
    <article className="case">
      <h1 data-testid="case-title">{c.title}</h1>
      <p>
        Status <strong data-testid="case-status">{c.status}</strong> · priority {c.priority} · assignee{' '}
        {c.assigneeId === null ? '—' : c.assigneeId === user.id ? 'you' : short(c.assigneeId)}
        {c.team && <> · team {c.team}</>} · version {c.version}
      </p>
      {c.description && <p className="description">{c.description}</p>}
      <div className="actions">
        {canWork &&
          moves.map(([to]) => (
            <button
              key={to}
              type="button"
              onClick={() => void run(`moved to ${to}`, () => api.patch(`/api/cases/${id}`, { version: c.version, status: to }))}
            >
              Move to {to}
            </button>
          ))}
        {canWork && c.assigneeId !== user.id && (
          <button
            type="button"
            onClick={() =>
              void run('assigned to you', () => api.patch(`/api/cases/${id}`, { version: c.version, assigneeId: user.id }))
            }
          >
            Take the case
          </button>
        )}
        {canWork && (
          <>
            <button type="button" data-testid="export-dossier" onClick={() => void exportDossier()}>
              Export HTML dossier
            </button>
            <button type="button" onClick={() => void exportJson()}>
              Export JSON
            </button>
          </>
        )}
        <button type="button" onClick={() => window.print()}>
          Print / PDF
        </button>
      </div>
      {notice && (
        <p className="notice" data-testid="notice">
          {notice}
        </p>
      )}
      <div className="columns">
        <section>
          <h3>Notes ({notes.length})</h3>
          {canWork && <NoteForm onAdd={(body) => run('note added', () => api.post(`/api/cases/${id}/notes`, { body }))} />}
          <ul className="notes" data-testid="case-notes">
            {notes.map((n) => (
              <li key={n.id}>
                <small>
                  {n.authorId === user.id ? 'you' : short(n.authorId)} · {when(n.createdAt)}
                </small>
                <p>{n.body}</p>
              </li>
            ))}
          </ul>
          <h3>Evidence ({evidence.length})</h3>
          {canWork && (
            <EvidenceForm
              onAdd={(kind, ref, note) => run('evidence added', () => api.post(`/api/cases/${id}/evidence`, { kind, ref, note }))}
            />
          )}
          <table data-testid="case-evidence">
            <tbody>
              {evidence.map((e) => (
                <tr key={e.id}>
                  <td>{e.kind}</td>
                  <td>
                    <EvidenceTarget kind={e.kind} ref_={e.ref} />
                  </td>
                  <td>{e.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>Linked entities ({entities.length})</h3>
          {canWork && (
            <SearchBox
              placeholder="Link an entity: search by name"
              testId="link-entity"
              onPick={(hit) =>
                void run(`linked ${hit.name}`, () => api.post(`/api/cases/${id}/entities`, { entityId: hit.id, role: 'subject' }))
              }
            />
          )}
          <ul className="links" data-testid="case-entities">
            {entities.map((e) => (
              <li key={e.entityId}>
                <EntityName id={e.entityId} /> · {e.role}
              </li>
            ))}
          </ul>
          <h3>Timeline</h3>
          <ul className="links">
            {timeline.map((t) => (
              <li key={t.id}>
                <small>{when(t.at)}</small> {t.kind} <small>{JSON.stringify(t.detail).slice(0, 120)}</small>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </article>
  );
}

function NoteForm({ onAdd }: { onAdd: (body: string) => Promise<boolean> }): ReactNode {
  const [body, setBody] = useState('');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await onAdd(body.trim())) setBody('');
  };
  return (
    <form className="stack-form" onSubmit={(e) => void submit(e)}>
      <textarea aria-label="note" placeholder="Add a note" value={body} onChange={(e) => setBody(e.target.value)} rows={3} />
      <button type="submit" disabled={body.trim() === ''}>
        Add note
      </button>
    </form>
  );
}

function EvidenceForm({ onAdd }: { onAdd: (kind: string, ref: string, note: string) => Promise<boolean> }): ReactNode {
  const [kind, setKind] = useState('url');
  const [ref, setRef] = useState('');
  const [note, setNote] = useState('');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await onAdd(kind, ref.trim(), note.trim())) {
      setRef('');
      setNote('');
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <select aria-label="evidence kind" value={kind} onChange={(e) => setKind(e.target.value)}>
        {EVIDENCE_KINDS.map((k) => (
          <option key={k}>{k}</option>
        ))}
      </select>
      <input
        aria-label="evidence reference"
        placeholder="id, document or URL"
        value={ref}
        onChange={(e) => setRef(e.target.value)}
      />
      <input aria-label="evidence note" placeholder="note" value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={ref.trim() === ''}>
        Attach
      </button>
    </form>
  );
}

/** An evidence reference as a link to what it names. */
function EvidenceTarget({ kind, ref_ }: { kind: string; ref_: string }): ReactNode {
  const ref = encodeURIComponent(ref_);
  if (kind === 'entity') return <EntityName id={ref_} />;
  if (kind === 'shipment' || kind === 'transaction') return <Link to={`/records/${kind}/${ref}`}>{short(ref_)}</Link>;
  if (kind === 'alert') return <AlertSummary id={ref_} />;
  if (kind === 'url' && /^https?:\/\//.test(ref_))
    return (
      <a href={ref_} target="_blank" rel="noopener noreferrer">
        {ref_}
      </a>
    );
  return <>{ref_}</>;
}

function AlertSummary({ id }: { id: string }): ReactNode {
  const { data } = useLoad(() => api.get<Alert>(`/api/alerts/${encodeURIComponent(id)}`), id);
  if (!data) return <>{short(id)}</>;
  return (
    <span title={data.reasons.map((r) => r.text).join('\n')}>
      <span className={`level ${data.level}`}>{data.score}</span> {data.detectorId}: {data.reasons[0]?.text.slice(0, 100)}
    </span>
  );
}
