import { z } from 'zod';
import type { Transaction } from '../../model/index.js';

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
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `line ${line}: not valid JSON: ${(err as Error).message}` };
  }
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
  return {
    ok: true,
    transaction: {
      id: t.id,
      sourceId: t.sourceId ?? t.id,
      timestamp: t.timestamp,
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
    },
  };
}
