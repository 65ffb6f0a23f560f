import type { Alert, Provenance, Shipment, Transaction } from '../model/index.js';

export const PROVENANCE: Provenance = { dataset: 'test', sourceFile: 'fixture.csv', sourceLine: 2, runId: 'run-1' };

export function makeShipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    id: 'shp-1',
    sourceId: 'S1',
    houseBill: 'HB1',
    masterBill: null,
    arrivalDate: '2026-03-01',
    mode: 'express',
    entryType: 'de_minimis',
    originCountry: 'CN',
    exportCountry: 'CN',
    transitCountries: ['DE', 'MX'],
    portOfLading: 'PVG',
    portOfEntry: 'CVG',
    shipperName: 'Hubei Example Chemical Co., Ltd.',
    shipperAddress: 'No. 1 Example Road, Wuhan',
    shipperCountry: 'CN',
    shipperPhone: '+86 27 5555 0101',
    shipperEmail: 'sales@example.cn',
    sellerName: null,
    consigneeName: 'Example Imports LLC',
    consigneeAddress: '1 Main St, Laredo TX',
    consigneeCountry: 'US',
    finalRecipientName: null,
    finalRecipientAddress: null,
    finalRecipientCountry: null,
    description: 'industrial chemical sample',
    hsCode: '293339',
    quantity: 2,
    quantityUnit: 'kg',
    grossWeightKg: 2.4,
    declaredValueUsd: 120.5,
    carrier: 'EXP',
    marketplace: null,
    deaTransactionId: null,
    shipperEntityId: 'party-shipper',
    sellerEntityId: null,
    consigneeEntityId: 'party-consignee',
    finalRecipientEntityId: null,
    attributes: { container: 'MSKU123' },
    ...overrides,
  };
}

export function makeTransaction(overrides: Partial<Transaction> = {}): Transaction {
  return {
    id: 'tx-1',
    sourceId: 'T1',
    timestamp: Date.UTC(2026, 2, 1, 12, 30),
    debtorAccount: 'US001',
    debtorName: 'Example Imports LLC',
    debtorBank: 'BANKUS33',
    debtorCountry: 'US',
    creditorAccount: 'CN002',
    creditorName: 'Hubei Example Chemical Co., Ltd.',
    creditorBank: 'BKCHCNBJ',
    creditorCountry: 'CN',
    amount: 9500,
    currency: 'USD',
    amountUsd: 9500,
    channel: 'wire',
    purpose: 'invoice 42',
    debtorAccountEntityId: 'acct-us001',
    creditorAccountEntityId: 'acct-cn002',
    truthLaundering: null,
    truthScheme: null,
    ...overrides,
  };
}

export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'alert-1',
    detectorId: 'test.detector',
    subjectKind: 'shipment',
    subjectId: 'shp-1',
    score: 75,
    level: 'high',
    reasons: [{ ruleId: 'R1', weight: 0.6, text: 'controlled precursor named', evidence: ['shp-1'] }],
    status: 'open',
    createdAt: '2026-03-02T00:00:00.000Z',
    ...overrides,
  };
}
