// Name-screening quality against the real OFAC SDN (+ aliases) and UN lists, reproducibly:
//   recall    — variants of listed names (typos, transliteration, reordering, dropped parts,
//               aliases, case and punctuation) must find their entry at the default threshold;
//   alerting  — generated innocent names from many cultures (people and companies) should rarely
//               alert at all.
// Run after `npm run build`:  node bench/screening-quality.mjs [--seed N] [--variants N] [--innocents N] [--threshold T]
import { parseArgs } from 'node:util';
import { loadMatchingPolicy, Matcher, ScreenerBuilder, foldWords } from '../dist/screening/index.js';
import { readLists } from './screening-lists.mjs';
import { innocentCompanies, innocentPeople } from './screening-names.mjs';
import { rng } from './lib/rng.mjs';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '7' },
    variants: { type: 'string', default: '3000' },
    innocents: { type: 'string', default: '6000' },
    threshold: { type: 'string' },
    show: { type: 'string', default: '0' },
    type: { type: 'string' },
  },
});

const random = rng(Number(args.seed));
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const policy = loadMatchingPolicy();
const matcher = new Matcher(policy);
const threshold = args.threshold === undefined ? matcher.threshold : Number(args.threshold);
const lists = readLists();
const builder = new ScreenerBuilder(matcher);
for (const e of lists) builder.addSubject(e, e.dataset);
const screener = builder.build();

// ---- variants of listed names -------------------------------------------------------------------
const words = (name) => name.split(/\s+/).filter(Boolean);

/**
 * One keyboard slip (deletion, insertion, substitution or swap of neighbours) inside the longest
 * word of five letters or more. Words are runs of letters: a slip in a two- or three-letter code
 * ("EP-CFE", "YK-AKD") or in a number makes another code, as "Ocean Star 2" is another ship, and
 * no matcher should call it the same name.
 */
function typo(name) {
  const runs = [...name.matchAll(/\p{L}+/gu)];
  let best;
  for (const r of runs) if (best === undefined || r[0].length > best[0].length) best = r;
  if (best === undefined || best[0].length < 5) return undefined;
  const w = best[0];
  const i = 1 + Math.floor(random() * (w.length - 2));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const edits = [
    () => w.slice(0, i) + w.slice(i + 1),
    () => w.slice(0, i) + pick([...letters]) + w.slice(i),
    () => w.slice(0, i) + pick([...letters]) + w.slice(i + 1),
    () => w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1),
  ];
  const slipped = pick(edits)();
  return name.slice(0, best.index) + slipped + name.slice(best.index + w.length);
}

const SPELLINGS = [
  ['ou', 'u'],
  ['kh', 'h'],
  ['ph', 'f'],
  ['ee', 'i'],
  ['oo', 'u'],
  ['sh', 'sch'],
  ['y', 'i'],
  ['i', 'y'],
  ['w', 'v'],
  ['v', 'w'],
  ['q', 'k'],
  ['dh', 'd'],
  ['gh', 'g'],
  ['c', 'k'],
  ['ck', 'k'],
  ['j', 'dj'],
  ['ie', 'iye'],
  ['yev', 'ev'],
  ['iy', 'y'],
  ['mm', 'm'],
  ['ll', 'l'],
  ['ss', 's'],
  ['tch', 'ch'],
  ['z', 's'],
];
/**
 * One spelling change a transliteration system makes, inside a word of four letters or more: in a
 * two- or three-letter code or syllable a changed letter is another name ("Zhu" and "Shu" are two
 * Chinese surnames, "EP-IEG" and "EP-YEG" two aircraft).
 */
function transliterate(name) {
  const options = [];
  for (const run of name.matchAll(/\p{L}{4,}/gu))
    for (const [from, to] of SPELLINGS) {
      const at = run[0].toLowerCase().indexOf(from);
      if (at >= 0) options.push({ at: run.index + at, from, to });
    }
  if (options.length === 0) return undefined;
  const { at, from, to } = pick(options);
  return name.slice(0, at) + to + name.slice(at + from.length);
}

function reorder(name, schema) {
  if (schema !== 'Person') {
    // Organisations keep their legal form at the end; the words before it change places.
    const prepared = matcher.prepare(name, 'organization');
    if (prepared.tokens.length < 2) return undefined;
    return [...prepared.tokens.slice(1), prepared.tokens[0], prepared.legalForm?.text ?? ''].join(' ').trim();
  }
  const comma = name.indexOf(',');
  if (comma > 0 && !/\b(co|ltd|inc|llc|s\.?a)\b/i.test(name.slice(comma)))
    return `${name.slice(comma + 1).trim()} ${name.slice(0, comma).trim()}`;
  const ws = words(name.replace(/,/g, ' '));
  return ws.length < 2 ? undefined : [...ws.slice(1), ws[0]].join(' ');
}

