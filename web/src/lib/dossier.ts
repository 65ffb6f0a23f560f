import type { Alert, CaseFile } from '../types.js';

// The case dossier: one self-contained HTML file (inline styles, no scripts, no external
// references) that opens anywhere and prints to PDF. Every value from the case is escaped.

const escape = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export interface ExportedCase extends CaseFile {
  format: string;
  formatVersion: number;
  exportedAt: string;
  exportedBy: string;
}

/** What the dossier prints beside the case file: names for ids, and the evidence alerts in full. */
export interface DossierContext {
  /** People by user id, entities by entity id; unknown ids are printed as they are. */
  readonly names: Readonly<Record<string, string>>;
  /** The alerts attached as evidence, with their reasons. */
  readonly alerts: readonly Alert[];
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#111}
h1{margin-bottom:0}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#eee}
.meta{color:#555}.note{white-space:pre-wrap;border-left:3px solid #888;padding-left:.75rem;margin:.75rem 0}
.none{color:#777}small{color:#555}@media print{body{margin:0}}`;

const NONE = '<p class="none">None.</p>';

function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return NONE;
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function alertSection(a: Alert): string {
  const reasons = [...a.reasons]
    .sort((x, y) => y.weight - x.weight)
    .map((r) => {
      const evidence = r.evidence.length > 0 ? `<br><small>evidence: ${r.evidence.map(escape).join(', ')}</small>` : '';
      return `<li><strong>${escape(r.ruleId)}</strong> (+${escape(r.weight)}): ${escape(r.text)}${evidence}</li>`;
    })
    .join('\n');
  return `<h3>${escape(a.detectorId)} · ${escape(a.level)} · score ${escape(a.score)}</h3>
<p class="meta">Alert ${escape(a.id)} on ${escape(a.subjectKind)} ${escape(a.subjectId)}, raised ${escape(a.createdAt)}, status ${escape(a.status)}</p>
<ol>${reasons}</ol>`;
}

export function dossierHtml(file: ExportedCase, context: DossierContext = { names: {}, alerts: [] }): string {
  const { names } = context;
  const who = (id: string | null): string => (id === null ? '—' : (names[id] ?? id));
  const named = (id: string): string => (names[id] ? `${names[id]} (${id})` : id);
  const c = file.case;
  const entities = file.entities.map((e) => [named(e.entityId), e.role, who(e.addedBy), e.addedAt]);
  const evidence = file.evidence.map((e) => [
    e.kind,
    e.kind === 'entity' ? named(e.ref) : e.ref,
    e.note,
    who(e.addedBy),
    e.addedAt,
  ]);
  const notes = file.notes
    .map((n) => `<div class="note"><strong>${escape(who(n.authorId))}</strong>, ${escape(n.createdAt)}\n${escape(n.body)}</div>`)
    .join('\n');
  const timeline = file.timeline.map((t) => [t.at, who(t.actorId), t.kind, JSON.stringify(t.detail)]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Case dossier: ${escape(c.title)}</title>
<meta name="generator" content="Chokepoint workbench (${escape(file.format)} v${escape(file.formatVersion)})">
<style>${STYLE}</style></head>
<body>
<h1>${escape(c.title)}</h1>
<p class="meta">Case ${escape(c.id)} · status ${escape(c.status)} · priority ${escape(c.priority)} · assignee ${escape(who(c.assigneeId))}${c.team ? ` · team ${escape(c.team)}` : ''} · version ${escape(c.version)}</p>
<p class="meta">Opened ${escape(c.createdAt)} by ${escape(who(c.createdBy))}; updated ${escape(c.updatedAt)}. Exported ${escape(file.exportedAt)} by ${escape(who(file.exportedBy))}.</p>
<h2>Description</h2>${c.description ? `<p class="note">${escape(c.description)}</p>` : NONE}
<h2>Linked entities (${entities.length})</h2>
${table(['entity', 'role', 'added by', 'added'], entities)}
<h2>Evidence (${evidence.length})</h2>
${table(['kind', 'reference', 'note', 'added by', 'added'], evidence)}
<h2>Alerts in evidence (${context.alerts.length})</h2>
${context.alerts.map(alertSection).join('\n') || NONE}
<h2>Notes (${file.notes.length})</h2>
${notes || NONE}
<h2>Timeline (${timeline.length})</h2>
${table(['when', 'who', 'what', 'detail'], timeline)}
</body></html>
`;
}

/** Everything the dossier needs beyond the export, fetched with the reader's session. */
export async function dossierContext(
  file: CaseFile,
  me: { id: string; name: string },
  get: <T>(url: string) => Promise<T>,
): Promise<DossierContext> {
  const entityIds = [
    ...new Set([...file.entities.map((e) => e.entityId), ...file.evidence.filter((e) => e.kind === 'entity').map((e) => e.ref)]),
  ].slice(0, 100);
  const alertIds = [...new Set(file.evidence.filter((e) => e.kind === 'alert').map((e) => e.ref))].slice(0, 100);
  type Named = { entity: { id: string; properties: Record<string, string[]> } };
  const [entities, alerts] = await Promise.all([
    Promise.all(entityIds.map((id) => get<Named>(`/api/entities/${encodeURIComponent(id)}`).catch(() => null))),
    Promise.all(alertIds.map((id) => get<Alert>(`/api/alerts/${encodeURIComponent(id)}`).catch(() => null))),
  ]);
  const names: Record<string, string> = { [me.id]: me.name };
  for (const e of entities) {
    const name = e?.entity.properties['name']?.[0];
    if (e && name) names[e.entity.id] = name;
  }
  return { names, alerts: alerts.filter((a): a is Alert => a !== null) };
}

/** Hands a string to the browser as a file download. */
export function download(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
