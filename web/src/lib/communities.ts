/**
 * Communities by modularity, local moving only (the first phase of Louvain): each node, in sorted
 * order, moves to the neighbouring community with the largest modularity gain
 * (edges into it minus its total degree × the node's degree / 2m), ties to the smallest label,
 * until no node moves. Deterministic and fast for the few hundred entities an analyst has
 * expanded; it colours the picture, it is not the analysis graph's own clustering.
 */
export function communities(
  nodes: readonly string[],
  edges: readonly (readonly [string, string])[],
  maxRounds = 50,
): Map<string, string> {
  const neighbours = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [a, b] of edges) {
    if (a === b || !neighbours.has(a) || !neighbours.has(b)) continue;
    neighbours.get(a)!.push(b);
    neighbours.get(b)!.push(a);
  }
  const degree = new Map(nodes.map((n) => [n, neighbours.get(n)!.length]));
  const twoM = [...degree.values()].reduce((s, d) => s + d, 0);
  const label = new Map(nodes.map((n) => [n, n]));
  if (twoM === 0) return label;
  const total = new Map(nodes.map((n) => [n, degree.get(n)!]));
  const order = [...nodes].sort();
  for (let round = 0; round < maxRounds; round++) {
    let moved = false;
    for (const node of order) {
      const k = degree.get(node)!;
      if (k === 0) continue;
      const own = label.get(node)!;
      total.set(own, total.get(own)! - k);
      const links = new Map<string, number>([[own, 0]]);
      for (const n of neighbours.get(node)!) {
        const c = label.get(n)!;
        links.set(c, (links.get(c) ?? 0) + 1);
      }
      let best = own;
      let bestGain = -Infinity;
      for (const [c, inside] of links) {
        const gain = inside - ((total.get(c) ?? 0) * k) / twoM;
        if (gain > bestGain + 1e-12 || (Math.abs(gain - bestGain) <= 1e-12 && c < best)) {
          best = c;
          bestGain = gain;
        }
      }
      total.set(best, (total.get(best) ?? 0) + k);
      if (best !== own) {
        label.set(node, best);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return label;
}
