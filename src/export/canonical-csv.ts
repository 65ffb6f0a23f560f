import { SHIPMENT_COLUMNS, TRANSACTION_COLUMNS } from '../model/index.js';
import type { Shipment, Transaction } from '../model/index.js';
import { csvLine } from './csv-writer.js';

/**
 * Writes records back in the canonical CSV layouts, so an export can be ingested again (by
 * Chokepoint or anyone else). Shipment attributes become extra columns after the canonical ones.
 */
export async function* shipmentsToCsv(shipments: () => AsyncIterable<Shipment>): AsyncGenerator<string> {
  // Attribute columns vary by row: one pass collects them, a second writes.
  const extra = new Set<string>();
  for await (const s of shipments()) for (const k of Object.keys(s.attributes)) extra.add(k);
  const extras = [...extra].sort();
  yield csvLine([...SHIPMENT_COLUMNS, ...extras]);
  for await (const s of shipments()) {
    yield csvLine([
      s.sourceId,
      s.houseBill,
      s.masterBill,
      s.arrivalDate,
      s.mode,
      s.entryType,
      s.originCountry,
      s.exportCountry,
      s.transitCountries.join(';'),
      s.portOfLading,
      s.portOfEntry,
      s.shipperName,
      s.shipperAddress,
      s.shipperCountry,
      s.shipperPhone,
      s.shipperEmail,
      s.sellerName,
      s.consigneeName,
      s.consigneeAddress,
      s.consigneeCountry,
      s.finalRecipientName,
      s.finalRecipientAddress,
      s.finalRecipientCountry,
      s.description,
      s.hsCode,
      s.quantity,
      s.quantityUnit,
      s.grossWeightKg,
      s.declaredValueUsd,
      s.carrier,
      s.marketplace,
      s.deaTransactionId,
      ...extras.map((k) => s.attributes[k]),
    ]);
  }
}

export async function* transactionsToCsv(transactions: AsyncIterable<Transaction>): AsyncGenerator<string> {
  yield csvLine(TRANSACTION_COLUMNS);
  for await (const t of transactions) {
    yield csvLine([
      t.sourceId,
      new Date(t.timestamp).toISOString(),
      t.debtorAccount,
      t.debtorName,
      t.debtorBank,
      t.debtorCountry,
      t.creditorAccount,
      t.creditorName,
      t.creditorBank,
      t.creditorCountry,
      t.amount,
      t.currency,
      t.amountUsd,
      t.channel,
      t.purpose,
    ]);
  }
}
