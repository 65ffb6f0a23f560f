import { useEffect, useRef, useState, type ReactNode } from 'react';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { api, query } from '../api.js';
import { Reasons } from '../components/Evidence.js';
import { SearchBox } from '../components/SearchBox.js';
import { communities } from '../lib/communities.js';
import {
  inTimeRange,
  isEntityId,
  type Exposure,
  type NetEdge,
  type NetNode,
  type Neighbourhood,
  type PathAnswer,
} from '../lib/network-api.js';
import { useLoad } from '../lib/use-load.js';
import { Link, navigate } from '../router.js';
import type { EntityProfile } from '../types.js';

const KIND_COLOURS: Record<string, string> = {
  person: '#3b7dd8',
  company: '#2a9d8f',
  account: '#e9c46a',
  address: '#adb5bd',
  phone: '#adb5bd',
  email: '#adb5bd',
  official: '#8e7dbe',
};
const DESIGNATED = '#d1495b';
const FLAGGED = '#f08a4b';
const PALETTE = ['#3b7dd8', '#2a9d8f', '#e9c46a', '#f4a261', '#8e7dbe', '#6a994e', '#b5838d', '#118ab2', '#ef476f', '#7f5539'];

type ColourBy = 'kind' | 'community';

/**
 * Network explorer over the server's analysis graph (`GET /api/network/{id}`): start from an
 * entity, click a node to expand its neighbours, filter by edge type and date, colour by kind or
 * community, size by exposure to designated parties, and ask the server for the path from the
 * selected entity to a designated party (`GET /api/network/path`), which is then highlighted.
 */
