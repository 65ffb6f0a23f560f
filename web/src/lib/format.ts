export const day = (iso: string | number | null | undefined): string =>
  iso === null || iso === undefined ? '—' : new Date(iso).toISOString().slice(0, 10);

export const when = (iso: string | number | null | undefined): string =>
  iso === null || iso === undefined ? '—' : new Date(iso).toISOString().slice(0, 16).replace('T', ' ');

export const usd = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

export const short = (id: string): string => (id.length > 12 ? `${id.slice(0, 10)}…` : id);

/** Evidence strings are record ids or `kind:value` pairs (`country:CN`, `party:Name`, `hs:293339`). */
export function evidenceKind(ref: string): { kind: string; value: string } {
  const m = /^([a-z]+):(.+)$/.exec(ref);
  return m === null ? { kind: 'record', value: ref } : { kind: m[1]!, value: m[2]! };
}
