import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { makeTransaction } from '../test-support/fixtures.js';
import { PACS008_NAMESPACE, pacs008Message } from './pacs008.js';

/** Parses XML with a real, namespace-aware parser; returns element paths and their text. */
function read(xml: string): { paths: string[]; text: Map<string, string[]>; namespaces: Set<string> } {
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  const paths: string[] = [];
  const text = new Map<string, string[]>();
  const namespaces = new Set<string>();
  parser.on('opentag', (tag) => {
    stack.push(tag.local);
    namespaces.add(tag.uri);
    paths.push(stack.join('/'));
  });
  parser.on('text', (t) => {
    const path = stack.join('/');
    text.set(path, [...(text.get(path) ?? []), t]);
  });
  parser.on('closetag', () => stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return { paths, text, namespaces };
}

const TX = 'Document/FIToFICstmrCdtTrf/CdtTrfTxInf';

describe('pacs.008 writer', () => {
  it('writes a well-formed message in the pacs.008.001.08 namespace with one transfer per payment', () => {
    const xml = pacs008Message(
      [
        makeTransaction(),
        makeTransaction({ id: 'tx-2', sourceId: 'T2', amount: 1234.5, currency: 'MXN', debtorBank: 'Banco 12', purpose: null }),
      ],
      { messageId: 'MSG-1', createdAt: '2026-03-01T00:00:00Z' },
    );
    const { paths, text, namespaces } = read(xml);
    expect([...namespaces]).toEqual([PACS008_NAMESPACE]);
    expect(paths.filter((p) => p === TX)).toHaveLength(2);
    expect(text.get('Document/FIToFICstmrCdtTrf/GrpHdr/NbOfTxs')).toEqual(['2']);
    expect(text.get(`${TX}/IntrBkSttlmAmt`)).toEqual(['9500.00', '1234.50']);
    expect(text.get(`${TX}/DbtrAgt/FinInstnId/BICFI`)).toEqual(['BANKUS33']);
    expect(text.get(`${TX}/DbtrAgt/FinInstnId/Othr/Id`)).toEqual(['Banco 12']);
    expect(text.get(`${TX}/RmtInf/Ustrd`)).toEqual(['invoice 42']);
  });

  it("keeps the schema's element order inside a transfer", () => {
    const { paths } = read(pacs008Message([makeTransaction()], { messageId: 'M', createdAt: '2026-03-01T00:00:00Z' }));
    const children = paths.filter((p) => p.startsWith(`${TX}/`) && p.split('/').length === 4).map((p) => p.split('/')[3]);
    expect(children).toEqual([
      'PmtId',
      'IntrBkSttlmAmt',
      'IntrBkSttlmDt',
      'ChrgBr',
      'Dbtr',
      'DbtrAcct',
      'DbtrAgt',
      'CdtrAgt',
      'Cdtr',
      'CdtrAcct',
      'RmtInf',
    ]);
  });

  it('escapes markup in names and remittance text', () => {
    const xml = pacs008Message([makeTransaction({ debtorName: 'Smith & Sons <LLC>', purpose: 'a "b" \'c\'' })], {
      messageId: 'M',
      createdAt: '2026-03-01T00:00:00Z',
    });
    const { text } = read(xml);
    expect(text.get(`${TX}/Dbtr/Nm`)?.join('')).toBe('Smith & Sons <LLC>');
    expect(text.get(`${TX}/RmtInf/Ustrd`)?.join('')).toBe('a "b" \'c\'');
  });
});