/**
 * Words that only make sense with the word after them: "Abd al-Rahman", "bin Laden", "de la Cruz",
 * and titles ("Haji Ali", "Dr. Ayman": dropping the name and keeping the title is no variant).
 */
const PREFIXES = new Set([
  'abd',
  'abdel',
  'abdul',
  'abu',
  'bin',
  'ibn',
  'bint',
  'al',
  'el',
  'de',
  'del',
  'la',
  'da',
  'dos',
  'van',
  'von',
  'ould',
  'haji',
  'hajji',
  'hadji',
  'dr',
  'sheikh',
  'shaykh',
  'mullah',
  'maulana',
  'mawlawi',
  'qari',
  'mr',
  'mrs',
]);

/** A person's name as parts: whitespace and hyphen words, each prefix kept with the word it introduces. */
function nameParts(text) {
  const parts = [];
  let pending = '';
  for (const w of words(text)) {
    const bare = w.toLowerCase().replace(/[^a-z]/g, '');
    const head = w.toLowerCase().split(/[-']/)[0];
    if (PREFIXES.has(bare) || (PREFIXES.has(head) && /-$/.test(w))) pending = `${pending}${w} `;
    else {
      parts.push(`${pending}${w}`);
      pending = '';
    }
  }
  if (pending.length > 0) parts.push(pending.trim());
  return parts;
}

/**
 * Drops what people really leave out: a middle name (a given name after the first), or the second
 * of two surnames (Spanish). Lists write people "SURNAME(S), Given names"; without the comma the
 * inner parts are middle names. A prefix goes with its word ("Abd al-Razzaq" is dropped whole).
 */
function dropPart(name, schema) {
  if (schema === 'Person') {
    const comma = name.indexOf(',');
    if (comma > 0) {
      const surnames = nameParts(name.slice(0, comma));
      const given = nameParts(name.slice(comma + 1));
      const options = [];
      if (given.length >= 2)
        for (let i = 1; i < given.length; i++) options.push(() => [surnames, given.filter((_, k) => k !== i)]);
      if (surnames.length === 2) options.push(() => [surnames.slice(0, 1), given]);
      if (options.length === 0) return undefined;
      const [s, g] = pick(options)();
      return `${s.join(' ')}, ${g.join(' ')}`;
    }
    const parts = nameParts(name);
    if (parts.length < 3) return undefined;
    const i = 1 + Math.floor(random() * (parts.length - 2));
    return parts.filter((_, k) => k !== i).join(' ');
  }
  // Organisations: drop the legal form or a trailing generic word, never a distinctive word.
  const prepared = matcher.prepare(name, 'organization');
  if (prepared.legalForm !== null) {
    const folded = foldWords(name);
    const keep = folded.length - prepared.legalForm.text.split(' ').length;
    if (keep >= 1 && prepared.legalForm.text === folded.slice(keep).join(' ')) return folded.slice(0, keep).join(' ');
  }
  const genericAt = prepared.kinds.lastIndexOf('generic');
  if (genericAt >= 0 && prepared.tokens.length > 2) return prepared.tokens.filter((_, i) => i !== genericAt).join(' ');
  return undefined;
}

const casePunct = (name) =>
  (random() < 0.5 ? name.toLowerCase() : name.toUpperCase()).replace(/[ ]/, random() < 0.5 ? ' - ' : '  ');
const alias = (e) => (e.aliases.length > 0 ? pick(e.aliases) : undefined);

const GENERATORS = {
  typo: (e) => typo(e.names[0]),
  transliteration: (e) => transliterate(e.names[0]),
  reordering: (e) => reorder(e.names[0], e.schema),
  'dropped-part': (e) => dropPart(e.names[0], e.schema),
  alias: (e) => alias(e),
  'case-punctuation': (e) => casePunct(e.names[0]),
};

// Scores at the lowest swept threshold, so one run shows recall and alerting at every threshold.
const SWEEP = [0.75, 0.78, 0.8, 0.82, 0.83, 0.84, 0.85, 0.86, 0.88, 0.9, 0.92, 0.95];
const variantScores = [];
const innocentScores = [];
const sweepHits = (e, q) =>
  screener.screen(
    { id: 'q', schema: e.schema, names: [q], countries: [], nationalities: [], birthDates: [], identifiers: [] },
    SWEEP[0],
  );
const perType = {};
const misses = [];
const screenable = lists.filter((e) => words(e.names[0]).length > 0);
const target = Number(args.variants);
for (const [type, generate] of Object.entries(GENERATORS)) {
  const stats = { tried: 0, found: 0 };
  perType[type] = stats;
  let guard = 0;
  while (stats.tried < target / Object.keys(GENERATORS).length && guard++ < target * 20) {
    const e = pick(screenable);
    const q = generate(e);
    if (q === undefined || q === e.names[0]) continue;
    stats.tried++;
    const hits = screener.screen(
      { id: 'q', schema: e.schema, names: [q], countries: [], nationalities: [], birthDates: [], identifiers: [] },
      threshold,
    );
    const own = sweepHits(e, q).find((h) => h.entityId === e.id);
    variantScores.push(own?.result.score ?? 0);
    if (hits.some((h) => h.entityId === e.id)) stats.found++;
    else
      misses.push({
        type,
        query: q,
        listed: e.names[0],
        best: hits[0]?.result.name.candidateName ?? '-',
        bestScore: hits[0]?.result.score ?? 0,
      });
  }
}
const tried = Object.values(perType).reduce((s, t) => s + t.tried, 0);
const found = Object.values(perType).reduce((s, t) => s + t.found, 0);

// ---- innocent names -----------------------------------------------------------------------------
const listedFolded = new Set(lists.flatMap((e) => e.names.map((n) => [...foldWords(n)].sort().join(' '))));
// A generated name spelled exactly like a listed name (same words, any order) is not innocent:
// screening must report it. Such names are counted and left out of the alerting rate.
const generatedInnocents = [
  ...innocentPeople(random, Math.round(Number(args.innocents) * 0.7)).map((n) => ({ name: n, schema: 'Person' })),
  ...innocentCompanies(random, Math.round(Number(args.innocents) * 0.3)).map((n) => ({ name: n, schema: 'Company' })),
];
const isListed = (q) =>
  listedFolded.has([...foldWords(q.name)].sort().join(' ')) ||
  listedFolded.has([...foldWords(q.name, { surnameFirst: true })].sort().join(' '));
const innocents = generatedInnocents.filter((q) => !isListed(q));
const identical = generatedInnocents.length - innocents.length;
let alerted = 0;
const alerts = [];
for (const q of innocents) {
  const hits = screener.screen(
    { id: 'i', schema: q.schema, names: [q.name], countries: [], nationalities: [], birthDates: [], identifiers: [] },
    threshold,
  );
  innocentScores.push(sweepHits(q, q.name)[0]?.result.score ?? 0);
  if (hits.length > 0) {
    alerted++;
    alerts.push({ query: q.name, listed: hits[0].result.name.candidateName, score: hits[0].result.score });
  }
}

const pct = (a, b) => `${((100 * a) / Math.max(b, 1)).toFixed(2)}%`;
console.log(
  `lists       ${lists.length.toLocaleString('en-US')} entries (OFAC SDN 2021-07-07 with alt.csv aliases, UN 2026-02-27); policy ${policy.stamp}; threshold ${threshold}`,
);
console.log(`recall      ${pct(found, tried)} of ${tried} variants`);
for (const [type, s] of Object.entries(perType))
  console.log(`  ${type.padEnd(18)} ${pct(s.found, s.tried).padStart(8)} of ${s.tried}`);
console.log(
  `alerting    ${pct(alerted, innocents.length)} of ${innocents.length} innocent names (${identical} generated names spelled exactly like a listed name left out)`,
);
console.log('threshold   recall   alerting');
for (const t of SWEEP) {
  const r = variantScores.filter((x) => x >= t).length;
  const a = innocentScores.filter((x) => x >= t).length;
  console.log(
    `  ${t.toFixed(2)}    ${pct(r, variantScores.length).padStart(7)}  ${pct(a, innocentScores.length).padStart(7)}${t === threshold ? '  ← threshold' : ''}`,
  );
}
const show = Number(args.show);
if (show > 0) {
  console.log('\nmissed variants:');
  for (const m of misses.filter((m) => args.type === undefined || m.type === args.type).slice(0, show))
    console.log(`  [${m.type}] ${m.query}  ←  ${m.listed}   (best: ${m.best} ${m.bestScore})`);
  console.log('\ninnocent alerts:');
  for (const a of alerts.slice(0, show)) console.log(`  ${a.query}  →  ${a.listed} ${a.score}`);
}
