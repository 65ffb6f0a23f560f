import type { Levers } from '../levers.js';
import type { Party, Planted, ShipmentRow, TransactionRow } from '../records.js';
import type { TruthRow } from '../truth.js';
import type { Network, World } from '../world.js';

/** What every scheme planner is given: pure inputs, no I/O. */
export interface SchemeContext {
  readonly seed: number;
  readonly startDate: string;
  readonly days: number;
  readonly levers: Levers;
  readonly world: World;
  /** Records a scheme should plant at default levers (keeps the illicit share about 0.5%). */
  readonly budget: number;
}

/** A scheme's planted records; entity and account truth rows carry their final ids already. */
export interface SchemePlan {
  readonly shipments: readonly Planted<ShipmentRow>[];
  readonly transactions: readonly Planted<TransactionRow>[];
  readonly truth: readonly TruthRow[];
  /**
   * Parties the scheme brings into the world beyond the network's actors (shells, clients, title
   * companies): written to entities.ftm.json like every other party, so that truth and the
   * payments that name them have an entity to point at.
   */
  readonly parties?: readonly Party[];
}

export interface SchemeType {
  /** Prefix of scheme ids, e.g. "split-precursor" → "split-precursor-0003". */
  readonly name: string;
  readonly typology: string;
  plan(context: SchemeContext, network: Network): SchemePlan;
}

export function schemeId(type: { readonly name: string }, network: Network): string {
  return `${type.name}-${String(network.index).padStart(4, '0')}`;
}

export function entityTruth(party: Party, tag: Omit<TruthRow, 'recordKind' | 'recordId' | 'kg' | 'usd'>): TruthRow {
  return { recordKind: 'entity', recordId: party.id, kg: 0, usd: 0, ...tag };
}

export function accountTruth(party: Party, tag: Omit<TruthRow, 'recordKind' | 'recordId' | 'kg' | 'usd'>): TruthRow {
  return { recordKind: 'account', recordId: party.account.number, kg: 0, usd: 0, ...tag };
}

/** The shipment columns naming a party in one role. */
export function shipperColumns(p: Party): ShipmentRow {
  return {
    shipper_name: p.name,
    shipper_address: p.address,
    shipper_country: p.country,
    shipper_phone: p.phone,
    shipper_email: p.email,
  };
}

export function consigneeColumns(p: Party): ShipmentRow {
  return { consignee_name: p.name, consignee_address: p.address, consignee_country: p.country };
}

export function finalRecipientColumns(p: Party): ShipmentRow {
  return { final_recipient_name: p.name, final_recipient_address: p.address, final_recipient_country: p.country };
}

export function debtorColumns(p: Party): TransactionRow {
  return {
    debtor_account: p.account.number,
    debtor_name: p.name,
    debtor_bank: p.account.bank,
    debtor_country: p.account.country,
  };
}

export function creditorColumns(p: Party): TransactionRow {
  return {
    creditor_account: p.account.number,
    creditor_name: p.name,
    creditor_bank: p.account.bank,
    creditor_country: p.account.country,
  };
}

/** A time of day in business hours, as milliseconds after midnight. */
export function businessHoursMs(rng: { int(min: number, max: number): number }): number {
  return (rng.int(8, 18) * 3600 + rng.int(0, 3599)) * 1000;
}

/**
 * An e-mail address of the scheme's own making. The population derives e-mails from names, so
 * namesakes share one by chance; a scheme whose parties are meant to share contacts (or not)
 * gives them a mailbox no namesake can hit.
 */
export function ownMailbox(rng: { int(min: number, max: number): number }, local: string, country: string): string {
  const slug = local
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${slug}${rng.int(100, 99_999)}@mail.example${country === 'US' ? '' : `.${country.toLowerCase()}`}`;
}
