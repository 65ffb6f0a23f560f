import type { ReactNode } from 'react';
import { evidenceKind, short } from '../lib/format.js';
import { Link } from '../router.js';
import type { AlertReason } from '../types.js';

/** One evidence reference: record ids open their record, `party:` and `country:` refs are labelled. */
export function EvidenceRef({ value }: { value: string }): ReactNode {
  const ref = evidenceKind(value);
  if (ref.kind === 'record')
    return (
      <Link to={`/records/any/${encodeURIComponent(ref.value)}`} className="chip" title={ref.value}>
        {short(ref.value)}
      </Link>
    );
  return (
    <span className="chip muted" title={value}>
      {ref.kind}: {ref.value}
    </span>
  );
}

/** An alert's reasons, heaviest first, each with the records that prove it. */
export function Reasons({ reasons }: { reasons: readonly AlertReason[] }): ReactNode {
  const sorted = [...reasons].sort((a, b) => b.weight - a.weight);
  return (
    <ol className="reasons" data-testid="reasons">
      {sorted.map((r, i) => (
        <li key={`${r.ruleId}-${i}`}>
          <div>
            <code>{r.ruleId}</code> <span className="weight">+{r.weight}</span>
          </div>
          <p>{r.text}</p>
          {r.evidence.length > 0 && (
            <div className="chips">
              {r.evidence.map((e) => (
                <EvidenceRef key={e} value={e} />
              ))}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
