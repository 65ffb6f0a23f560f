import { ENTRY_TYPES, SHIPMENT_COLUMNS, SHIPMENT_MODES, contentId } from '../../model/index.js';
import type { EntityRecord, Shipment } from '../../model/index.js';
import * as f from '../field-parsers.js';
import { headerColumns } from '../reader.js';
import { csvFormat } from './csv-format.js';

const KNOWN = new Set<string>(SHIPMENT_COLUMNS);

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
    const extras = header.names.filter((n) => !KNOWN.has(n));
    return (row, provenance) => {
      const get = (c: string): string | undefined => row.get(c);
      const sourceId = f.text(get('shipment_id'));
      const houseBill = f.text(get('house_bill'));
      const attributes: Record<string, string> = {};
      for (const name of extras) {
        const v = f.text(get(name));
        if (v !== null) attributes[name] = v;
      }
      const derived: EntityRecord[] = [];
      const party = (
        prefix: string,
        extra: { address?: string | null; phone?: string | null; email?: string | null },
      ): string | null => {
        const name = f.text(get(`${prefix}_name`));
        if (name === null) return null;
        return derive.party(
          { name, country: f.country(`${prefix}_country`, get(`${prefix}_country`)), ...extra },
          provenance,
          derived,
        );
      };
      const body = {
        sourceId,
        houseBill,
        masterBill: f.text(get('master_bill')),
        arrivalDate: f.isoDate('arrival_date', get('arrival_date')),
        mode: f.oneOf('mode', get('mode'), SHIPMENT_MODES),
        entryType: f.oneOf('entry_type', get('entry_type'), ENTRY_TYPES),
        originCountry: f.country('origin_country', get('origin_country')),
        exportCountry: f.country('export_country', get('export_country')),
        transitCountries: f.countryList('transit_countries', get('transit_countries')),
        portOfLading: f.text(get('port_of_lading')),
        portOfEntry: f.text(get('port_of_entry')),
        shipperName: f.text(get('shipper_name')),
        shipperAddress: f.text(get('shipper_address')),
        shipperCountry: f.country('shipper_country', get('shipper_country')),
        shipperPhone: f.text(get('shipper_phone')),
        shipperEmail: f.text(get('shipper_email')),
        sellerName: f.text(get('seller_name')),
        consigneeName: f.text(get('consignee_name')),
        consigneeAddress: f.text(get('consignee_address')),
        consigneeCountry: f.country('consignee_country', get('consignee_country')),
        finalRecipientName: f.text(get('final_recipient_name')),
        finalRecipientAddress: f.text(get('final_recipient_address')),
        finalRecipientCountry: f.country('final_recipient_country', get('final_recipient_country')),
        description: f.text(get('description')),
        hsCode: f.hsCode('hs_code', get('hs_code')),
        quantity: f.decimal('quantity', get('quantity'), { min: 0 }),
        quantityUnit: f.text(get('quantity_unit')),
        grossWeightKg: f.decimal('gross_weight_kg', get('gross_weight_kg'), { min: 0 }),
        declaredValueUsd: f.decimal('declared_value_usd', get('declared_value_usd'), { min: 0 }),
        carrier: f.text(get('carrier')),
        marketplace: f.text(get('marketplace')),
        deaTransactionId: f.text(get('dea_transaction_id')),
        attributes,
      };
      // Parties are derived only once every cell has parsed, so a rejected row derives nothing.
      const shipment: Shipment = {
        id:
          sourceId !== null || houseBill !== null
            ? contentId('shipment', read.dataset, sourceId ?? `hb:${houseBill}`)
            : contentId('shipment', read.dataset, ...row.fields),
        ...body,
        shipperEntityId: party('shipper', { address: body.shipperAddress, phone: body.shipperPhone, email: body.shipperEmail }),
        sellerEntityId:
          body.sellerName === null ? null : derive.party({ name: body.sellerName, country: null }, provenance, derived),
        consigneeEntityId: party('consignee', { address: body.consigneeAddress }),
        finalRecipientEntityId: party('final_recipient', { address: body.finalRecipientAddress }),
      };
      return { kind: 'shipment', record: { shipment, provenance }, derived };
    };
  },
});