export function NetworkExplorer(): ReactNode {
  const container = useRef<HTMLDivElement>(null);
  const graph = useRef(new Graph({ multi: false, type: 'undirected' }));
  const sigma = useRef<Sigma | null>(null);
  const exposure = useRef<Map<string, number>>(new Map());
  const hiddenTypes = useRef<Record<string, boolean>>({});
  const range = useRef({ from: '', to: '' });
  const highlighted = useRef<Set<string>>(new Set());
  const communityColour = useRef<Map<string, string> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [edgeTypes, setEdgeTypes] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [info, setInfo] = useState('');
  const [colourBy, setColourBy] = useState<ColourBy>('kind');
  const [, rerender] = useState(0);

  const sizeOf = (id: string): number => {
    const max = Math.max(1e-9, ...exposure.current.values());
    return 5 + 15 * Math.sqrt((exposure.current.get(id) ?? 0) / max);
  };

  const addNode = (n: NetNode, near?: { x: number; y: number }): void => {
    const g = graph.current;
    const attrs = {
      label: n.label || n.id,
      kind: n.kind,
      designated: n.designated,
      size: sizeOf(n.id),
      color: n.designated ? DESIGNATED : n.flagged ? FLAGGED : (KIND_COLOURS[n.kind] ?? '#888'),
    };
    if (g.hasNode(n.id)) g.mergeNodeAttributes(n.id, attrs);
    else g.addNode(n.id, { ...attrs, x: (near?.x ?? 0) + Math.random() - 0.5, y: (near?.y ?? 0) + Math.random() - 0.5 });
  };
  const addEdge = (e: NetEdge): void => {
    const g = graph.current;
    if (e.source === e.target || !g.hasNode(e.source) || !g.hasNode(e.target) || g.hasEdge(e.source, e.target)) return;
    g.addEdge(e.source, e.target, { label: e.type, edgeType: e.type, time: e.time, size: 1.5 });
  };

  const settle = (): void => {
    const g = graph.current;
    forceAtlas2.assign(g, { iterations: 80, settings: forceAtlas2.inferSettings(g) });
    if (communityColour.current !== null) recolour('community');
    setEdgeTypes([...new Set(g.mapEdges((_e, a) => String(a['edgeType'])))].sort());
    setInfo(`${g.order} entities, ${g.size} links`);
    sigma.current?.refresh();
  };

  const expand = async (id: string): Promise<string> => {
    const answer = await api.get<Neighbourhood>(`/api/network/${encodeURIComponent(id)}${query({ hops: 1, maxNodes: 300 })}`);
    const g = graph.current;
    const at = g.hasNode(answer.centre.id)
      ? { x: g.getNodeAttribute(answer.centre.id, 'x') as number, y: g.getNodeAttribute(answer.centre.id, 'y') as number }
      : undefined;
    addNode(answer.centre, at);
    for (const n of answer.nodes) addNode(n, at ?? { x: 0, y: 0 });
    for (const e of answer.edges) addEdge(e);
    g.setNodeAttribute(answer.centre.id, 'expanded', true);
    settle();
    return answer.centre.id;
  };

  /** Expands every loaded entity not yet expanded: one more ring of neighbours. */
  const expandRing = async (): Promise<void> => {
    const pending = graph.current.filterNodes((n, a) => a['expanded'] !== true && isEntityId(n)).slice(0, 25);
    for (const node of pending) await expand(node);
  };

  function recolour(mode: ColourBy): void {
    const g = graph.current;
    if (mode === 'kind') communityColour.current = null;
    else {
      const groups = communities(
        g.nodes(),
        g.mapEdges((_e, _a, s, t) => [s, t] as const),
      );
      const index = new Map<string, number>();
      for (const c of groups.values()) if (!index.has(c)) index.set(c, index.size);
      communityColour.current = new Map([...groups].map(([n, c]) => [n, PALETTE[index.get(c)! % PALETTE.length]!]));
    }
    sigma.current?.refresh();
  }

  /** The server's shortest path from the selected entity to a designated party, added and highlighted. */
  const pathToDesignated = async (): Promise<void> => {
    if (selected === null) return;
    const g = graph.current;
    const profile = isEntityId(selected)
      ? await api.get<EntityProfile>(`/api/entities/${encodeURIComponent(selected)}`).catch(() => null)
      : null;
    // Candidates: designated parties already on screen, and those the network detector named for this entity.
    const named = (profile?.alerts ?? [])
      .flatMap((a) => a.reasons)
      .filter((r) => r.ruleId === 'network.near-designated')
      .flatMap((r) => r.evidence)
      .filter(isEntityId);
    const onScreen = g.filterNodes((n, a) => a['designated'] === true && n !== selected);
    let best: PathAnswer['shortest'] = null;
    for (const target of [...new Set([...onScreen, ...named])].slice(0, 6)) {
      const answer = await api
        .get<PathAnswer>(`/api/network/path${query({ from: selected, to: target, maxHops: 6 })}`)
        .catch(() => null);
      const path = answer?.shortest ?? null;
      if (path && path.nodes.at(-1)?.designated && (best === null || path.edges.length < best.edges.length)) best = path;
    }
    if (best === null) {
      highlighted.current = new Set();
      setInfo('no path to a designated party within 6 links');
    } else {
      const at = g.hasNode(selected)
        ? { x: g.getNodeAttribute(selected, 'x') as number, y: g.getNodeAttribute(selected, 'y') as number }
        : undefined;
      for (const n of best.nodes) addNode(n, at);
      for (const e of best.edges) addEdge(e);
      settle();
      highlighted.current = new Set(best.nodes.map((n) => n.id));
      setInfo(
        `path of ${best.edges.length} links to designated "${best.nodes.at(-1)!.label}": ${best.nodes.map((n) => n.label).join(' → ')}`,
      );
    }
    sigma.current?.refresh();
  };

  useEffect(() => {
    try {
      const renderer = new Sigma(graph.current, container.current!, {
        renderEdgeLabels: true,
        nodeReducer: (node, data) => {
          if (highlighted.current.size > 0)
            return highlighted.current.has(node) ? { ...data, forceLabel: true } : { ...data, color: '#ddd', label: '' };
          const community = communityColour.current?.get(node);
          return community && data['designated'] !== true ? { ...data, color: community } : data;
        },
        edgeReducer: (_edge, data) => ({
          ...data,
          hidden:
            hiddenTypes.current[String(data['edgeType'])] === true ||
            !inTimeRange((data['time'] as string | null) ?? null, range.current.from, range.current.to),
        }),
      });
      renderer.on('clickNode', ({ node }) => {
        setSelected(node);
        if (graph.current.getNodeAttribute(node, 'expanded') !== true && isEntityId(node))
          void expand(node).catch((err: unknown) => setInfo(err instanceof Error ? err.message : String(err)));
      });
      renderer.on('doubleClickNode', ({ node }) => isEntityId(node) && navigate(`/entities/${encodeURIComponent(node)}`));
      sigma.current = renderer;
    } catch (err) {
      // Sigma draws with WebGL; a browser without it (some headless setups) gets this message.
      console.warn('network explorer: WebGL unavailable', err);
      setFailure('This browser cannot draw the network (WebGL is unavailable).');
    }
    // Exposure sizes the nodes; the explorer works without it.
    api
      .get<Exposure>('/api/network/exposure?top=1000')
      .then((answer) => {
        for (const e of answer.exposed)
          for (const id of [e.node.id, ...(e.node.members ?? [])]) exposure.current.set(id, e.score);
        graph.current.forEachNode((n) => graph.current.setNodeAttribute(n, 'size', sizeOf(n)));
        sigma.current?.refresh();
      })
      .catch((err: unknown) => console.warn('exposure unavailable', err));
    const start = new URLSearchParams(window.location.search).get('entity');
    if (start)
      // Selected is the id asked for: the graph may have merged it into another (resolution),
      // and the entity's own alerts are filed under it.
      void expand(start).then(
        () => setSelected(start),
        (err: unknown) => setInfo(err instanceof Error ? err.message : String(err)),
      );
    return () => {
      sigma.current?.kill();
      sigma.current = null;
    };
    // The renderer is made once; everything else reaches the graph through refs.
  }, []);

  const toggleType = (type: string): void => {
    hiddenTypes.current = { ...hiddenTypes.current, [type]: !hiddenTypes.current[type] };
    rerender((n) => n + 1);
    sigma.current?.refresh();
  };
  const setRange = (key: 'from' | 'to', value: string): void => {
    range.current = { ...range.current, [key]: value };
    rerender((n) => n + 1);
    sigma.current?.refresh();
  };
  const report = (err: unknown): void => setInfo(err instanceof Error ? err.message : String(err));

  return (
    <section className="network">
      <h1>Network explorer</h1>
      <div className="toolbar">
        <SearchBox
          placeholder="Start from an entity…"
          testId="network-search"
          onPick={(hit) => void expand(hit.id).then(() => setSelected(hit.id), report)}
        />
        <button type="button" disabled={info === ''} onClick={() => void expandRing().catch(report)}>
          Expand one more ring
        </button>
        <button type="button" disabled={selected === null} onClick={() => void pathToDesignated().catch(report)}>
          Path to a designated party
        </button>
        <button
          type="button"
          onClick={() => {
            highlighted.current = new Set();
            sigma.current?.refresh();
            rerender((n) => n + 1);
          }}
        >
          Clear highlight
        </button>
        <label>
          colour by{' '}
          <select
            aria-label="colour by"
            value={colourBy}
            onChange={(e) => {
              const mode = e.target.value as ColourBy;
              setColourBy(mode);
              recolour(mode);
            }}
          >
            <option value="kind">kind of party</option>
            <option value="community">community</option>
          </select>
        </label>
        <label>
          links from{' '}
          <input
            type="date"
            aria-label="links from"
            value={range.current.from}
            onChange={(e) => setRange('from', e.target.value)}
          />
        </label>
        <label>
          to <input type="date" aria-label="links to" value={range.current.to} onChange={(e) => setRange('to', e.target.value)} />
        </label>
      </div>
      <div className="chips">
        {edgeTypes.map((t) => (
          <label key={t} className="chip">
            <input type="checkbox" checked={hiddenTypes.current[t] !== true} onChange={() => toggleType(t)} /> {t}
          </label>
        ))}
      </div>
      <p data-testid="network-info">{info}</p>
      {failure && <p className="error">{failure}</p>}
      {selected !== null && isEntityId(selected) && <SelectedNode id={selected} />}
      <div ref={container} className="sigma" data-testid="network-canvas" />
      <p className="hint">
        Click a node to expand its neighbours, double-click to open its profile. Red: designated; orange: flagged. Size: exposure
        to designated and flagged parties. Undated links (ownership, shared addresses) stay visible whatever the dates.
      </p>
    </section>
  );
}

/** The selected entity and its network alerts (the detector's reasons list the records on each path). */
function SelectedNode({ id }: { id: string }): ReactNode {
  const { data } = useLoad(() => api.get<EntityProfile>(`/api/entities/${encodeURIComponent(id)}`).catch(() => null), id);
  if (!data) return null;
  const reasons = data.alerts.filter((a) => a.detectorId === 'network').flatMap((a) => a.reasons);
  return (
    <div className="selected-node" data-testid="network-selected">
      <strong>
        <Link to={`/entities/${encodeURIComponent(id)}`}>{data.entity.properties['name']?.[0] ?? id}</Link>
      </strong>{' '}
      · {data.entity.schema} · {data.alerts.length} alerts
      {reasons.length > 0 && <Reasons reasons={reasons} />}
    </div>
  );
}
