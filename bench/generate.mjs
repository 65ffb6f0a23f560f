// Synthetic input files for the ingestion benchmarks, written as streams so any size fits.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

async function writeLines(path, header, count, line) {
  const out = createWriteStream(path);
  if (header) out.write(`${header}\n`);
  let chunk = [];
  for (let i = 0; i < count; i++) {
    chunk.push(line(i));
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

const iso = (i) => new Date(Date.UTC(2026, 0, 1) + i * 37_000).toISOString().replace('.000', '');
const COUNTRIES = ['CN', 'IN', 'DE', 'TR', 'GT', 'MX', 'US', 'HK'];

export const GENERATORS = {
  'transactions-csv': (path, n) =>
    writeLines(
      path,
      'transaction_id,timestamp,debtor_account,debtor_name,debtor_bank,debtor_country,creditor_account,creditor_name,creditor_bank,creditor_country,amount,currency,amount_usd,channel,purpose',
      n,
      (i) =>
        // 50,000 payers and 20,000 payees, each account at one bank, as in a real ledger.
        `T${i},${iso(i)},US${i % 50_000},Holder ${i % 50_000},BANK${i % 40},US,MX${(i * 7) % 20_000},Payee ${(i * 7) % 20_000},BANKMX${((i * 7) % 20_000) % 9},MX,${((i * 13) % 99_999) / 10 + 1},USD,,wire,invoice ${i}`,
    ),
  'shipments-csv': (path, n) =>
    writeLines(
      path,
      'shipment_id,house_bill,arrival_date,mode,entry_type,origin_country,export_country,transit_countries,shipper_name,shipper_address,shipper_country,shipper_phone,consignee_name,consignee_address,consignee_country,description,hs_code,quantity,quantity_unit,gross_weight_kg,declared_value_usd,carrier',
      n,
      (i) => {
        // 20,000 shippers and 30,000 consignees, each with one address and phone.
        const shipper = i % 20_000;
        const consignee = (i * 3) % 30_000;
        return `S${i},HB${i},2026-0${1 + (i % 9)}-1${i % 10},express,de_minimis,CN,CN,${COUNTRIES[i % 8]},Shipper ${shipper} Chemical Co. Ltd.,"No. ${shipper % 999} Road, Wuhan",CN,+86 27 ${shipper},Consignee ${consignee} LLC,"${consignee % 500} Main St, Laredo TX",US,industrial sample ${i % 77},2933.39,${1 + (i % 20)},kg,${1 + (i % 20)}.5,${(i % 790) + 5},EXP${i % 5}`;
      },
    ),
  'amlsim-csv': (path, n) =>
    writeLines(
      path,
      'tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id',
      n,
      (i) =>
        `${i + 1},${i % 100_000},${(i * 31) % 100_000},TRANSFER,${((i * 17) % 100_000) / 100},${iso(i)},${i % 97 === 0 ? 'True' : 'False'},${i % 97 === 0 ? i % 500 : -1}`,
    ),
  'amlworld-csv': (path, n) =>
    writeLines(
      path,
      'Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering',
      n,
      (i) => {
        const d = new Date(Date.UTC(2022, 8, 1) + i * 11_000);
        const ts = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
        const amount = (((i * 19) % 1_000_000) / 100 + 0.01).toFixed(2);
        // 50,000 accounts, each held at one bank (the bank is a function of the account).
        const from = i % 50_000;
        const to = (i * 7) % 50_000;
        const bank = (a) => String(a % 300).padStart(3, '0');
        return `${ts},${bank(from)},80${from.toString(16).toUpperCase()},${bank(to)},80${to.toString(16).toUpperCase()},${amount},US Dollar,${amount},US Dollar,ACH,${i % 1000 === 0 ? 1 : 0}`;
      },
    ),
  ftm: (path, n) =>
    writeLines(path, null, n, (i) =>
      i % 3 === 2
        ? JSON.stringify({
            id: `own-${i}`,
            schema: 'Ownership',
            properties: { owner: [`p-${i - 2}`], asset: [`c-${i - 1}`], percentage: ['51'] },
          })
        : i % 3 === 0
          ? JSON.stringify({
              id: `p-${i}`,
              schema: 'Person',
              properties: { name: [`Person ${i}`], nationality: ['cn'], birthDate: ['1970-01-01'] },
            })
          : JSON.stringify({
              id: `c-${i}`,
              schema: 'Company',
              properties: { name: [`Company ${i} Co., Ltd.`], country: ['cn'], registrationNumber: [`91${i}`] },
            }),
    ),
};
