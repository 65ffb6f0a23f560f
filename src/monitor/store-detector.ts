import type { Detector } from '../detect/index.js';
import type { Alert } from '../model/index.js';
import type { Store } from '../store/index.js';
import { buildAlerts, MONITOR_DETECTOR_ID, MONITOR_VERSION } from './alerts.js';
import { ContextBuilder, type EntityContext } from './context.js';
import { analyse, type MonitorResult } from './engine.js';
import { loadPolicy, type Policy } from './policy.js';
import { TableBuilder, type TransactionTable } from './table.js';

/** Everything the batch engine reads from a store: the transactions as a table, the parties and the trade. */
export async function loadFromStore(store: Store): Promise<{ table: TransactionTable; context: EntityContext }> {
  const builder = new TableBuilder();
  for await (const t of store.iterateTransactions()) builder.add(t);
  const context = new ContextBuilder();
  for await (const e of store.iterateEntities()) context.addEntity(e);
  for await (const s of store.iterateShipments()) context.addShipment(s);
  return { table: builder.build(), context: context.build() };
}

export async function monitorStore(
  store: Store,
  policy: Policy,
): Promise<{ alerts: Alert[]; result: MonitorResult; table: TransactionTable }> {
  const { table, context } = await loadFromStore(store);
  const result = analyse(table, context, policy);
  return { alerts: buildAlerts(table, context, result, policy), result, table };
}

/**
 * The batch engine as a registered `Detector`: `analyze` and the what-if harness run it over the
 * store. The policy is read when it runs (the shipped one unless a path is given), never on import.
 */
export function transactionMonitoringDetector(policyPath?: string): Detector {
  return {
    id: MONITOR_DETECTOR_ID,
    version: MONITOR_VERSION,
    description:
      'financial monitoring: laundering typologies, fentanyl red flags and mirror swaps, scored per transaction and account',
    typologies: [
      'structuring',
      'mirror_swap',
      'precursor_payment',
      'shell_real_estate',
      'official_bribe',
      'card_paydown',
      'bipartite',
      'stack',
    ],
    async detect(store) {
      const policy = await loadPolicy(policyPath);
      return (await monitorStore(store, policy)).alerts;
    },
  };
}
