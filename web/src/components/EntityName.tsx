import type { ReactNode } from 'react';
import { api } from '../api.js';
import { short } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';
import { Link } from '../router.js';

// Names already fetched in this page's life: lists of linked entities ask for the same ones often.
const known = new Map<string, Promise<string>>();

function nameOf(id: string): Promise<string> {
  let name = known.get(id);
  if (name === undefined) {
    name = api
      .get<{ entity: { properties: Record<string, string[]> } }>(`/api/entities/${encodeURIComponent(id)}`)
      .then((p) => p.entity.properties['name']?.[0] ?? short(id))
      .catch(() => short(id));
    known.set(id, name);
  }
  return name;
}

/** A link to an entity's profile, labelled with its name once known. */
export function EntityName({ id, className }: { id: string; className?: string }): ReactNode {
  const { data } = useLoad(() => nameOf(id), id);
  return (
    <Link to={`/entities/${encodeURIComponent(id)}`} title={id} className={className}>
      {data ?? short(id)}
    </Link>
  );
}
