import type { Provenance } from './provenance.js';

export const SHIPMENT_MODES = ['postal', 'express', 'air_cargo', 'ocean', 'truck', 'rail'] as const;
export type ShipmentMode = (typeof SHIPMENT_MODES)[number];

export const ENTRY_TYPES = ['de_minimis', 'informal', 'formal'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/** The columns of the canonical shipments CSV, in their documented order. */
export const SHIPMENT_COLUMNS = [
  'shipment_id',
  'house_bill',
  'master_bill',
  'arrival_date',
  'mode',
  'entry_type',
  'origin_country',
  'export_country',
  'transit_countries',
  'port_of_lading',
  'port_of_entry',
  'shipper_name',
  'shipper_address',
  'shipper_country',
  'shipper_phone',
  'shipper_email',
  'seller_name',
  'consignee_name',
  'consignee_address',
  'consignee_country',
  'final_recipient_name',
  'final_recipient_address',
  'final_recipient_country',
  'description',
  'hs_code',
  'quantity',
  'quantity_unit',
  'gross_weight_kg',
  'declared_value_usd',
  'carrier',
  'marketplace',
  'dea_transaction_id',
] as const;
export type ShipmentColumn = (typeof SHIPMENT_COLUMNS)[number];

/**
 * One shipment (house bill, parcel or entry line) as a typed row. Chokepoint's own extension of
 * FollowTheMoney: FtM has no trade schema. Optional text is null, never "" or "-1".
 */
export interface Shipment {
  readonly id: string;
  /** The source's own shipment id, kept for display and export. */
  readonly sourceId: string | null;
  readonly houseBill: string | null;
  readonly masterBill: string | null;
  /** ISO 8601 date (YYYY-MM-DD). */
  readonly arrivalDate: string | null;
  readonly mode: ShipmentMode | null;
  readonly entryType: EntryType | null;
  readonly originCountry: string | null;
  readonly exportCountry: string | null;
  /** Transit countries in route order. */
  readonly transitCountries: readonly string[];
  readonly portOfLading: string | null;
  readonly portOfEntry: string | null;
  readonly shipperName: string | null;
  readonly shipperAddress: string | null;
  readonly shipperCountry: string | null;
  readonly shipperPhone: string | null;
  readonly shipperEmail: string | null;
  readonly sellerName: string | null;
  readonly consigneeName: string | null;
  readonly consigneeAddress: string | null;
  readonly consigneeCountry: string | null;
  readonly finalRecipientName: string | null;
  readonly finalRecipientAddress: string | null;
  readonly finalRecipientCountry: string | null;
  readonly description: string | null;
  /** Digits only, 6 to 10 of them. */
  readonly hsCode: string | null;
  readonly quantity: number | null;
  readonly quantityUnit: string | null;
  readonly grossWeightKg: number | null;
  readonly declaredValueUsd: number | null;
  readonly carrier: string | null;
  readonly marketplace: string | null;
  readonly deaTransactionId: string | null;
  /** Entity ids of the parties (LegalEntity records derived at ingest). */
  readonly shipperEntityId: string | null;
  readonly sellerEntityId: string | null;
  readonly consigneeEntityId: string | null;
  readonly finalRecipientEntityId: string | null;
  /** Extra source columns, kept verbatim. */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface ShipmentRecord {
  readonly shipment: Shipment;
  readonly provenance: Provenance;
}
