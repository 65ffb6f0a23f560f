// Generated "listed" names for the screening benchmarks: made-up words from syllables, so a list
// of a million names has few accidental duplicates. People have two to four name parts,
// companies a brand, a trade and a legal form.
const SYL = [
  'ba',
  'ka',
  'ri',
  'mo',
  'lu',
  'sen',
  'dar',
  'vel',
  'tor',
  'an',
  'el',
  'is',
  'om',
  'ur',
  'zha',
  'qin',
  'hao',
  'mir',
  'nov',
  'ski',
  'ez',
  'ova',
  'ian',
  'son',
  'berg',
  'ton',
  'li',
  'na',
  'ro',
  'sa',
];
const TRADES = ['Chemical', 'Trading', 'Technology', 'Pharmaceutical', 'Logistics', 'Import Export', 'Industrial', 'Holdings'];
const FORMS = ['Co., Ltd.', 'LLC', 'S.A. de C.V.', 'GmbH', 'Inc.', 'Limited', ''];

/** A match subject with only names (the shape the screener takes). */
export const subject = (id, schema, names) => ({
  id,
  schema,
  names,
  countries: [],
  nationalities: [],
  birthDates: [],
  identifiers: [],
});

/** `generated(i)`: the i-th listed subject, drawn from `random` (a seeded generator). */
export function listedSubjects(random) {
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const word = (n) => {
    let w = '';
    for (let i = 0; i < n; i++) w += pick(SYL);
    return w[0].toUpperCase() + w.slice(1);
  };
  return (i) => {
    const person = random() < 0.6;
    const name = person
      ? [word(2), random() < 0.4 ? word(2) : '', word(2 + Math.floor(random() * 2))].filter(Boolean).join(' ')
      : `${word(2)} ${word(1 + Math.floor(random() * 2))} ${pick(TRADES)} ${pick(FORMS)}`.trim();
    return subject(`g${i}`, person ? 'Person' : 'Company', [name]);
  };
}
