import { z } from 'zod';
import type { Transaction } from '../../model/index.js';
import { parseFlatObject } from './flat-json.js';

const Text = z.string().min(1);
const Optional = z.string().nullable().optional();
const Country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as US')
  .nullable()
  .optional();

/** Epoch milliseconds, or an ISO 8601 date-time string with a zone. */
const Timestamp = z.union([
  z.number().finite(),
  z
    .string()
    .refine((s) => /T.*(Z|[+-]\d\d:?\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)), {
      message: 'expected epoch milliseconds or an ISO 8601 date-time with a zone',
    })
    .transform((s) => Date.parse(s)),
]);

/**
 * One transaction as a JSON line: the fields of the canonical `Transaction` type. Only the
 * payment itself is required; party details default to unknown (null), and the truth labels of
 * simulated data are accepted and ignored by the detectors.
 */
export const TransactionLine = z.strictObject({
  id: Text,
  sourceId: Optional,
  timestamp: Timestamp,
  debtorAccount: Text,
  debtorName: Optional,
  debtorBank: Optional,
  debtorCountry: Country,
  creditorAccount: Text,
  creditorName: Optional,
  creditorBank: Optional,
  creditorCountry: Country,
  amount: z.number().finite().nonnegative(),
  currency: Text,
  amountUsd: z.number().finite().nonnegative().nullable().optional(),
  channel: Optional,
  purpose: Optional,
  debtorAccountEntityId: z.string().optional(),
  creditorAccountEntityId: z.string().optional(),
  truthLaundering: z
    .union([z.literal(0), z.literal(1)])
    .nullable()
    .optional(),
  truthScheme: Optional,
});

export type ParsedLine =
  { readonly ok: true; readonly transaction: Transaction } | { readonly ok: false; readonly error: string; readonly id?: string };

/**
 * Parses and validates one input line. A bad line is a value naming the line and the field,
 * never an exception: the monitor decides it as an error and goes on.
 */
export function parseTransactionLine(text: string, line: number): ParsedLine {
  // A flat line of plain values without JSON.parse (see parseFlatObject), anything else with it.
  let raw: unknown = parseFlatObject(text);
  if (raw === undefined)
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return { ok: false, error: `line ${line}: not valid JSON: ${(err as Error).message}` };
    }
  const fast = plainTransaction(raw);
  return fast === undefined ? parseWithSchema(raw, line) : { ok: true, transaction: fast };
}

/** Validates a parsed line with the schema: the reference, and the path that names what is wrong. */
export function parseWithSchema(raw: unknown, line: number): ParsedLine {
  const parsed = TransactionLine.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined || issue.path.length === 0 ? '(line)' : issue.path.map(String).join('.');
    const id =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : undefined;
    return { ok: false, error: `line ${line}: ${field}: ${issue?.message ?? 'invalid'}`, ...(id === undefined ? {} : { id }) };
  }
  const t = parsed.data;
  return { ok: true, transaction: transaction(t, t.timestamp) };
}

type Line = z.input<typeof TransactionLine>;

function transaction(t: Line, timestamp: number): Transaction {
  return {
    id: t.id,
    sourceId: t.sourceId ?? t.id,
    timestamp,
    debtorAccount: t.debtorAccount,
    debtorName: t.debtorName ?? null,
    debtorBank: t.debtorBank ?? null,
    debtorCountry: t.debtorCountry ?? null,
    creditorAccount: t.creditorAccount,
    creditorName: t.creditorName ?? null,
    creditorBank: t.creditorBank ?? null,
    creditorCountry: t.creditorCountry ?? null,
    amount: t.amount,
    currency: t.currency,
    amountUsd: t.amountUsd ?? null,
    channel: t.channel ?? null,
    purpose: t.purpose ?? null,
    // Evidence names accounts by number in the stream: there is no store to give entity ids.
    debtorAccountEntityId: '',
    creditorAccountEntityId: '',
    truthLaundering: null,
    truthScheme: null,
  };
}

const KNOWN_FIELDS = new Set(Object.keys(TransactionLine.shape));
const OPTIONAL_TEXT = [
  'sourceId',
  'debtorName',
  'debtorBank',
  'creditorName',
  'creditorBank',
  'channel',
  'purpose',
  'truthScheme',
];

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isOptionalText = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCountry = (v: unknown): boolean => {
  if (v === undefined || v === null) return true;
  if (typeof v !== 'string' || v.length !== 2) return false;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90;
};

/**
 * The common case without the schema: a line whose fields all plainly hold (timestamp in epoch
 * ms) becomes a transaction directly; anything else (an unknown field, a wrong type, an ISO
 * timestamp) returns undefined and goes through the schema, which decides and explains. Must
 * never accept what the schema rejects (a test checks the two on mutated lines): the schema
 * allocated several objects per line, a third of the monitor's parsing time.
 */
function plainTransaction(raw: unknown): Transaction | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  for (const key in r) if (!KNOWN_FIELDS.has(key)) return undefined;
  const timestamp = r['timestamp'];
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return undefined;
  if (!isText(r['id']) || !isText(r['debtorAccount']) || !isText(r['creditorAccount']) || !isText(r['currency']))
    return undefined;
  if (!isAmount(r['amount'])) return undefined;
  const usd = r['amountUsd'];
  if (usd !== undefined && usd !== null && !isAmount(usd)) return undefined;
  for (const key of OPTIONAL_TEXT) if (!isOptionalText(r[key])) return undefined;
  if (!isCountry(r['debtorCountry']) || !isCountry(r['creditorCountry'])) return undefined;
  for (const key of ['debtorAccountEntityId', 'creditorAccountEntityId'])
    if (r[key] !== undefined && typeof r[key] !== 'string') return undefined;
  const truth = r['truthLaundering'];
  if (truth !== undefined && truth !== null && truth !== 0 && truth !== 1) return undefined;
  return transaction(r as Line, timestamp);
}
