import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, query } from '../api.js';
import { useLoad } from '../lib/use-load.js';
import { useUser } from '../session.js';
import { atLeast } from '../types.js';

interface Job {
  id: string;
  kind: 'ingest' | 'analyze' | 'whatif';
  params: Record<string, unknown>;
  startedBy: string;
  startedAt: string;
  status: 'running' | 'succeeded' | 'failed';
  finishedAt: string | null;
  progress: { bytes: number; totalBytes: number; read: number; rejected: number } | null;
  result: unknown;
  log: string[];
}

interface IngestRun {
  id: string;
  dataset: string;
  sourceFile: string;
  format: string;
  startedAt: string;
  status: string;
  counts: { read: number; stored: number; unchanged: number; rejected: number };
}

interface Jobs {
  jobs: Job[];
  ingestRuns: IngestRun[];
  ingestFormats: { id: string; description: string }[];
}

const n = (x: number): string => x.toLocaleString('en-US');
const time = (iso: string | null): string => (iso === null ? '' : iso.replace('T', ' ').slice(0, 19));

/** What a job was asked, in a few words. */
function subject(job: Job): string {
  if (job.kind === 'ingest') return String(job.params['name'] ?? '');
  if (job.kind === 'whatif') return `${String(job.params['lever'])} = ${(job.params['values'] as string[]).join(', ')}`;
  return 'every detector';
}

function progress(job: Job): string {
  const p = job.progress;
  if (p === null) return job.status === 'running' ? 'starting…' : '';
  const share = p.totalBytes > 0 ? ` (${Math.round((100 * p.bytes) / p.totalBytes)}%)` : '';
  return `${n(p.read)} rows${share}, ${n(p.rejected)} rejected`;
}

/** Upload a file to ingest, or start an analyze (supervisors); both run as server jobs. */
function StartJobs({ formats, onStarted }: { formats: Jobs['ingestFormats']; onStarted: (job: Job) => void }): ReactNode {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [dataset, setDataset] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fail = (err: unknown): void => setError(err instanceof Error ? err.message : String(err));

  const upload = (event: FormEvent): void => {
    event.preventDefault();
    if (file === null) return;
    setError(null);
    // The server takes a bare file name: keep the characters it allows.
    const name = file.name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'upload';
    api
      .upload<Job>(`/api/jobs/ingest${query({ name, format, dataset })}`, file)
      .then(onStarted)
      .catch(fail);
  };
  return (
    <>
      <form onSubmit={upload} className="filters" data-testid="ingest-form">
        <label>
          File <input type="file" name="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          Format{' '}
          <select value={format} onChange={(e) => setFormat(e.target.value)} name="format">
            <option value="">detect from the content</option>
            {formats.map((f) => (
              <option key={f.id} value={f.id} title={f.description}>
                {f.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Dataset{' '}
          <input value={dataset} onChange={(e) => setDataset(e.target.value)} name="dataset" placeholder="file name" size={14} />
        </label>
        <button type="submit" disabled={file === null}>
          Upload and ingest
        </button>
        <button type="button" onClick={() => api.post<Job>('/api/jobs/analyze').then(onStarted).catch(fail)}>
          Run analyze
        </button>
      </form>
      {error && <p className="error">{error}</p>}
    </>
  );
}

/**
 * Background jobs of every server process (ingest, analyze, what-if) with their progress and
 * logs, and the store's ingest runs. The list refreshes itself while a job runs.
 */
export function JobsPage(): ReactNode {
  const user = useUser();
  const [tick, setTick] = useState(0);
  const jobs = useLoad(() => api.get<Jobs>('/api/jobs'), `jobs-${tick}`);
  const [selected, setSelected] = useState<string | null>(null);
  const running = jobs.data?.jobs.some((j) => j.status === 'running') ?? false;

  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setTick((t) => t + 1), 1000);
    return () => clearTimeout(timer);
  }, [running, jobs.data]);

  const shown = jobs.data?.jobs.find((j) => j.id === selected) ?? jobs.data?.jobs[0];
  return (
    <section>
      <h1>Jobs</h1>
      {atLeast(user.role, 'supervisor') && (
        <StartJobs
          formats={jobs.data?.ingestFormats ?? []}
          onStarted={(job) => {
            setSelected(job.id);
            setTick((t) => t + 1);
          }}
        />
      )}
      {jobs.error && <p className="error">{jobs.error}</p>}
      {jobs.data && jobs.data.jobs.length === 0 && <p className="empty">No jobs yet.</p>}
      {jobs.data && jobs.data.jobs.length > 0 && (
        <table data-testid="job-list">
          <thead>
            <tr>
              <th>Started</th>
              <th>Kind</th>
              <th>Of</th>
              <th>Status</th>
              <th>Progress</th>
              <th>Finished</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.jobs.map((job) => (
              <tr key={job.id} onClick={() => setSelected(job.id)} className={job.id === shown?.id ? 'selected' : ''}>
                <td>{time(job.startedAt)}</td>
                <td>{job.kind}</td>
                <td>{subject(job)}</td>
                <td>
                  <span className={`status ${job.status}`}>{job.status}</span>
                </td>
                <td>{progress(job)}</td>
                <td>{time(job.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && (
        <div data-testid="job-detail">
          <h2>
            {shown.kind} {subject(shown)}: {shown.status}
          </h2>
          {shown.log.length > 0 && (
            <pre className={shown.status === 'failed' ? 'error' : ''}>{shown.log.slice(-20).join('\n')}</pre>
          )}
          {shown.result !== null && <pre>{JSON.stringify(shown.result, null, 2).slice(0, 4000)}</pre>}
        </div>
      )}
      <h2>Ingest runs in the store</h2>
      <table data-testid="ingest-runs">
        <thead>
          <tr>
            <th>Started</th>
            <th>Dataset</th>
            <th>File</th>
            <th>Format</th>
            <th>Status</th>
            <th className="num">Read</th>
            <th className="num">Stored</th>
            <th className="num">Rejected</th>
          </tr>
        </thead>
        <tbody>
          {(jobs.data?.ingestRuns ?? []).map((r) => (
            <tr key={r.id}>
              <td>{time(r.startedAt)}</td>
              <td>{r.dataset}</td>
              <td>{r.sourceFile.split('/').pop()}</td>
              <td>{r.format}</td>
              <td>{r.status}</td>
              <td className="num">{n(r.counts.read)}</td>
              <td className="num">{n(r.counts.stored)}</td>
              <td className="num">{n(r.counts.rejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
