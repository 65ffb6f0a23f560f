import type { AlertReason } from '../../model/index.js';
import { controlStatus, type ChemicalHit } from '../../knowledge/index.js';
import { reason, type RowContext } from './context.js';

/** The surest hit per chemical: a description may name one chemical three ways. */
function bestHits(hits: readonly ChemicalHit[]): ChemicalHit[] {
  const best = new Map<string, ChemicalHit>();
  for (const h of hits) {
    const known = best.get(h.chemicalId);
    if (known === undefined || h.confidence > known.confidence) best.set(h.chemicalId, h);
  }
  return [...best.values()];
}

function how(hit: ChemicalHit): string {
  const e = hit.evidence;
  switch (e.method) {
    case 'name':
      return `named "${hit.text}"`;
    case 'typo':
      return `named "${hit.text}" (spelling of "${e.name}")`;
    case 'cas':
      return `CAS ${e.cas}`;
    case 'cas-slang':
      return `partial CAS "${hit.text}"`;
    case 'structure':
      return `structure ${e.match === 'identical' ? 'identical' : `matches ${e.patternId ?? 'a class pattern'}`}`;
  }
}

/**
 * Controlled precursors and drugs (control status at the shipment's date, in the policy's
 * jurisdictions), possible analogues by structure, listed precursors not yet in force, watch
 * reagents; a DEA transaction id on a controlled chemical mitigates.
 */
export function chemicalRules(ctx: RowContext): AlertReason[] {
  const out: AlertReason[] = [];
  const { policy, knowledge, date } = ctx;
  let controlled = false;
  for (const hit of bestHits(ctx.goods.hits)) {
    const evidence = [`chemical:${hit.chemicalId}`];
    const confidence = `confidence ${hit.confidence.toFixed(2)}`;
    if (hit.role === 'analogue-class') {
      const label = hit.evidence.method === 'structure' ? hit.evidence.label : 'possible fentanyl-related substance';
      out.push(reason(policy, 'possible-analogue', `${label}: ${how(hit)} (${confidence})`, evidence));
      continue;
    }
    if (hit.role === 'watch-reagent') {
      out.push(reason(policy, 'watch-reagent', `watch reagent ${hit.chemicalId}, ${how(hit)} (${confidence})`, evidence));
      continue;
    }
    const statuses = policy.data.controlJurisdictions.map((j) => ({ j, s: controlStatus(hit.chemicalId, j, date, knowledge) }));
    const inForce = statuses.filter((x) => x.s.controlled);
    if (inForce.length > 0) {
      controlled = true;
      const where = inForce.map((x) =>
        x.s.controlled ? `${x.j} ${x.s.status}${x.s.since === null ? '' : ` since ${x.s.since}`}` : x.j,
      );
      const sources = inForce.flatMap((x) => (x.s.controlled ? x.s.sources.map((s) => `source:${s}`) : []));
      out.push(
        reason(
          policy,
          'controlled-chemical',
          `${hit.chemicalId} ${how(hit)}: controlled on ${date} (${where.join('; ')}) (${confidence})`,
          [...evidence, ...new Set(sources)],
        ),
      );
    } else {
      const next = statuses.map((x) => x.s).find((s) => !s.controlled && s.upcoming !== undefined);
      const when =
        next !== undefined && !next.controlled && next.upcoming !== undefined ? `; control from ${next.upcoming.from}` : '';
      out.push(
        reason(
          policy,
          'listed-precursor-not-in-force',
          `${hit.chemicalId} ${how(hit)}: a listed precursor, not controlled on ${date} in ${policy.data.controlJurisdictions.join('/')}${when} (${confidence})`,
          evidence,
        ),
      );
    }
  }
  if (controlled && ctx.shipment.deaTransactionId !== null)
    out.push(
      reason(policy, 'dea-declared', `declared with DEA transaction id ${ctx.shipment.deaTransactionId}`, [
        `dea:${ctx.shipment.deaTransactionId}`,
      ]),
    );
  return out;
}
