import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';

/** The previous hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** One audited event, as hashed: everything a row says except its own hash. */
export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  /** User id, or "system" / "cli:<name>". */
  readonly actor: string;
  /** e.g. "case.create", "case.read", "alert.dismiss", "user.add". */
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  /** The compartment of the target, when it has one (a restricted case). */
  readonly team: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditRow extends AuditEvent {
  readonly prevHash: string;
  readonly hash: string;
}

/** sha256 over the previous row's hash and the canonical JSON of the event. */
export function chainHash(prevHash: string, event: AuditEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(event)).digest('hex');
}

/** The hashed part of a row: everything but its two hashes. */
export function eventOf(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    targetKind: row.targetKind,
    targetId: row.targetId,
    team: row.team,
    detail: row.detail,
  };
}

export type ChainBreak =
  | { readonly seq: number; readonly reason: 'sequence'; readonly expected: number }
  | { readonly seq: number; readonly reason: 'previous-hash'; readonly expected: string }
  | { readonly seq: number; readonly reason: 'hash'; readonly expected: string };

/**
 * Checks rows in order against the chain; pure, fed page by page. Returns the first break, or
 * undefined while the chain holds. A row edited in place fails its own hash; a row deleted or
 * inserted breaks the sequence or the next row's previous hash.
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private nextSeq = 1;
  checked = 0;

  check(row: AuditRow): ChainBreak | undefined {
    if (row.seq !== this.nextSeq) return { seq: row.seq, reason: 'sequence', expected: this.nextSeq };
    if (row.prevHash !== this.prev) return { seq: row.seq, reason: 'previous-hash', expected: this.prev };
    const expected = chainHash(this.prev, eventOf(row));
    if (row.hash !== expected) return { seq: row.seq, reason: 'hash', expected };
    this.prev = row.hash;
    this.nextSeq += 1;
    this.checked += 1;
    return undefined;
  }

  /** The hash of the last good row (the chain's head). */
  get head(): string {
    return this.prev;
  }
}
