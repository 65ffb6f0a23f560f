import type { Planted, ShipmentRow, TransactionRow } from './records.js';
import type { Scale } from './scale.js';
import { SCHEME_TYPES, type SchemeContext } from './schemes/index.js';
import type { TruthRow } from './truth.js';

/** Target share of illicit records at default levers (issue 3: about 0.1-1%). */
export const ILLICIT_SHARE = 0.005;

/** The planted illicit records of a world, grouped by day, with entity and account truth. */
export interface WorldPlan {
  readonly shipmentsByDay: ReadonlyMap<number, readonly Planted<ShipmentRow>[]>;
  readonly transactionsByDay: ReadonlyMap<number, readonly Planted<TransactionRow>[]>;
  readonly truth: readonly TruthRow[];
  /** Schemes planted per typology (a scheme with at least one record). */
  readonly schemes: Readonly<Record<string, number>>;
}

export function schemeBudget(scale: Scale): number {
  const records = scale.shipments + scale.transactions;
  return Math.max(3, Math.round((records * ILLICIT_SHARE) / (SCHEME_TYPES.length * scale.schemesPerType)));
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

export function planWorld(context: Omit<SchemeContext, 'budget'>, scale: Scale): WorldPlan {
  const ctx: SchemeContext = { ...context, budget: schemeBudget(scale) };
  const shipments: Planted<ShipmentRow>[] = [];
  const transactions: Planted<TransactionRow>[] = [];
  const truth: TruthRow[] = [];
  const schemes: Record<string, number> = {};
  for (const network of ctx.world.networks) {
    for (const type of SCHEME_TYPES) {
      const plan = type.plan(ctx, network);
      if (plan.shipments.length + plan.transactions.length === 0) continue;
      schemes[type.typology] = (schemes[type.typology] ?? 0) + 1;
      shipments.push(...plan.shipments);
      transactions.push(...plan.transactions);
      truth.push(...plan.truth);
    }
  }
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
  };
}
