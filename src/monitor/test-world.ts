import type { Entity, Transaction } from '../model/index.js';
import { ContextBuilder, type EntityContext } from './context.js';
import { buildTable, type TransactionTable } from './table.js';

/**
 * Small hand-built payment graphs for tests: `pay` adds a transaction with sensible defaults,
 * `party`/`director` add FtM context. Times are days (fractions allowed) from 2024-09-02.
 */
export class TestWorld {
  readonly transactions: Transaction[] = [];
  private readonly entities: Entity[] = [];
  private readonly start = Date.parse('2024-09-02T00:00:00Z');

  pay(o: {
    from: string;
    to: string;
    usd: number;
    day: number;
    amount?: number;
    currency?: string;
    channel?: string;
    purpose?: string;
    fromCountry?: string;
    toCountry?: string;
    fromName?: string;
    toName?: string;
  }): string {
    const id = `T${this.transactions.length + 1}`;
    this.transactions.push({
      id,
      sourceId: id,
      timestamp: this.start + o.day * 86_400_000,
      debtorAccount: o.from,
      debtorName: o.fromName ?? (o.from === 'CASH' ? null : `Holder ${o.from}`),
      debtorBank: null,
      debtorCountry: o.fromCountry ?? 'US',
      creditorAccount: o.to,
      creditorName: o.toName ?? (o.to === 'CASH' ? null : `Holder ${o.to}`),
      creditorBank: null,
      creditorCountry: o.toCountry ?? o.fromCountry ?? 'US',
      amount: o.amount ?? o.usd,
      currency: o.currency ?? 'USD',
      amountUsd: o.usd,
      channel: o.channel ?? 'wire',
      purpose: o.purpose ?? null,
      debtorAccountEntityId: `acct-${o.from}`,
      creditorAccountEntityId: `acct-${o.to}`,
      truthLaundering: null,
      truthScheme: null,
    });
    return id;
  }

  /** A party holding `account`, with extra FtM properties (position, incorporationDate, ...). */
  party(id: string, schema: 'Person' | 'Company', name: string, account: string, extra: Record<string, string[]> = {}): void {
    this.entities.push({ id, schema, properties: { name: [name], ...extra } });
    this.entities.push({ id: `ba-${account}`, schema: 'BankAccount', properties: { accountNumber: [account] } });
    this.entities.push({
      id: `own-${id}-${account}`,
      schema: 'Ownership',
      properties: { owner: [id], asset: [`ba-${account}`], role: ['account holder'] },
    });
  }

  director(person: string, company: string): void {
    this.entities.push({
      id: `dir-${person}-${company}`,
      schema: 'Directorship',
      properties: { director: [person], organization: [company] },
    });
  }

  build(shippers: readonly { name: string; hs: string }[] = []): { table: TransactionTable; context: EntityContext } {
    const context = new ContextBuilder();
    for (const e of this.entities) context.addEntity(e);
    for (const s of shippers) context.addShipment({ shipperName: s.name, hsCode: s.hs });
    return { table: buildTable(this.transactions), context: context.build() };
  }
}
