import { DAY_MS, HOUR_MS, type MonitorDetector } from '../rule.js';
import { enabledDetectors, type Policy } from '../policy.js';

/**
 * How each monitoring detector behaves on a stream. The streaming engine decides a transaction
 * by running the same detectors over the recent rows of the two accounts it touches (and, for
 * mirror swaps, of the accounts paying and receiving the offsetting legs): a detector streams
 * when its evidence lies in that neighbourhood. Those that need paths through the wider graph
 * stay batch-only: their evidence is several hops away and the search has no bound per decision.
 */
export interface StreamSupport {
  readonly mode: 'stream' | 'batch-only';
  /** Why, for the docs and the start-up notice. */
  readonly note: string;
}

export const STREAM_SUPPORT: Readonly<Record<string, StreamSupport>> = {
  structuring: {
    mode: 'stream',
    note: 'deposits into the creditor and the funnel outflows are rows of the two accounts; the third structured deposit, and outflows after it, are flagged on arrival',
  },
  'mirror-swap': {
    mode: 'stream',
    note: 'a day-bucketed index of recent domestic legs names the accounts of offsetting legs, whose rows join the neighbourhood; repeats count within the retention',
  },
  'chemical-seller-payments': {
    mode: 'stream',
    note: 'row-level rules; repeat-party counts the payer and payee rows within the retention',
  },
  fan: { mode: 'stream', note: "the counterparties of the payer's outgoing and the payee's incoming rows" },
  cycle: {
    mode: 'batch-only',
    note: 'a loop of 4-6 hops runs through accounts that share no row with the closing payment; an unbounded path search per decision would break the latency bound',
  },
  'scatter-gather': {
    mode: 'stream',
    note: "gather-scatter hubs stream (the hub's rows); scatter-gather through intermediates needs the source's rows, two hops away, and fires only when they reach the neighbourhood",
  },
  'pass-through': { mode: 'stream', note: "the account's inflows of the last hours against the outgoing payment" },
  'remittance-red-flags': {
    mode: 'stream',
    note: "the beneficiary's incoming remittances; mule-senders needs structured deposits into other accounts and fires only when they reach the neighbourhood",
  },
  layering: {
    mode: 'batch-only',
    note: 'a layer is many accounts paying many: most of its rows touch neither account of the new payment',
  },
  'card-paydown': { mode: 'stream', note: "the payer's recent pay-downs are its outgoing rows" },
  'beneficiary-contacts': {
    mode: 'batch-only',
    note: 'the other beneficiaries sharing the contact, and their senders, are outside the neighbourhood',
  },
  'official-payments': { mode: 'stream', note: "the payee's incoming company payments within the retention" },
  'real-estate-llc': {
    mode: 'stream',
    note: "the buyer's inflows before the purchase; flagged-funders uses what the neighbourhood shows of the funders",
  },
};

export function streamSupport(detector: MonitorDetector): StreamSupport {
  return STREAM_SUPPORT[detector.id] ?? { mode: 'batch-only', note: 'not assessed for streaming' };
}

/** The policy with its batch-only detectors turned off: what the stream engine runs. */
export function streamPolicy(policy: Policy): { policy: Policy; batchOnly: MonitorDetector[] } {
  const batchOnly = enabledDetectors(policy)
    .map((d) => d.detector)
    .filter((d) => streamSupport(d).mode === 'batch-only');
  const detectors = { ...policy.detectors };
  for (const d of batchOnly) detectors[d.id] = { ...(detectors[d.id] ?? { params: {} }), enabled: false };
  return { policy: { ...policy, detectors }, batchOnly };
}

/**
 * How far back a decision must see: the longest look-back any enabled detector's parameters
 * allow, the sum of its day and hour windows (structuring looks 14 days back for deposits and
 * 5 more for the funnel outflow).
 */
export function retentionMs(policy: Policy): number {
  let longest = 0;
  for (const { detector, params } of enabledDetectors(policy)) {
    const parsed = detector.params.parse(params) as Record<string, unknown>;
    let span = 0;
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'number') continue;
      if (key.endsWith('Days')) span += value * DAY_MS;
      else if (key.endsWith('Hours')) span += value * HOUR_MS;
    }
    longest = Math.max(longest, span);
  }
  return longest;
}
