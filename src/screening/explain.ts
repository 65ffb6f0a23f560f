import type { MatchResult } from './matcher.js';

const signed = (x: number): string => (x >= 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

/**
 * A match's explanation in one line of words, for a CSV cell or a terminal; the data it is made
 * from is the MatchResult itself. Labels are fixed: exact, edit, phonetic, joined, initial;
 * missing, middle-name, second-surname; conflict kinds; fact outcomes.
 */
export function explainMatch(r: MatchResult): string {
  const n = r.name;
  const parts = [
    `name ${n.score.toFixed(2)} "${n.queryName}" ~ "${n.candidateName}"`,
    ...n.matches.map((m) =>
      m.how === 'exact' ? `${m.query}=${m.candidate}` : `${m.query}~${m.candidate} (${m.how} ${m.similarity.toFixed(2)})`,
    ),
    ...n.missing.map(
      (m) =>
        `${m.side === 'query' ? 'query' : 'list'} only: ${m.token} (${m.kind === 'distinctive' ? m.reason : `${m.kind}, ${m.reason}`})`,
    ),
    ...n.conflicts.map((c) => `conflict ${c.kind}: ${c.query}≠${c.candidate} ${signed(-c.penalty)}`),
    ...(n.legalForm.outcome === 'absent'
      ? []
      : [`legal form ${n.legalForm.outcome}: ${n.legalForm.query}/${n.legalForm.candidate}`]),
    ...r.facts.map(
      (f) => `${f.feature} ${f.outcome}: ${f.query}${f.outcome === 'agrees' ? '' : ` vs ${f.candidate}`} ${signed(f.adjustment)}`,
    ),
    ...(r.schema.compatible ? [] : [`schema conflict: ${r.schema.query} vs ${r.schema.candidate}`]),
  ];
  return `${parts.join('; ')}; score ${r.score.toFixed(2)}`;
}
