import type { Transaction } from '../model/index.js';

/**
 * ISO 20022 pacs.008.001.08 (FI to FI customer credit transfer): the message banks and Tazama
 * exchange. One message per call, one `CdtTrfTxInf` per transaction, elements in the order the
 * schema requires.
 */
export const PACS008_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08';

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

function party(tag: string, name: string | null, country: string | null): string {
  const address = country === null ? '' : `<PstlAdr><Ctry>${country}</Ctry></PstlAdr>`;
  return `<${tag}>${name === null ? '' : `<Nm>${xmlText(name.slice(0, 140))}</Nm>`}${address}</${tag}>`;
}

function account(tag: string, id: string): string {
  return `<${tag}><Id><Othr><Id>${xmlText(id.slice(0, 34))}</Id></Othr></Id></${tag}>`;
}

/** An agent by BIC when the bank id looks like one, else by the bank's own identifier. */
function agent(tag: string, bank: string | null): string {
  const id = bank ?? 'NOTPROVIDED';
  const inner = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/.test(id)
    ? `<BICFI>${id}</BICFI>`
    : `<Othr><Id>${xmlText(id.slice(0, 35))}</Id></Othr>`;
  return `<${tag}><FinInstnId>${inner}</FinInstnId></${tag}>`;
}

function transfer(t: Transaction): string {
  const id = xmlText((t.sourceId ?? t.id).slice(0, 35));
  const amount = t.amount.toFixed(t.currency === 'JPY' ? 0 : 2);
  return (
    '<CdtTrfTxInf>' +
    `<PmtId><InstrId>${id}</InstrId><EndToEndId>${id}</EndToEndId><TxId>${id}</TxId></PmtId>` +
    `<IntrBkSttlmAmt Ccy="${xmlText(t.currency)}">${amount}</IntrBkSttlmAmt>` +
    `<IntrBkSttlmDt>${new Date(t.timestamp).toISOString().slice(0, 10)}</IntrBkSttlmDt>` +
    '<ChrgBr>SLEV</ChrgBr>' +
    party('Dbtr', t.debtorName, t.debtorCountry) +
    account('DbtrAcct', t.debtorAccount) +
    agent('DbtrAgt', t.debtorBank) +
    agent('CdtrAgt', t.creditorBank) +
    party('Cdtr', t.creditorName, t.creditorCountry) +
    account('CdtrAcct', t.creditorAccount) +
    (t.purpose === null ? '' : `<RmtInf><Ustrd>${xmlText(t.purpose.slice(0, 140))}</Ustrd></RmtInf>`) +
    '</CdtTrfTxInf>'
  );
}

export interface Pacs008Options {
  readonly messageId: string;
  /** ISO 8601 creation time of the message (fixed by the caller, so output is reproducible). */
  readonly createdAt: string;
}

export function pacs008Message(transactions: readonly Transaction[], options: Pacs008Options): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Document xmlns="${PACS008_NAMESPACE}"><FIToFICstmrCdtTrf>` +
    `<GrpHdr><MsgId>${xmlText(options.messageId.slice(0, 35))}</MsgId><CreDtTm>${options.createdAt}</CreDtTm>` +
    `<NbOfTxs>${transactions.length}</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>` +
    transactions.map(transfer).join('') +
    '</FIToFICstmrCdtTrf></Document>\n'
  );
}
