// Entity resolution speed and quality, run after `npm run build`:
//   node bench/resolve.mjs [--records 1000000] [--seed 7] [--dir .bench/resolve]
// Generates people and companies (names from screening-names.mjs), copies a share of them with
// realistic variations (typos, reordered and dropped name parts, reformatted phones and
// addresses, missing fields, moved house, another e-mail) into three CSV files with different
// headers, resolves them through the built `resolveFiles` and scores the clusters against the
// generated truth. Prints records/s, stage seconds, pairs compared, peak RSS and pairwise and
// cluster precision / recall / F1. Batch resolution has no per-query latency: stage seconds stand in.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Matcher, loadMatchingPolicy } from '../dist/screening/index.js';
import { loadResolutionPolicy, resolveFiles } from '../dist/resolve/index.js';
import { innocentCompanies, innocentPeople } from './screening-names.mjs';
import { rng } from './lib/rng.mjs';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    dir: { type: 'string', default: '.bench/resolve' },
  },
});
const RECORDS = Number(args.records);

const random = rng(Number(args.seed));
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const chance = (p) => random() < p;
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);

const STREETS = [
  'Main',
  'Oak',
  'Station',
  'Harbour',
  'Market',
  'Church',
  'Mill',
  'Park',
  'Lake',
  'Hill',
  'Bridge',
  'River',
  'Garden',
  'Victoria',
  'King',
  'Queen',
  'Jiefang',
  'Renmin',
  'Zhongshan',
  'Reforma',
  'Juarez',
  'Hidalgo',
  'Lenin',
  'Nehru',
  'Ataturk',
];
const STREET_TYPES = [
  ['Street', 'St'],
  ['Road', 'Rd'],
  ['Avenue', 'Ave'],
  ['Lane', 'Ln'],
  ['Boulevard', 'Blvd'],
];
const CITIES = [
  'Springfield',
  'Hangzhou',
  'Shanghai',
  'Guadalajara',
  'Culiacan',
  'Mumbai',
  'Lagos',
  'Istanbul',
  'Hamburg',
  'Lyon',
  'Seoul',
  'Osaka',
  'Hanoi',
  'Tehran',
  'Moscow',
  'Toronto',
  'Vancouver',
  'Manila',
  'Bogota',
  'Lima',
];
const COUNTRIES = ['US', 'CN', 'MX', 'IN', 'NG', 'TR', 'DE', 'FR', 'KR', 'JP', 'VN', 'IR', 'RU', 'CA', 'PH', 'CO', 'PE'];
const PROVIDERS = ['mail.com', 'post.net', 'inbox.org', 'fastmail.io', 'qq.com', '163.com', 'web.de', 'yandex.ru'];

