import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pacs008Message } from '../../export/index.js';
import { makeTransaction } from '../../test-support/fixtures.js';
import type { ReadItem } from '../reader.js';
import { SourceError } from '../rejection.js';
import { iso20022Xml } from './iso20022-xml.js';

const context = { sourceFile: 'msg.xml', dataset: 'iso', runId: 'run', columnMap: {} };

async function readAll(xml: string, chunk = 37): Promise<ReadItem[]> {
  // Small chunks: elements and text are split across writes, as in a real stream.
  const parts: string[] = [];
  for (let i = 0; i < xml.length; i += chunk) parts.push(xml.slice(i, i + chunk));
  const items: ReadItem[] = [];
  for await (const item of iso20022Xml.read(Readable.from(parts), context)) items.push(item);
  return items;
}

const PAIN001 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09" xmlns:x="urn:example:extra">
 <CstmrCdtTrfInitn>
  <GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-09-03T10:00:00Z</CreDtTm><NbOfTxs>2</NbOfTxs></GrpHdr>
  <PmtInf>
   <PmtInfId>P1</PmtInfId><PmtMtd>TRF</PmtMtd>
   <ReqdExctnDt><Dt>2024-09-04</Dt></ReqdExctnDt>
   <Dbtr><Nm>Importadora Norte S. de R.L. de C.V.</Nm><PstlAdr><Ctry>MX</Ctry></PstlAdr></Dbtr>
   <DbtrAcct><Id><IBAN>MX12BANK0001</IBAN></Id></DbtrAcct>
   <DbtrAgt><FinInstnId><BICFI>BNORMXMM</BICFI></FinInstnId></DbtrAgt>
   <CdtTrfTxInf>
    <PmtId><EndToEndId>E2E-1</EndToEndId></PmtId>
    <Amt><InstdAmt Ccy="USD">24000.00</InstdAmt></Amt>
    <CdtrAgt><FinInstnId><BICFI>HUBKCNBJ</BICFI></FinInstnId></CdtrAgt>
    <Cdtr><Nm>Hubei Kaiyuan New Material Co., Ltd.</Nm><PstlAdr><Ctry>CN</Ctry></PstlAdr></Cdtr>
    <CdtrAcct><Id><Othr><Id>CN-778</Id></Othr></Id></CdtrAcct>
    <x:Note><Nm>not the creditor</Nm></x:Note>
    <RmtInf><Ustrd>organic intermediate</Ustrd></RmtInf>
   </CdtTrfTxInf>
   <CdtTrfTxInf>
    <PmtId><EndToEndId>E2E-2</EndToEndId></PmtId>
    <Cdtr><Nm>No Amount Ltd</Nm></Cdtr>
    <CdtrAcct><Id><Othr><Id>CN-779</Id></Othr></Id></CdtrAcct>
   </CdtTrfTxInf>
  </PmtInf>
 </CstmrCdtTrfInitn>
</Document>`;

describe('ISO 20022 reader', () => {
  it('reads back what the pacs.008 writer wrote', async () => {
    const written = [
      makeTransaction(),
      makeTransaction({ id: 'tx-2', sourceId: 'T2', amount: 1234.5, currency: 'MXN', debtorBank: 'Banco 12', purpose: null }),
    ];
    const items = await readAll(pacs008Message(written, { messageId: 'MSG', createdAt: '2026-03-01T00:00:00Z' }));
    const read = items.flatMap((i) => (i.kind === 'transaction' ? [i.record.transaction] : []));
    expect(read).toHaveLength(2);
    for (const [k, t] of read.entries()) {
      const w = written[k]!;
      expect(t.sourceId).toBe(w.sourceId);
      expect([t.debtorAccount, t.creditorAccount, t.debtorName, t.creditorName, t.amount, t.currency, t.purpose]).toEqual([
        w.debtorAccount,
        w.creditorAccount,
        w.debtorName,
        w.creditorName,
        w.amount,
        w.currency,
        w.purpose,
      ]);
      expect(new Date(t.timestamp).toISOString().slice(0, 10)).toBe(new Date(w.timestamp).toISOString().slice(0, 10));
    }
    expect(iso20022Xml.sniff(pacs008Message(written, { messageId: 'M', createdAt: '2026-03-01T00:00:00Z' }))).toBe(true);
  });

  it('reads pain.001 with the debtor side from the payment block, and rejects a transfer without an amount by line and element', async () => {
    const items = await readAll(PAIN001);
    const t = items.find((i) => i.kind === 'transaction');
    expect(t?.kind === 'transaction' && t.record.transaction).toMatchObject({
      sourceId: 'E2E-1',
      debtorAccount: 'MX12BANK0001',
      debtorName: 'Importadora Norte S. de R.L. de C.V.',
      debtorCountry: 'MX',
      debtorBank: 'BNORMXMM',
      creditorAccount: 'CN-778',
      creditorName: 'Hubei Kaiyuan New Material Co., Ltd.',
      creditorCountry: 'CN',
      amount: 24000,
      currency: 'USD',
      timestamp: Date.parse('2024-09-04T00:00:00Z'),
      purpose: 'organic intermediate',
    });
    const rejected = items.find((i) => i.kind === 'rejected');
    expect(rejected?.kind === 'rejected' && rejected.rejection).toMatchObject({
      file: 'msg.xml',
      line: 20,
      field: 'Amt/InstdAmt',
    });
  });

  it('refuses a DOCTYPE, so no external entity is fetched and no entity expanded', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${PAIN001.replace('<Nm>No Amount Ltd</Nm>', '<Nm>&x;</Nm>').replace(/^<\?xml[^>]*>\n/, '')}`;
    await expect(readAll(xxe)).rejects.toThrow(/DOCTYPE is not accepted/);
  });

  it('fails a malformed or foreign document with the file and line', async () => {
    await expect(readAll(PAIN001.replace('</CstmrCdtTrfInitn>', ''))).rejects.toBeInstanceOf(SourceError);
    await expect(readAll('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><x/></Document>')).rejects.toThrow(
      /msg\.xml:1: expected a pacs\.008 or pain\.001 Document/,
    );
  });
});
