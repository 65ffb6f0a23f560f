import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { contentId, type Provenance, type Transaction } from '../../model/index.js';
import { EntityDeriver } from '../derived-entities.js';
import * as f from '../field-parsers.js';
import { FieldError, SourceError } from '../rejection.js';
import type { FormatReader, ReadContext, ReadItem } from '../reader.js';
import { derivePaymentSides } from './payment-sides.js';

/** The message types read, by namespace prefix (any version). */
const PACS008 = 'urn:iso:std:iso:20022:tech:xsd:pacs.008.';
const PAIN001 = 'urn:iso:std:iso:20022:tech:xsd:pain.001.';

/** Element text by path relative to the enclosing block (e.g. "Cdtr/PstlAdr/Ctry"), plus the Ccy attribute of amounts. */
type Fields = Map<string, string>;

function accountId(fields: Fields, prefix: string): string | undefined {
  return fields.get(`${prefix}/Id/IBAN`) ?? fields.get(`${prefix}/Id/Othr/Id`);
}

function agentId(fields: Fields, prefix: string): string | undefined {
  return (
    fields.get(`${prefix}/FinInstnId/BICFI`) ??
    fields.get(`${prefix}/FinInstnId/Othr/Id`) ??
    fields.get(`${prefix}/FinInstnId/Nm`)
  );
}

