import { edgeView, nodeView, type Graph } from './graph.js';

/** A part of the graph to export: node and edge indices (edges whose ends are both listed). */
export interface Subgraph {
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
}

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the allowed XML 1.0 control characters are the point
      .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function kept(graph: Graph, sub: Subgraph): number[] {
  const inside = new Set(sub.nodes);
  return sub.edges.filter((e) => inside.has(graph.source[e] as number) && inside.has(graph.target[e] as number));
}

/** GraphML (yEd, Cytoscape, Gephi, networkx): typed attributes declared once, ids as in the store. */
export function toGraphml(graph: Graph, sub: Subgraph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="designated" for="node" attr.name="designated" attr.type="boolean"/>',
    '  <key id="flagged" for="node" attr.name="flagged" attr.type="boolean"/>',
    '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <key id="time" for="edge" attr.name="time" attr.type="string"/>',
    '  <key id="record" for="edge" attr.name="record" attr.type="string"/>',
    '  <graph id="chokepoint" edgedefault="directed">',
  ];
  for (const n of sub.nodes) {
    const v = nodeView(graph, n);
    lines.push(
      `    <node id="${xmlEscape(v.id)}"><data key="label">${xmlEscape(v.label)}</data><data key="kind">${v.kind}</data>` +
        `<data key="designated">${v.designated}</data><data key="flagged">${v.flagged}</data></node>`,
    );
  }
  for (const e of kept(graph, sub)) {
    const v = edgeView(graph, e);
    const data = [`<data key="type">${v.type}</data>`];
    if (v.weight !== null) data.push(`<data key="weight">${v.weight}</data>`);
    if (v.time !== null) data.push(`<data key="time">${v.time}</data>`);
    if (v.record !== null) data.push(`<data key="record">${xmlEscape(v.record)}</data>`);
    lines.push(`    <edge id="e${e}" source="${xmlEscape(v.source)}" target="${xmlEscape(v.target)}">${data.join('')}</edge>`);
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** GEXF 1.3 (Gephi), with edge weights and, for dated edges, their time as a spell start. */
export function toGexf(graph: Graph, sub: Subgraph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    '  <meta><creator>Chokepoint</creator></meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    '      <attribute id="kind" title="kind" type="string"/>',
    '      <attribute id="designated" title="designated" type="boolean"/>',
    '      <attribute id="flagged" title="flagged" type="boolean"/>',
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="type" title="type" type="string"/>',
    '      <attribute id="time" title="time" type="string"/>',
    '      <attribute id="record" title="record" type="string"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const n of sub.nodes) {
    const v = nodeView(graph, n);
    lines.push(
      `      <node id="${xmlEscape(v.id)}" label="${xmlEscape(v.label)}"><attvalues>` +
        `<attvalue for="kind" value="${v.kind}"/><attvalue for="designated" value="${v.designated}"/>` +
        `<attvalue for="flagged" value="${v.flagged}"/></attvalues></node>`,
    );
  }
  lines.push('    </nodes>', '    <edges>');
  for (const e of kept(graph, sub)) {
    const v = edgeView(graph, e);
    const weight = v.weight !== null && v.weight > 0 ? ` weight="${v.weight}"` : '';
    const values = [`<attvalue for="type" value="${v.type}"/>`];
    if (v.time !== null) values.push(`<attvalue for="time" value="${v.time}"/>`);
    if (v.record !== null) values.push(`<attvalue for="record" value="${xmlEscape(v.record)}"/>`);
    lines.push(
      `      <edge id="e${e}" source="${xmlEscape(v.source)}" target="${xmlEscape(v.target)}" label="${v.type}"${weight}>` +
        `<attvalues>${values.join('')}</attvalues></edge>`,
    );
  }
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}