function address() {
  const [long, short] = pick(STREET_TYPES);
  return {
    number: int(1, 999),
    street: pick(STREETS),
    type: [long, short],
    city: pick(CITIES),
    unit: chance(0.3) ? int(1, 40) : 0,
  };
}
function formatAddress(a, short) {
  const unit = a.unit > 0 ? `, ${short ? 'Fl' : 'Floor'} ${a.unit}` : '';
  return `${a.number} ${a.street} ${short ? a.type[1] : a.type[0]}${unit}, ${a.city}`;
}
const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');
function date() {
  return `${int(1940, 2005)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
}
const slug = (name) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '') || 'x';

const people = innocentPeople(random, Math.ceil(RECORDS * 0.6));
const companies = innocentCompanies(random, Math.ceil(RECORDS * 0.4));

/** An entity: its true values. Identifiers mostly for companies, dates of birth for people. */
function entity(i) {
  const person = chance(0.6);
  const name = person ? people[i % people.length] : companies[i % companies.length];
  return {
    truth: i,
    name,
    schema: person ? 'Person' : 'Company',
    address: address(),
    date: chance(person ? 0.85 : 0.5) ? date() : '',
    identifier: chance(person ? 0.15 : 0.6) ? `${person ? 'P' : 'REG'}${digits(9)}` : '',
    country: pick(COUNTRIES),
    phone: chance(0.7) ? digits(10) : '',
    email: chance(0.6) ? `${slug(name).slice(0, 20)}${int(1, 999)}@${pick(PROVIDERS)}` : '',
  };
}

function typo(word) {
  if (word.length < 4) return word;
  const i = int(1, word.length - 2);
  const r = random();
  if (r < 0.35) return word.slice(0, i) + word.slice(i + 1);
  if (r < 0.7) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + pick(['a', 'e', 'i', 'o', 'u', 'y']) + word.slice(i + 1);
}

/** A copy of an entity as another source recorded it. */
function variant(e) {
  let words = e.name.split(' ');
  if (chance(0.3)) {
    const k = int(0, words.length - 1);
    words[k] = typo(words[k]);
  }
  if (e.schema === 'Person' && words.length > 1 && chance(0.15)) words = [...words.slice(1), words[0]];
  if (e.schema === 'Person' && words.length > 2 && chance(0.2)) words.splice(1, 1);
  let name = words.join(' ');
  if (chance(0.2)) name = name.toUpperCase();
  const a = chance(0.1) ? address() : e.address;
  const phone =
    e.phone === '' || chance(0.2)
      ? ''
      : chance(0.1)
        ? digits(10)
        : chance(0.5)
          ? `+1 ${e.phone.slice(0, 3)} ${e.phone.slice(3, 6)}-${e.phone.slice(6)}`
          : e.phone;
  let day = e.date;
  if (day !== '' && chance(0.04)) day = `${day.slice(0, 8)}${String(Math.min(28, Number(day.slice(8)) + 1)).padStart(2, '0')}`;
  return {
    name,
    address: chance(0.15) ? '' : formatAddress(a, chance(0.5)),
    date: chance(0.2) ? '' : day,
    identifier: chance(0.3) ? '' : e.identifier,
    country: chance(0.1) ? '' : e.country,
    phone,
    email: e.email === '' || chance(0.25) ? '' : chance(0.15) ? `${e.email.split('@')[0]}@${pick(PROVIDERS)}` : e.email,
    schema: e.schema,
  };
}

const SOURCES = [
  { file: 'crm.csv', header: ['id', 'name', 'address', 'dob', 'country', 'phone', 'email', 'tax_id', 'type'] },
  {
    file: 'payments.csv',
    header: [
      'Record ID',
      'Full Name',
      'Street Address',
      'Date of Birth',
      'Country Code',
      'Telephone',
      'E-mail',
      'Registration Number',
      'Entity Type',
    ],
  },
  {
    file: 'registry.csv',
    header: ['ref', 'party_name', 'addr', 'birth_date', 'jurisdiction', 'mobile', 'email_address', 'identifier', 'kind'],
  },
];
const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const generateStart = performance.now();
mkdirSync(args.dir, { recursive: true });
const lines = SOURCES.map((s) => [s.header.join(',')]);
const truth = new Map();
let written = 0;
let entities = 0;
while (written < RECORDS) {
  const e = entity(entities++);
  const r = random();
  const copies = Math.min(RECORDS - written, r < 0.55 ? 1 : r < 0.8 ? 2 : r < 0.92 ? 3 : int(4, 5));
  for (let c = 0; c < copies; c++) {
    const v = c === 0 ? { ...e, address: formatAddress(e.address, false) } : variant(e);
    const s = int(0, SOURCES.length - 1);
    const id = `r${written}`;
    truth.set(`${SOURCES[s].file}\u001f${id}`, e.truth);
    lines[s].push([id, v.name, v.address, v.date, v.country, v.phone, v.email, v.identifier, v.schema].map(quote).join(','));
    written++;
  }
}
const files = SOURCES.map((s, i) => {
  const path = join(args.dir, s.file);
  writeFileSync(path, `${lines[i].join('\n')}\n`);
  return path;
});
lines.length = 0;
console.log(
  `generated    ${fmt(written)} records of ${fmt(entities)} entities in ${((performance.now() - generateStart) / 1000).toFixed(1)} s`,
);

const matcher = new Matcher(loadMatchingPolicy());
const policy = loadResolutionPolicy();
const out = join(args.dir, 'clusters.csv');
const started = performance.now();
const summary = await resolveFiles(files, { policy, matcher, out });
const seconds = (performance.now() - started) / 1000;
const resolveMb = mb();

// Quality: pairs in one predicted cluster against pairs of one true entity.
const clusterOf = new Map();
for (const line of readFileSync(out, 'utf8').split('\n').slice(1)) {
  if (line === '') continue;
  const [source, id, cluster] = line.split(',');
  clusterOf.set(`${source}\u001f${id}`, cluster);
}
const bySet = (keyOf) => {
  const m = new Map();
  for (const [record, t] of truth) {
    const k = keyOf(record, t);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
};
const pairsIn = (m) => [...m.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
const truePairs = pairsIn(bySet((_, t) => t));
const predictedPairs = pairsIn(bySet((r) => clusterOf.get(r)));
const bothPairs = pairsIn(bySet((r, t) => `${clusterOf.get(r)}|${t}`));
const f1 = (p, r) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const precision = bothPairs / Math.max(1, predictedPairs);
const recall = bothPairs / Math.max(1, truePairs);
// Clusters: a predicted cluster is right when it holds exactly one true entity's records.
const members = (keyOf) => {
  const m = new Map();
  for (const [record, t] of truth) {
    const k = keyOf(record, t);
    const list = m.get(k) ?? [];
    list.push(record);
    m.set(k, list);
  }
  return m;
};
const trueSets = new Set([...members((_, t) => t).values()].map((l) => l.sort().join('|')));
const predictedSets = [...members((r) => clusterOf.get(r)).values()].map((l) => l.sort().join('|'));
const exact = predictedSets.filter((s) => trueSets.has(s)).length;
const clusterPrecision = exact / predictedSets.length;
const clusterRecall = exact / trueSets.size;

const s = summary.stats;
console.log(
  `resolved     ${fmt(s.records)} records in ${seconds.toFixed(1)} s: ${fmt(s.records / seconds)} records/s (read, block, compare, train, cluster, write)`,
);
console.log(
  `stages       ${Object.entries(s.stages)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(', ')}`,
);
console.log(
  `blocking     ${fmt(s.blocking.keys)} keys, ${fmt(s.blocking.postingsRead)} postings read, ${fmt(s.blocking.keysSkipped)} common keys skipped`,
);
console.log(
  `pairs        ${fmt(s.pairsCompared)} candidate pairs compared (${(s.pairsCompared / s.records).toFixed(2)} per record), ${fmt(s.randomPairs)} random pairs for u`,
);
console.log(
  `model        prior ${summary.model.prior.toFixed(4)}, EM ${summary.model.iterations} iterations, converged ${summary.model.converged}`,
);
console.log(
  `weights      ${Object.entries(summary.weights)
    .map(
      ([f, l]) =>
        `${f} ${Object.entries(l)
          .map(([k, v]) => `${k} ${v}`)
          .join('/')}`,
    )
    .join('; ')}`,
);
console.log(
  `links        ${fmt(s.links)} above the threshold; refused: ${fmt(s.refused.conflict)} conflict, ${fmt(s.refused.weak)} weak, ${fmt(s.refused.size)} size`,
);
console.log(`clusters     ${fmt(s.clusters)} (truth ${fmt(entities)}), largest ${s.largestCluster}`);
console.log(
  `pairwise     precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}, F1 ${f1(precision, recall).toFixed(4)} (${fmt(truePairs)} true pairs)`,
);
console.log(
  `cluster      precision ${clusterPrecision.toFixed(4)}, recall ${clusterRecall.toFixed(4)}, F1 ${f1(clusterPrecision, clusterRecall).toFixed(4)} (exact clusters)`,
);
console.log(
  `memory       peak RSS ${fmt(resolveMb)} MB after resolving (generator and truth included), ${fmt(mb())} MB after scoring`,
);
