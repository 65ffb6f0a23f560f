import type { FormatReader } from '../reader.js';
import { amlsimCsv } from './amlsim-csv.js';
import { amlworldCsv } from './amlworld-csv.js';
import { ftmJson } from './ftm-json.js';
import { iso20022Xml } from './iso20022-xml.js';
import { shipmentsCsv } from './shipments-csv.js';
import { transactionsCsv } from './transactions-csv.js';

/** Every input format, in the order auto-detection tries them. */
export const FORMATS: readonly FormatReader[] = [ftmJson, amlworldCsv, amlsimCsv, iso20022Xml, transactionsCsv, shipmentsCsv];

export function formatById(id: string): FormatReader | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** The format whose sniffer accepts the sample, or undefined. */
export function detectFormat(sample: string): FormatReader | undefined {
  return FORMATS.find((f) => f.sniff(sample));
}
