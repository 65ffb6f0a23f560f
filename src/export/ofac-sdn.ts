/**
 * OFAC's SDN list layout (`sdn.csv` and `alt.csv`): no header, every text field quoted, "-0- "
 * for an empty field, programs joined by "] [". Written so that tools built for Treasury's files
 * (and Chokepoint's own watchlist importer) read a simulated list exactly like the real one.
 */
export interface SdnEntry {
  /** OFAC's entity number (`ent_num`). */
  readonly entNum: number;
  /** The name as designated: "LAST, First" for individuals, upper case for entities. */
  readonly name: string;
  /** "individual", "vessel", "aircraft", or empty for entities. */
  readonly type: '' | 'individual' | 'vessel' | 'aircraft';
  readonly programs: readonly string[];
  readonly title?: string;
  /** Free remarks: "DOB 01 Jan 1970; nationality China; Linked To: ...". */
  readonly remarks?: string;
  readonly aliases?: readonly { readonly name: string; readonly type: 'aka' | 'fka' | 'nka'; readonly weak?: boolean }[];
}

const EMPTY = '-0- ';

function quoted(value: string | undefined): string {
  if (value === undefined || value === '') return EMPTY;
  return `"${value.replace(/"/g, "'")}"`;
}

/** One `sdn.csv` line (12 fields, CRLF as Treasury writes it). */
export function sdnLine(e: SdnEntry): string {
  return (
    [
      String(e.entNum),
      quoted(e.name),
      quoted(e.type),
      quoted(e.programs.join('] [')),
      quoted(e.title),
      EMPTY,
      EMPTY,
      EMPTY,
      EMPTY,
      EMPTY,
      EMPTY,
      quoted(e.remarks),
    ].join(',') + '\r\n'
  );
}

/** The `alt.csv` lines of an entry's aliases; weak aliases carry OFAC's "weak" remark. */
export function altLines(e: SdnEntry, firstAltNum: number): string {
  return (e.aliases ?? [])
    .map(
      (a, i) =>
        [String(e.entNum), String(firstAltNum + i), quoted(a.type), quoted(a.name), a.weak ? quoted('weak') : EMPTY].join(',') +
        '\r\n',
    )
    .join('');
}
