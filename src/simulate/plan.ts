import type { Party, Planted, ShipmentRow, TransactionRow } from './records.js';
import type { Scale } from './scale.js';
import { SCHEME_TYPES, type SchemeContext } from './schemes/index.js';
import { accountTruthForActors, type TruthRow } from './truth.js';
import type { Network } from './world.js';

/** Target share of illicit records at default levers (issue 3: about 0.1-1%). */
export const ILLICIT_SHARE = 0.005;

/**
 * The number of shares the illicit budget is split into: the seven scheme types of simulator
 * 0.1.0. The laundering schemes added in 0.2.0 size themselves from the same budget, so adding a
 * type does not thin out the others (their counts, and their detectors' figures, stay comparable
 * across versions); the planted share rose from about 0.27% to about 0.4%.
 */
export const BUDGET_SHARES = 7;

/** The planted illicit records of a world, grouped by day, with entity and account truth. */
export interface WorldPlan {
  readonly shipmentsByDay: ReadonlyMap<number, readonly Planted<ShipmentRow>[]>;
  readonly transactionsByDay: ReadonlyMap<number, readonly Planted<TransactionRow>[]>;
  readonly truth: readonly TruthRow[];
  /** Schemes planted per typology (a scheme with at least one record). */
  readonly schemes: Readonly<Record<string, number>>;
  /** Parties the schemes added beyond the networks' actors, in planning order (each once). */
  readonly parties: readonly Party[];
}

export function schemeBudget(scale: Scale): number {
  const records = scale.shipments + scale.transactions;
  return Math.max(3, Math.round((records * ILLICIT_SHARE) / (BUDGET_SHARES * scale.schemesPerType)));
}

function byDay<R>(items: readonly Planted<R>[]): Map<number, Planted<R>[]> {
  const map = new Map<number, Planted<R>[]>();
  for (const item of items) {
    const list = map.get(item.day);
    if (list === undefined) map.set(item.day, [item]);
    else list.push(item);
  }
  return map;
}

function isParty(value: object): value is Party {
  return 'id' in value && 'account' in value && 'schema' in value;
}

/** Every party of a network, found by walking its fields, so that actors added to `Network` later are covered. */
function networkActors(network: Network): Party[] {
  const out: Party[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (isParty(value)) out.push(value);
    else for (const v of Object.values(value)) visit(v);
  };
  visit(network);
  return out;
}

export function planWorld(context: Omit<SchemeContext, 'budget'>, scale: Scale): WorldPlan {
  const ctx: SchemeContext = { ...context, budget: schemeBudget(scale) };
  const shipments: Planted<ShipmentRow>[] = [];
  const transactions: Planted<TransactionRow>[] = [];
  const truth: TruthRow[] = [];
  const schemes: Record<string, number> = {};
  const parties = new Map<string, Party>();
  for (const network of ctx.world.networks) {
    for (const type of SCHEME_TYPES) {
      const plan = type.plan(ctx, network);
      if (plan.shipments.length + plan.transactions.length === 0) continue;
      schemes[type.typology] = (schemes[type.typology] ?? 0) + 1;
      shipments.push(...plan.shipments);
      transactions.push(...plan.transactions);
      truth.push(...plan.truth);
      for (const p of plan.parties ?? []) if (!parties.has(p.id)) parties.set(p.id, p);
    }
  }
  truth.push(...accountTruthForActors(truth, transactions, [...ctx.world.networks.flatMap(networkActors), ...parties.values()]));
  // Account truth must name accounts that appear in transactions.csv.
  const used = new Set<string>();
  for (const t of transactions) {
    for (const a of [t.row.debtor_account, t.row.creditor_account]) if (typeof a === 'string') used.add(a);
  }
  return {
    shipmentsByDay: byDay(shipments),
    transactionsByDay: byDay(transactions),
    truth: truth.filter((t) => t.recordKind !== 'account' || used.has(t.recordId)),
    schemes,
    parties: [...parties.values()],
  };
}
