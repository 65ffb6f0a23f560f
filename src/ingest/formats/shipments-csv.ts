import { ENTRY_TYPES, SHIPMENT_COLUMNS, SHIPMENT_MODES, contentId } from '../../model/index.js';
import type { EntityRecord, Shipment } from '../../model/index.js';
import type { Header } from '../csv-source.js';
import * as f from '../field-parsers.js';
import { headerColumns } from '../reader.js';
import { csvFormat, type Cell } from './csv-format.js';

const KNOWN = new Set<string>(SHIPMENT_COLUMNS);

/** A validated shipment row before identities: the parties' entity ids and the record id come after. */
export type ShipmentBody = Omit<
  Shipment,
  'id' | 'shipperEntityId' | 'sellerEntityId' | 'consigneeEntityId' | 'finalRecipientEntityId'
>;

/**
 * Validates and parses the cells of one canonical shipments row (column positions resolved once
 * per header). Shared by the ingest reader and the screening's lean reader, so both accept and
 * refuse exactly the same rows, with the same field named. Cells are checked in column order of
 * the record below; the first bad one throws a FieldError.
 */
export function shipmentParser(header: Header, options: { readonly attributes: boolean }): (cell: Cell) => ShipmentBody {
  const at = (name: string): number => header.position(name);
  const extras = options.attributes
    ? [...new Set(header.names.filter((n) => !KNOWN.has(n)))].map((n) => [n, at(n)] as const)
    : [];
  const c = {
    shipmentId: at('shipment_id'),
    houseBill: at('house_bill'),
    masterBill: at('master_bill'),
    arrivalDate: at('arrival_date'),
    mode: at('mode'),
    entryType: at('entry_type'),
    originCountry: at('origin_country'),
    exportCountry: at('export_country'),
    transitCountries: at('transit_countries'),
    portOfLading: at('port_of_lading'),
    portOfEntry: at('port_of_entry'),
    shipperName: at('shipper_name'),
    shipperAddress: at('shipper_address'),
    shipperCountry: at('shipper_country'),
    shipperPhone: at('shipper_phone'),
    shipperEmail: at('shipper_email'),
    sellerName: at('seller_name'),
    consigneeName: at('consignee_name'),
    consigneeAddress: at('consignee_address'),
    consigneeCountry: at('consignee_country'),
    finalRecipientName: at('final_recipient_name'),
    finalRecipientAddress: at('final_recipient_address'),
    finalRecipientCountry: at('final_recipient_country'),
    description: at('description'),
    hsCode: at('hs_code'),
    quantity: at('quantity'),
    quantityUnit: at('quantity_unit'),
    grossWeightKg: at('gross_weight_kg'),
    declaredValueUsd: at('declared_value_usd'),
    carrier: at('carrier'),
    marketplace: at('marketplace'),
    deaTransactionId: at('dea_transaction_id'),
  };
  return (cell) => {
    // An absent optional column reads as undefined, like an empty cell.
    const get = (i: number): string | undefined => (i < 0 ? undefined : cell(i));
    const attributes: Record<string, string> = {};
    for (const [name, i] of extras) {
      const v = f.text(get(i));
      if (v !== null) attributes[name] = v;
    }
    return {
      sourceId: f.text(get(c.shipmentId)),
      houseBill: f.text(get(c.houseBill)),
      masterBill: f.text(get(c.masterBill)),
      arrivalDate: f.isoDate('arrival_date', get(c.arrivalDate)),
      mode: f.oneOf('mode', get(c.mode), SHIPMENT_MODES),
      entryType: f.oneOf('entry_type', get(c.entryType), ENTRY_TYPES),
      originCountry: f.country('origin_country', get(c.originCountry)),
      exportCountry: f.country('export_country', get(c.exportCountry)),
      transitCountries: f.countryList('transit_countries', get(c.transitCountries)),
      portOfLading: f.text(get(c.portOfLading)),
      portOfEntry: f.text(get(c.portOfEntry)),
      shipperName: f.text(get(c.shipperName)),
      shipperAddress: f.text(get(c.shipperAddress)),
      shipperCountry: f.country('shipper_country', get(c.shipperCountry)),
      shipperPhone: f.text(get(c.shipperPhone)),
      shipperEmail: f.text(get(c.shipperEmail)),
      sellerName: f.text(get(c.sellerName)),
      consigneeName: f.text(get(c.consigneeName)),
      consigneeAddress: f.text(get(c.consigneeAddress)),
      consigneeCountry: f.country('consignee_country', get(c.consigneeCountry)),
      finalRecipientName: f.text(get(c.finalRecipientName)),
      finalRecipientAddress: f.text(get(c.finalRecipientAddress)),
      finalRecipientCountry: f.country('final_recipient_country', get(c.finalRecipientCountry)),
      description: f.text(get(c.description)),
      hsCode: f.hsCode('hs_code', get(c.hsCode)),
      quantity: f.decimal('quantity', get(c.quantity), { min: 0 }),
      quantityUnit: f.text(get(c.quantityUnit)),
      grossWeightKg: f.decimal('gross_weight_kg', get(c.grossWeightKg), { min: 0 }),
      declaredValueUsd: f.decimal('declared_value_usd', get(c.declaredValueUsd), { min: 0 }),
      carrier: f.text(get(c.carrier)),
      marketplace: f.text(get(c.marketplace)),
      deaTransactionId: f.text(get(c.deaTransactionId)),
      attributes,
    };
  };
}

/** The shipment's record id: the source's id, else its house bill, else its whole content. */
export function shipmentId(dataset: string, body: ShipmentBody, fields: () => readonly string[]): string {
  return body.sourceId !== null || body.houseBill !== null
    ? contentId('shipment', dataset, body.sourceId ?? `hb:${body.houseBill}`)
    : contentId('shipment', dataset, ...fields());
}

/** The canonical shipments CSV (see README): one row per house bill, parcel or entry line. */
export const shipmentsCsv = csvFormat({
  id: 'shipments-csv',
  description: 'canonical shipments CSV (shipment_id, arrival_date, shipper_name, ...)',
  primary: 'shipments',
  sniff: (sample) => {
    const cols = headerColumns(sample);
    return cols.includes('shipment_id') || (cols.includes('house_bill') && cols.includes('shipper_name'));
  },
  requiredColumns: [],
  mapper: ({ header, read, derive }) => {
    const parse = shipmentParser(header, { attributes: true });
    return (row, provenance) => {
      const body = parse((i) => row.fields[i]);
      const derived: EntityRecord[] = [];
      const party = (
        name: string | null,
        country: string | null,
        extra: { address?: string | null; phone?: string | null; email?: string | null } = {},
      ): string | null => (name === null ? null : derive.party({ name, country, ...extra }, provenance, derived));
      // Parties are derived only once every cell has parsed, so a rejected row derives nothing.
      const shipment: Shipment = {
        id: shipmentId(read.dataset, body, () => row.fields),
        ...body,
        shipperEntityId: party(body.shipperName, body.shipperCountry, {
          address: body.shipperAddress,
          phone: body.shipperPhone,
          email: body.shipperEmail,
        }),
        sellerEntityId: party(body.sellerName, null),
        consigneeEntityId: party(body.consigneeName, body.consigneeCountry, { address: body.consigneeAddress }),
        finalRecipientEntityId: party(body.finalRecipientName, body.finalRecipientCountry, {
          address: body.finalRecipientAddress,
        }),
      };
      return { kind: 'shipment', record: { shipment, provenance }, derived };
    };
  },
});
