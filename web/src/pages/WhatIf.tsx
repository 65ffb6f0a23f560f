import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api.js';
import { usd } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';

interface Options {
  scenarios: { name: string; description: string }[];
  levers: { name: string; meaning: string; source: string }[];
  scales: string[];
}

/** One compared setting, as `chokepoint whatif --json` prints it (means over seeds). */
interface Row {
  value: string;
  seeds: number;
  alerts: number;
  precision: number;
  recall: number;
  f1: number;
  schemesPlanted: number;
  schemesFound: number;
  kgPlanted: number;
  kgCaught: number;
  usdPlanted: number;
  usdCaught: number;
  alertsPerDay: number;
  budgetRecall: number;
}

interface Job {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  result: Row[] | null;
  log: string[];
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * The policy laboratory: vary one lever over a few values on simulated worlds and compare what
 * the detectors catch (the server runs `chokepoint whatif` as a job; this screen polls it).
 */
export function WhatIf(): ReactNode {
  const options = useLoad(() => api.get<Options>('/api/whatif/options'), 'whatif-options');
  const [scenario, setScenario] = useState('baseline');
  const [lever, setLever] = useState('lowValueThresholdUsd.CN');
  const [values, setValues] = useState('800,0');
  const [seeds, setSeeds] = useState(2);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (job === null || job.status !== 'running') return;
    const timer = setTimeout(() => {
      api
        .get<Job>(`/api/jobs/${job.id}`)
        .then(setJob)
        .catch((err: unknown) => setError(String(err)));
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);

  const run = (event: FormEvent): void => {
    event.preventDefault();
    setError(null);
    const body = { scenario, lever, values: values.split(',').map((v) => v.trim()), seeds };
    api
      .post<Job>('/api/jobs/whatif', body)
      .then(setJob)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };

  const leverDoc = options.data?.levers.find((l) => l.name === lever.split('.')[0]);
  return (
    <section>
      <h1>What-if</h1>
      <form onSubmit={run} className="filters" data-testid="whatif-form">
        <label>
          Scenario{' '}
          <select value={scenario} onChange={(e) => setScenario(e.target.value)}>
            {(options.data?.scenarios ?? []).map((s) => (
              <option key={s.name} value={s.name} title={s.description}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Lever <input value={lever} onChange={(e) => setLever(e.target.value)} list="levers" size={28} name="lever" />
          <datalist id="levers">
            {(options.data?.levers ?? []).map((l) => (
              <option key={l.name} value={l.name} />
            ))}
          </datalist>
        </label>
        <label>
          Values <input value={values} onChange={(e) => setValues(e.target.value)} size={16} name="values" />
        </label>
        <label>
          Seeds <input type="number" min={1} max={5} value={seeds} onChange={(e) => setSeeds(Number(e.target.value))} />
        </label>
        <button type="submit" disabled={job?.status === 'running'}>
          {job?.status === 'running' ? 'Running…' : 'Compare'}
        </button>
      </form>
      {leverDoc && (
        <p className="hint">
          {leverDoc.meaning}. Source: {leverDoc.source}
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {job?.status === 'failed' && <pre className="error">{job.log.slice(-10).join('\n')}</pre>}
      {job?.status === 'succeeded' && job.result && (
        <table data-testid="whatif-result">
          <thead>
            <tr>
              <th>{lever}</th>
              <th className="num">Alerts</th>
              <th className="num">Precision</th>
              <th className="num">Recall</th>
              <th className="num">F1</th>
              <th className="num">Schemes found</th>
              <th className="num">kg caught / planted</th>
              <th className="num">USD caught / planted</th>
              <th className="num">Recall within the daily review budget</th>
            </tr>
          </thead>
          <tbody>
            {job.result.map((r) => (
              <tr key={r.value}>
                <td>{r.value}</td>
                <td className="num">{Math.round(r.alerts)}</td>
                <td className="num">{pct(r.precision)}</td>
                <td className="num">{pct(r.recall)}</td>
                <td className="num">{pct(r.f1)}</td>
                <td className="num">
                  {r.schemesFound.toFixed(1)} / {r.schemesPlanted.toFixed(1)}
                </td>
                <td className="num">
                  {Math.round(r.kgCaught)} / {Math.round(r.kgPlanted)}
                </td>
                <td className="num">
                  {usd(r.usdCaught)} / {usd(r.usdPlanted)}
                </td>
                <td className="num">
                  {pct(r.budgetRecall)} ({Math.round(r.alertsPerDay)}/day)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