/** A date (settlement or execution day, taken as midnight UTC) or a date-time. */
function when(field: string, value: string | undefined): number {
  if (value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return f.isoTimestamp(field, `${value.trim()}T00:00:00Z`);
  return f.isoTimestamp(field, value);
}

/**
 * One transfer as a typed transaction. pacs.008 carries every field in the `CdtTrfTxInf`;
 * pain.001 puts the debtor side and the execution date in the enclosing `PmtInf` (`outer`).
 */
function transfer(
  kind: 'pacs.008' | 'pain.001',
  tx: Fields,
  outer: Fields,
  header: Fields,
): Omit<Transaction, 'debtorAccountEntityId' | 'creditorAccountEntityId'> {
  const d = kind === 'pain.001' ? outer : tx;
  const amountPath = kind === 'pacs.008' ? 'IntrBkSttlmAmt' : 'Amt/InstdAmt';
  const amount = f.requiredDecimal(amountPath, tx.get(amountPath), { min: 0 });
  const currency = f.currencyCode(`${amountPath}@Ccy`, tx.get(`${amountPath}@Ccy`));
  const datePath = kind === 'pacs.008' ? 'IntrBkSttlmDt' : 'ReqdExctnDt';
  const date =
    kind === 'pacs.008'
      ? (tx.get('IntrBkSttlmDt') ?? header.get('CreDtTm'))
      : (outer.get('ReqdExctnDt/Dt') ?? outer.get('ReqdExctnDt') ?? outer.get('ReqdExctnDt/DtTm'));
  const sourceId = f.text(tx.get('PmtId/TxId') ?? tx.get('PmtId/EndToEndId') ?? tx.get('PmtId/InstrId'));
  const purpose = [tx.get('RmtInf/Ustrd'), tx.get('Purp/Cd')].filter((x): x is string => x !== undefined && x.trim() !== '');
  return {
    id: '',
    sourceId: sourceId === 'NOTPROVIDED' ? null : sourceId,
    timestamp: when(datePath, date),
    debtorAccount: f.required('DbtrAcct/Id', accountId(d, 'DbtrAcct')),
    debtorName: f.text(d.get('Dbtr/Nm')),
    debtorBank: f.text(agentId(d, 'DbtrAgt')),
    debtorCountry: f.country('Dbtr/PstlAdr/Ctry', d.get('Dbtr/PstlAdr/Ctry')),
    creditorAccount: f.required('CdtrAcct/Id', accountId(tx, 'CdtrAcct')),
    creditorName: f.text(tx.get('Cdtr/Nm')),
    creditorBank: f.text(agentId(tx, 'CdtrAgt')),
    creditorCountry: f.country('Cdtr/PstlAdr/Ctry', tx.get('Cdtr/PstlAdr/Ctry')),
    amount,
    currency,
    amountUsd: currency === 'USD' ? amount : null,
    channel: 'wire',
    purpose: purpose.length === 0 ? null : purpose.join('; '),
    truthLaundering: null,
    truthScheme: null,
  };
}

/**
 * ISO 20022 credit transfers: pacs.008 (FI to FI customer credit transfer) and pain.001
 * (customer credit transfer initiation), any version. Streamed through a namespace-aware SAX
 * parser, one transaction per `CdtTrfTxInf`; a document type declaration is refused outright,
 * so no external entity is ever fetched and no entity is expanded. A transfer missing a
 * required element is rejected naming its line and the element's path.
 */
export const iso20022Xml: FormatReader = {
  id: 'iso20022-xml',
  description: 'ISO 20022 pacs.008 or pain.001 credit-transfer XML',
  primary: 'transactions',
  sniff: (sample) => sample.includes(PACS008) || sample.includes(PAIN001),
  async *read(input: Readable, context: ReadContext): AsyncIterable<ReadItem> {
    const file = context.sourceFile;
    const parser = new SaxesParser({ xmlns: true, position: true });
    const derive = new EntityDeriver();
    const queue: ReadItem[] = [];
    let kind: 'pacs.008' | 'pain.001' | undefined;
    let namespace = '';
    let failure: SourceError | undefined;
    const stack: string[] = [];
    // Where the current blocks start in the stack, and their fields.
    let txDepth = -1;
    let txLine = 0;
    let outerDepth = -1;
    let headerDepth = -1;
    let tx: Fields = new Map();
    let outer: Fields = new Map();
    const header: Fields = new Map();
    let text = '';
    const relative = (from: number): string => stack.slice(from + 1).join('/');

    parser.on('doctype', () => {
      failure ??= new SourceError(
        file,
        parser.line,
        'a DOCTYPE is not accepted in ISO 20022 messages (no external entities, no entity expansion)',
      );
    });
    parser.on('error', (err) => {
      failure ??= new SourceError(file, parser.line, `not well-formed XML: ${err.message.replace(/^.*?:\d+:\d+: /, '')}`);
    });
    parser.on('opentag', (tag) => {
      if (stack.length === 0) {
        namespace = tag.uri;
        kind = namespace.startsWith(PACS008) ? 'pacs.008' : namespace.startsWith(PAIN001) ? 'pain.001' : undefined;
        if (tag.local !== 'Document' || kind === undefined)
          failure ??= new SourceError(
            file,
            parser.line,
            `expected a pacs.008 or pain.001 Document, found <${tag.local}> in namespace "${tag.uri}"`,
          );
      }
      // Elements of other namespaces (supplementary data) are skipped with their content.
      stack.push(tag.uri === namespace ? tag.local : `{${tag.uri}}${tag.local}`);
      text = '';
      if (tag.local === 'CdtTrfTxInf' && txDepth < 0) {
        txDepth = stack.length - 1;
        txLine = parser.line;
        tx = new Map();
      } else if (tag.local === 'PmtInf' && outerDepth < 0) {
        outerDepth = stack.length - 1;
        outer = new Map();
      } else if (tag.local === 'GrpHdr' && headerDepth < 0) headerDepth = stack.length - 1;
      const ccy = tag.attributes['Ccy'];
      if (ccy !== undefined && txDepth >= 0) tx.set(`${relative(txDepth)}@Ccy`, typeof ccy === 'string' ? ccy : ccy.value);
    });
    parser.on('text', (t) => (text += t));
    parser.on('closetag', () => {
      const depth = stack.length - 1;
      const value = text.trim();
      if (value !== '') {
        const target =
          txDepth >= 0
            ? [tx, txDepth]
            : outerDepth >= 0
              ? [outer, outerDepth]
              : headerDepth >= 0
                ? [header, headerDepth]
                : undefined;
        if (target !== undefined) {
          const [fields, from] = target as [Fields, number];
          const path = relative(from);
          if (!fields.has(path)) fields.set(path, value);
        }
      }
      text = '';
      if (depth === txDepth && kind !== undefined) {
        const provenance: Provenance = { dataset: context.dataset, sourceFile: file, sourceLine: txLine, runId: context.runId };
        try {
          const t = transfer(kind, tx, outer, header);
          const sides = derivePaymentSides(
            derive,
            provenance,
            { account: t.debtorAccount, name: t.debtorName, bank: t.debtorBank, country: t.debtorCountry },
            { account: t.creditorAccount, name: t.creditorName, bank: t.creditorBank, country: t.creditorCountry },
          );
          const id =
            t.sourceId !== null
              ? contentId('transaction', context.dataset, t.sourceId)
              : contentId('transaction', context.dataset, txLine);
          queue.push({
            kind: 'transaction',
            record: {
              transaction: {
                ...t,
                id,
                debtorAccountEntityId: sides.debtorAccountEntityId,
                creditorAccountEntityId: sides.creditorAccountEntityId,
              },
              provenance,
            },
            derived: sides.derived,
          });
        } catch (err) {
          if (!(err instanceof FieldError)) throw err;
          queue.push({ kind: 'rejected', rejection: { file, line: txLine, field: err.field, reason: err.reason } });
        }
        txDepth = -1;
      } else if (depth === outerDepth) outerDepth = -1;
      else if (depth === headerDepth) headerDepth = -1;
      stack.pop();
    });

    for await (const chunk of input) {
      if (failure === undefined) parser.write(typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8'));
      yield* queue.splice(0);
      if (failure !== undefined) throw failure;
    }
    if (failure === undefined) parser.close();
    yield* queue.splice(0);
    if (failure !== undefined) throw failure;
    if (stack.length !== 0 || kind === undefined) throw new SourceError(file, parser.line, 'the document ends early');
  },
};
