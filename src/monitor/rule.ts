import type { z } from 'zod';
import type { EntityContext } from './context.js';
import type { TransactionTable } from './table.js';

/**
 * One detector outcome: a rule fired on some rows and accounts. The rows and accounts listed in
 * `rows` and `accounts` are the subjects it scores; `related` names the counterparties that
 * explain it without being scored themselves. Weights are not the detector's business: the
 * policy attaches them (see score.ts).
 */
export interface Finding {
  readonly ruleId: string;
  readonly text: string;
  /** Row indexes into the table: the evidence transactions, scored. */
  readonly rows: readonly number[];
  /** Account indexes: the accounts scored. */
  readonly accounts: readonly number[];
  /** Account indexes named as evidence but not scored. */
  readonly related?: readonly number[];
  /** Names (e.g. cash depositors) named as evidence. */
  readonly names?: readonly string[];
}

export interface RuleInput {
  readonly table: TransactionTable;
  readonly context: EntityContext;
  /** Findings of the detectors that ran before this one (network propagation reads them). */
  readonly prior: readonly Finding[];
  /** Accounts whose score from the detectors that ran before already reaches the alert threshold. */
  readonly flagged: { has(account: number): boolean };
}

export interface RuleMeta {
  readonly typology: string;
  readonly description: string;
}

/**
 * A self-describing detector: id, version, what each of its rules means and which typology it
 * serves, its parameters as a zod schema (defaults included; the policy validator and the docs
 * come from it), and a pure run over the table.
 */
export interface MonitorDetector {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly rules: Readonly<Record<string, RuleMeta>>;
  readonly params: z.ZodType;
  /** Parses `params` (unknown: the policy holds them as data) and runs. */
  run(input: RuleInput, params: unknown): Finding[];
}

export function defineDetector<S extends z.ZodType>(definition: {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly rules: Readonly<Record<string, RuleMeta>>;
  readonly params: S;
  readonly detect: (input: RuleInput, params: z.infer<S>) => Finding[];
}): MonitorDetector {
  // The streaming monitor runs a detector once per transaction with the same policy params:
  // parse each params object once (policies are immutable data once loaded).
  const parsed = new WeakMap<object, z.infer<S>>();
  const parse = (params: unknown): z.infer<S> => {
    if (typeof params !== 'object' || params === null) return definition.params.parse(params);
    let value = parsed.get(params);
    if (value === undefined) parsed.set(params, (value = definition.params.parse(params)));
    return value;
  };
  return {
    id: definition.id,
    version: definition.version,
    description: definition.description,
    rules: definition.rules,
    params: definition.params,
    run: (input, params) => definition.detect(input, parse(params)),
  };
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Case-insensitive keyword test on free text. */
export function mentions(text: string | null | undefined, keywords: readonly string[]): string | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  const lower = text.toLowerCase();
  return keywords.find((k) => lower.includes(k.toLowerCase()));
}

/** Legal-form words that mark a name as a company's (in the languages of the corridor). */
const LEGAL_FORMS =
  /\b(llc|l\.l\.c|inc|corp|corporation|co|company|ltd|limited|gmbh|ag|sa|s\.a|de c\.v|s\. de r\.l|sas|bv|plc|lp|llp|holdings|group|trading|pvt)\b\.?/i;

export function looksLikeCompany(name: string | null | undefined): boolean {
  return name !== null && name !== undefined && LEGAL_FORMS.test(name);
}

/**
 * `Math.round(usd).toLocaleString('en-US')` ("12,345"), without a call into ICU: a finding's
 * text is built on every decision it scores, and the locale call was a tenth of scatter-gather's
 * time in the stream.
 */
export function dollars(usd: number): string {
  const n = Math.round(usd);
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let k = out.length; k < digits.length; k += 3) out += `,${digits.slice(k, k + 3)}`;
  return n < 0 ? `-${out}` : out;
}
