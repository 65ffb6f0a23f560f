import type { Transaction } from '../../model/index.js';
import type { EntityContext } from '../context.js';
import type { Policy } from '../policy.js';
import { StreamEngine, type StreamEngineOptions } from './engine.js';

/** Decisions made before the first input line: enough for the JIT to compile the hot paths. */
const WARM_UP_DECISIONS = 2_000;

/**
 * Decides a synthetic stream on a throwaway engine before the monitor takes input, so the first
 * real transactions do not wait for V8 to compile the detectors (the first second of a run was
 * tens of milliseconds per decision). The payments touch every streaming rule's paths: card
 * hubs, wires, remittances abroad, structured cash deposits and large domestic legs in two
 * currencies. Nothing of it reaches the real window or output. Deterministic.
 */
export function warmUp(policy: Policy, context: EntityContext, options: StreamEngineOptions): void {
  const engine = new StreamEngine(policy, context, options);
  const start = Date.UTC(2020, 0, 1);
  for (let k = 0; k < WARM_UP_DECISIONS; k++) {
    const t = synthetic(k, start + k * 60_000);
    engine.decide(engine.add(t), t);
  }
}

function synthetic(k: number, timestamp: number): Transaction {
  const kind = k % 5;
  // A few busy accounts among many quiet ones, as in a real stream; legs rare and spread in value.
  const from = kind === 3 ? 'CASH' : `WARM-${(k * 7919) % 1_500}`;
  const to = kind === 0 ? `WARM-SHOP-${k % 3}` : kind === 3 ? `WARM-FUNNEL-${k % 7}` : `WARM-${(k * 104_729 + 5) % 1_500}`;
  const abroad = kind === 2;
  const other = kind === 4 && k % 4 === 0;
  return {
    id: `WARM-${k}`,
    sourceId: `WARM-${k}`,
    timestamp,
    debtorAccount: from,
    debtorName: kind === 3 ? `Warm Mule ${k % 3}` : null,
    debtorBank: null,
    debtorCountry: other ? 'MX' : 'US',
    creditorAccount: to,
    creditorName: null,
    creditorBank: null,
    creditorCountry: abroad ? 'CN' : other ? 'MX' : 'US',
    amount: [40 + (k % 60), 1_500 + k, 300 + (k % 900), 8_600 + (k % 1_300), 12_000 + k * 97][kind] as number,
    currency: other ? 'MXN' : 'USD',
    amountUsd: other ? 12_000 + k * 97 : null,
    channel: ['card', 'wire', 'remittance', 'cash_deposit', 'wire'][kind] as string,
    purpose: null,
    debtorAccountEntityId: '',
    creditorAccountEntityId: '',
    truthLaundering: null,
    truthScheme: null,
  };
}
