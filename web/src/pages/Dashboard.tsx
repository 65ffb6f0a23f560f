import { useMemo, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import { Chart } from '../components/Chart.js';
import { alertDay, crossCount } from '../lib/aggregate.js';
import { loadFlows, routeLabel } from '../lib/flows.js';
import { usd } from '../lib/format.js';
import type { NetNode } from '../lib/network-api.js';
import { useLoad } from '../lib/use-load.js';
import { Link } from '../router.js';
import { LEVELS, type Alert, type Page } from '../types.js';

const LEVEL_COLOURS: Record<string, string> = { low: '#8fb8de', medium: '#f2c14e', high: '#f08a4b', critical: '#d1495b' };
const MAX_ALERTS = 10_000;

interface ChokepointAnswer {
  chokepoints: {
    rank: number;
    node: NetNode;
    betweenness: number;
    throughput: number;
    riskyInflowUsd: number;
    riskyOutflowUsd: number;
    inMinCut: boolean;
  }[];
}

/** The server's evaluation against ground truth (`serve --truth`), as much of it as the dashboard draws. */
interface Evaluation {
  overall: { precision: number; recall: number; f1: number };
  byTypology: {
    typology: string;
    schemes: number;
    schemesFound: number;
    kgPlanted: number;
    kgCaught: number;
    usdPlanted: number;
    usdCaught: number;
  }[];
}

/** The evaluation, or null when the server has no ground truth (a real deployment). */
async function evaluation(): Promise<Evaluation | null> {
  try {
    return await api.get<Evaluation>('/api/evaluation');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Every alert the reader may see, page by page (the API gives at most 500 at a time). */
async function allAlerts(): Promise<{ items: Alert[]; total: number }> {
  const items: Alert[] = [];
  let offset: number | null = 0;
  let total = 0;
  while (offset !== null && items.length < MAX_ALERTS) {
    const page: Page<Alert> = await api.get<Page<Alert>>(`/api/alerts?limit=500&offset=${offset}&sort=-createdAt`);
    items.push(...page.items);
    total = page.total;
    offset = page.nextOffset;
  }
  return { items, total };
}

export function Dashboard(): ReactNode {
  const alerts = useLoad(allAlerts, 'all');
  const items = useMemo(() => alerts.data?.items ?? [], [alerts.data]);

  const byDetector = useMemo(() => {
    const x = crossCount(
      items,
      (a) => a.detectorId,
      (a) => a.level,
    );
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 160, right: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: x.keys },
      series: LEVELS.filter((l) => x.counts[l]).map((l) => ({
        name: l,
        type: 'bar',
        stack: 'level',
        itemStyle: { color: LEVEL_COLOURS[l] },
        data: x.keys.map((k) => x.counts[l]?.[k] ?? 0),
      })),
    };
  }, [items]);

  const byLevel = useMemo(() => {
    const counts = LEVELS.map((l) => ({
      name: l,
      value: items.filter((a) => a.level === l).length,
      itemStyle: { color: LEVEL_COLOURS[l] },
    }));
    return { tooltip: {}, series: [{ type: 'pie', radius: ['40%', '70%'], data: counts.filter((c) => c.value > 0) }] };
  }, [items]);

  const byDay = useMemo(() => {
    const x = crossCount(items, alertDay, (a) => a.detectorId);
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      xAxis: { type: 'category', data: x.keys },
      yAxis: { type: 'value' },
      series: x.series.map((s) => ({ name: s, type: 'bar', stack: 'detector', data: x.keys.map((k) => x.counts[s]?.[k] ?? 0) })),
    };
  }, [items]);

  const byStatus = useMemo(() => {
    const x = crossCount(
      items,
      (a) => a.status,
      () => 'alerts',
    );
    return {
      tooltip: {},
      xAxis: { type: 'category', data: x.keys },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: x.keys.map((k) => x.counts['alerts']?.[k] ?? 0) }],
    };
  }, [items]);

  // The server's chokepoint analysis; when it is unavailable, the network detector's ranked reasons.
  const network = useLoad(() => api.get<ChokepointAnswer>('/api/network/chokepoints?top=10'), 'chokepoints');
  const fromAlerts = useMemo(
    () =>
      items
        .flatMap((a) => a.reasons.filter((r) => r.ruleId === 'network.chokepoint').map((r) => ({ alert: a, text: r.text })))
        .map((c) => ({ ...c, rank: Number(/#(\d+)/.exec(c.text)?.[1] ?? Number.MAX_SAFE_INTEGER) }))
        .sort((a, b) => a.rank - b.rank || b.alert.score - a.alert.score)
        .slice(0, 10),
    [items],
  );

  const flows = useLoad(() => loadFlows(api.get), 'flows');
  const byRoute = useMemo(() => {
    const top = (flows.data?.flows ?? []).slice(0, 12).reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 170, right: 20 },
      xAxis: { type: 'value', name: 'shipments' },
      yAxis: { type: 'category', data: top.map(routeLabel) },
      series: [{ type: 'bar', data: top.map((f) => f.count) }],
    };
  }, [flows.data]);

  const truth = useLoad(evaluation, 'evaluation');
  const caught = useMemo(() => {
    const rows = truth.data?.byTypology ?? [];
    const bars = (
      planted: (t: Evaluation['byTypology'][number]) => number,
      got: (t: Evaluation['byTypology'][number]) => number,
    ) => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 190, right: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((t) => t.typology) },
      series: [
        { name: 'planted', type: 'bar', data: rows.map(planted), itemStyle: { color: '#c9d3dd' } },
        { name: 'caught', type: 'bar', data: rows.map(got), itemStyle: { color: '#2a9d8f' } },
      ],
    });
    return {
      kg: bars(
        (t) => t.kgPlanted,
        (t) => t.kgCaught,
      ),
      usd: bars(
        (t) => t.usdPlanted,
        (t) => t.usdCaught,
      ),
    };
  }, [truth.data]);

  if (alerts.error) return <p className="error">{alerts.error}</p>;
  return (
    <section>
      <h1>Dashboard</h1>
      <p>
        <strong data-testid="dashboard-total">{alerts.data ? alerts.data.total : '…'}</strong> alerts ·{' '}
        {items.filter((a) => a.status === 'open').length} open · <Link to="/alerts">go to the queue</Link>
      </p>
      <div className="grid">
        <figure>
          <figcaption>Alerts by detector and level</figcaption>
          <Chart option={byDetector} testId="chart-detector" />
        </figure>
        <figure>
          <figcaption>Alerts by level</figcaption>
          <Chart option={byLevel} testId="chart-level" />
        </figure>
        <figure>
          <figcaption>Alerts by day raised</figcaption>
          <Chart option={byDay} testId="chart-day" />
        </figure>
        <figure>
          <figcaption>Triage status</figcaption>
          <Chart option={byStatus} testId="chart-status" />
        </figure>
        <figure>
          <figcaption>Shipments by route (origin → transit → destination)</figcaption>
          <Chart option={byRoute} testId="chart-routes" />
        </figure>
      </div>
      <h3>Top chokepoints of the risky flow</h3>
      {network.data ? (
        <table data-testid="chokepoints">
          <thead>
            <tr>
              <th>#</th>
              <th>Party</th>
              <th className="num">Betweenness</th>
              <th className="num">Pass-through</th>
              <th className="num">Risky in USD</th>
              <th className="num">Risky out USD</th>
              <th>Min cut</th>
            </tr>
          </thead>
          <tbody>
            {network.data.chokepoints.map((c) => (
              <tr key={c.node.id}>
                <td>{c.rank}</td>
                <td>
                  <Link to={`/network?entity=${encodeURIComponent(c.node.id)}`}>{c.node.label || c.node.id}</Link>{' '}
                  <small>
                    {c.node.kind}
                    {c.node.designated ? ' · designated' : c.node.flagged ? ' · flagged' : ''}
                  </small>
                </td>
                <td className="num">{c.betweenness.toFixed(2)}</td>
                <td className="num">{c.throughput.toFixed(2)}</td>
                <td className="num">{usd(c.riskyInflowUsd)}</td>
                <td className="num">{usd(c.riskyOutflowUsd)}</td>
                <td>{c.inMinCut ? 'yes' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : fromAlerts.length === 0 ? (
        <p className="empty">{network.loading ? 'Loading…' : 'No chokepoints found (or the network analysis has not run).'}</p>
      ) : (
        <table data-testid="chokepoints">
          <tbody>
            {fromAlerts.map((c) => (
              <tr key={c.alert.id}>
                <td>
                  {c.alert.subjectKind === 'entity' ? (
                    <Link to={`/entities/${encodeURIComponent(c.alert.subjectId)}`}>{c.alert.subjectId.slice(0, 12)}</Link>
                  ) : (
                    <code>{c.alert.subjectId.slice(0, 12)}</code>
                  )}{' '}
                  <small>{c.alert.subjectKind}</small>
                </td>
                <td>{c.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {truth.data ? (
        <>
          <h3>Caught versus planted (simulated world)</h3>
          <p data-testid="evaluation">
            Record precision {pct(truth.data.overall.precision)}, recall {pct(truth.data.overall.recall)}, F1{' '}
            {pct(truth.data.overall.f1)} · schemes found {truth.data.byTypology.reduce((n, t) => n + t.schemesFound, 0)} of{' '}
            {truth.data.byTypology.reduce((n, t) => n + t.schemes, 0)}
          </p>
          <div className="grid">
            <figure>
              <figcaption>Kilograms of precursors and presses</figcaption>
              <Chart option={caught.kg} testId="chart-kg" />
            </figure>
            <figure>
              <figcaption>US dollars of illicit flow</figcaption>
              <Chart option={caught.usd} testId="chart-usd" />
            </figure>
          </div>
        </>
      ) : (
        <p className="hint">
          {truth.error ??
            'No ground truth here: caught-versus-planted figures appear when the server runs on a simulated world (chokepoint serve --truth WORLD/truth.csv; npm start does).'}
        </p>
      )}
    </section>
  );
}
