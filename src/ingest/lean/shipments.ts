import { contentId, type EntryType, type Shipment, type ShipmentMode } from '../../model/index.js';
import { nameKey } from '../derived-entities.js';
import { shipmentId, shipmentParser, type ShipmentBody } from '../formats/shipments-csv.js';
import { readCsvLean, type LeanCsvOptions, type LeanCsvSink, type LeanCsvSpec } from './csv-file.js';

// Bound on the memo of party ids: a forgotten one is only computed again.
const PARTY_MEMO_LIMIT = 200_000;

/** Party entity ids as the ingest reader derives them (content ids of name and country), memoised. */
class PartyIds {
  private readonly memo = new Map<string, string>();

  of(name: string | null, country: string | null): string | null {
    if (name === null) return null;
    const key = `${name}\u0001${country ?? ''}`;
    let id = this.memo.get(key);
    if (id === undefined) {
      id = contentId('party', nameKey(name), country);
      if (this.memo.size >= PARTY_MEMO_LIMIT) this.memo.clear();
      this.memo.set(key, id);
    }
    return id;
  }
}

/**
 * A shipment read for screening. Its record id and the parties' entity ids are the ones the
 * ingest reader gives, but computed on first read (getters on the prototype): rules rarely need
 * them, and hashing them for every row costs more than the rules. A spread copy (`{...s}`) leaves
 * them out; read them by name.
 */
class LeanShipment implements Shipment {
  readonly sourceId: string | null;
  readonly houseBill: string | null;
  readonly masterBill: string | null;
  readonly arrivalDate: string | null;
  readonly mode: ShipmentMode | null;
  readonly entryType: EntryType | null;
  readonly originCountry: string | null;
  readonly exportCountry: string | null;
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
  readonly hsCode: string | null;
  readonly quantity: number | null;
  readonly quantityUnit: string | null;
  readonly grossWeightKg: number | null;
  readonly declaredValueUsd: number | null;
  readonly carrier: string | null;
  readonly marketplace: string | null;
  readonly deaTransactionId: string | null;
  readonly attributes: Readonly<Record<string, string>>;
  readonly #dataset: string;
  readonly #parties: PartyIds;
  /** The content id, when it had to be computed from the whole row at read time. */
  readonly #contentId: string | null;

  constructor(b: ShipmentBody, dataset: string, parties: PartyIds, rowId: string | null) {
    this.sourceId = b.sourceId;
    this.houseBill = b.houseBill;
    this.masterBill = b.masterBill;
    this.arrivalDate = b.arrivalDate;
    this.mode = b.mode;
    this.entryType = b.entryType;
    this.originCountry = b.originCountry;
    this.exportCountry = b.exportCountry;
    this.transitCountries = b.transitCountries;
    this.portOfLading = b.portOfLading;
    this.portOfEntry = b.portOfEntry;
    this.shipperName = b.shipperName;
    this.shipperAddress = b.shipperAddress;
    this.shipperCountry = b.shipperCountry;
    this.shipperPhone = b.shipperPhone;
    this.shipperEmail = b.shipperEmail;
    this.sellerName = b.sellerName;
    this.consigneeName = b.consigneeName;
    this.consigneeAddress = b.consigneeAddress;
    this.consigneeCountry = b.consigneeCountry;
    this.finalRecipientName = b.finalRecipientName;
    this.finalRecipientAddress = b.finalRecipientAddress;
    this.finalRecipientCountry = b.finalRecipientCountry;
    this.description = b.description;
    this.hsCode = b.hsCode;
    this.quantity = b.quantity;
    this.quantityUnit = b.quantityUnit;
    this.grossWeightKg = b.grossWeightKg;
    this.declaredValueUsd = b.declaredValueUsd;
    this.carrier = b.carrier;
    this.marketplace = b.marketplace;
    this.deaTransactionId = b.deaTransactionId;
    this.attributes = b.attributes;
    this.#dataset = dataset;
    this.#parties = parties;
    this.#contentId = rowId;
  }

  get id(): string {
    return this.#contentId ?? shipmentId(this.#dataset, this, () => []);
  }
  get shipperEntityId(): string | null {
    return this.#parties.of(this.shipperName, this.shipperCountry);
  }
  get sellerEntityId(): string | null {
    return this.#parties.of(this.sellerName, null);
  }
  get consigneeEntityId(): string | null {
    return this.#parties.of(this.consigneeName, this.consigneeCountry);
  }
  get finalRecipientEntityId(): string | null {
    return this.#parties.of(this.finalRecipientName, this.finalRecipientCountry);
  }
}

/** The canonical shipments CSV read lean: same validation as `shipments-csv`, no provenance, no derived entities. */
export function leanShipments(dataset: string): LeanCsvSpec<Shipment> {
  return {
    requiredColumns: [],
    parser: (header) => {
      const parse = shipmentParser(header, { attributes: false });
      const parties = new PartyIds();
      const width = header.names.length;
      return (cell) => {
        const body = parse(cell);
        // Without a source id or house bill the id hashes the whole row: only then is it computed now.
        const rowId =
          body.sourceId === null && body.houseBill === null
            ? shipmentId(dataset, body, () => Array.from({ length: width }, (_, i) => cell(i) as string))
            : null;
        return new LeanShipment(body, dataset, parties, rowId);
      };
    },
  };
}

export function readShipmentsLean(
  path: string,
  dataset: string,
  sink: LeanCsvSink<Shipment>,
  options: LeanCsvOptions = {},
): Promise<{ rows: number; rejected: number }> {
  return readCsvLean(path, leanShipments(dataset), sink, options);
}
